import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Principal } from '@r2c/access';
import type { Phase, ReviewVerdict } from '../domain';
import { Cycle } from './cycle.entity';

export type CycleClosedHandler = (em: EntityManager, cycle: Cycle, actor: Principal) => Promise<void>;

/** A step of the review loop: the cycle sent for review, or a coach's review of it. `eventId` is its audit row. */
export interface ReviewLoopEvent {
  eventId: string;
  cycle: Pick<Cycle, 'id' | 'initiativeId' | 'number' | 'title' | 'phase'>;
  actor: Principal;
  at: Date;
  /** Absent when the cycle was sent for review. */
  review?: { verdict: ReviewVerdict; body: string; returnTo: Phase | null };
}

export type ReviewLoopHandler = (em: EntityManager, event: ReviewLoopEvent) => Promise<void>;

/**
 * Lets other modules (summaries, notifications) act on a cycle's approval and on the steps of its
 * review inside the same transaction, without the cycle module knowing them.
 */
@Injectable()
export class CycleEvents {
  private readonly closedHandlers: CycleClosedHandler[] = [];
  private readonly reviewLoopHandlers: ReviewLoopHandler[] = [];

  onClosed(handler: CycleClosedHandler): void {
    this.closedHandlers.push(handler);
  }

  onReviewLoop(handler: ReviewLoopHandler): void {
    this.reviewLoopHandlers.push(handler);
  }

  async closed(em: EntityManager, cycle: Cycle, actor: Principal): Promise<void> {
    for (const handler of this.closedHandlers) await handler(em, cycle, actor);
  }

  async reviewLoop(em: EntityManager, event: ReviewLoopEvent): Promise<void> {
    for (const handler of this.reviewLoopHandlers) await handler(em, event);
  }
}
