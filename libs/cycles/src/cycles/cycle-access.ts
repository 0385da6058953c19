import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessPolicy } from '@r2c/access';
import type { InitiativeAccess, InitiativeAction, Principal } from '@r2c/access';
import { Cycle } from './cycle.entity';

export interface CycleAccess extends InitiativeAccess {
  cycle: Cycle;
}

/** A cycle is visible exactly when its initiative is: the one policy decides. */
@Injectable()
export class CycleAccessPolicy {
  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly policy: AccessPolicy) {}

  async cycle(actor: Principal, cycleId: string, action: InitiativeAction, em?: EntityManager): Promise<CycleAccess> {
    const cycle = await (em ?? this.dataSource.manager).findOne(Cycle, { where: { id: cycleId } });
    if (!cycle) throw new NotFoundException('No cycle with this id.');
    try {
      return { cycle, ...(await this.policy.initiative(actor, cycle.initiativeId, action, em)) };
    } catch (error) {
      if (error instanceof NotFoundException) throw new NotFoundException('No cycle with this id.');
      throw error;
    }
  }
}
