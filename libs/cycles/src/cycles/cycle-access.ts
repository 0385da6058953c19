import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
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
  constructor(private readonly policy: AccessPolicy) {}

  async cycle(actor: Principal, cycleId: string, permission: Permission, em?: EntityManager): Promise<CycleAccess> {
    return this.policy.requireOnCycle(actor, permission, Cycle, cycleId, em);
  }

  /** For a change to the cycle's work: the permission, then 409 when its initiative is completed. */
  async forWork(actor: Principal, cycleId: string, permission: Permission, em: EntityManager): Promise<CycleAccess> {
    const access = await this.cycle(actor, cycleId, permission, em);
    assertAllowed(canChangeWork(access.initiative));
    return access;
  }
}
