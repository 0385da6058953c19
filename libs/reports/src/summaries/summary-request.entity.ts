import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { References } from '@r2c/core';

export const SUMMARY_REASONS = ['closed', 'on_demand'] as const;
export type SummaryReason = (typeof SUMMARY_REASONS)[number];

/**
 * A summary someone needs: written in the transaction that closes a cycle (or by an admin's request),
 * so it survives a Redis that is down; the worker's relay hands it to the summaries queue, and the
 * job that compiles it marks it compiled, exactly once.
 */
@Entity('summary_requests')
@Index('ix_summary_requests_pending', ['compiledAt', 'requestedAt'])
export class SummaryRequest {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @References('cycles', 'CASCADE')
  @Column({ name: 'cycle_id', type: 'varchar', length: 36 })
  cycleId: string;

  @Column({ type: 'varchar', length: 20 })
  reason: SummaryReason;

  @Column({ name: 'requested_by', type: 'varchar', length: 36, nullable: true })
  requestedBy: string | null;

  @Column({ name: 'requested_at' })
  requestedAt: Date;

  /** When a relay last handed it to the queue (wall clock); null until one has. */
  @Column({ name: 'enqueued_at', type: Date, nullable: true })
  enqueuedAt: Date | null;

  @Column({ name: 'compiled_at', type: Date, nullable: true })
  compiledAt: Date | null;

  /** The summary version this request produced. */
  @Column({ type: 'integer', nullable: true })
  version: number | null;
}
