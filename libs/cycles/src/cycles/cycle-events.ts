import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Principal } from '@r2c/access';
import { Cycle } from './cycle.entity';

export type CycleClosedHandler = (em: EntityManager, cycle: Cycle, actor: Principal) => Promise<void>;

/**
 * Lets other modules (summaries) act on a cycle's approval inside the same transaction, without the
 * cycle module knowing them.
 */
@Injectable()
export class CycleEvents {
  private readonly closedHandlers: CycleClosedHandler[] = [];

  onClosed(handler: CycleClosedHandler): void {
    this.closedHandlers.push(handler);
  }

  async closed(em: EntityManager, cycle: Cycle, actor: Principal): Promise<void> {
    for (const handler of this.closedHandlers) await handler(em, cycle, actor);
  }
}
