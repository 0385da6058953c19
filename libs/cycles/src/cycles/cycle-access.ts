import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessPolicy } from '@r2c/access';
import type { InitiativeAccess, Permission, Principal } from '@r2c/access';
import { canChangeWork } from '../domain';
import { Cycle } from './cycle.entity';
import { assertAllowed } from './refusal';

export interface CycleAccess extends InitiativeAccess {
  cycle: Cycle;
}

/** Loads a cycle and asks the access policy about it: a cycle is visible exactly when its initiative is. */
@Injectable()
export class CycleAccessPolicy {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
  ) {}

  async cycle(actor: Principal, cycleId: string, permission: Permission, em?: EntityManager): Promise<CycleAccess> {
    const cycle = await (em ?? this.dataSource.manager).findOne(Cycle, { where: { id: cycleId } });
    if (!cycle) throw new NotFoundException('No cycle with this id.');
    return { cycle, ...(await this.policy.require(actor, permission, { cycle }, em)) };
  }

  /** For a change to the cycle's work: the permission, then 409 when its initiative is completed. */
  async forWork(actor: Principal, cycleId: string, permission: Permission, em: EntityManager): Promise<CycleAccess> {
    const access = await this.cycle(actor, cycleId, permission, em);
    assertAllowed(canChangeWork(access.initiative));
    return access;
  }
}
