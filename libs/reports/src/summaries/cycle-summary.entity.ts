import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { References } from '@r2c/core';
import type { SummaryContent } from './summary-content';

/** One compiled version of a cycle's summary, in its three forms. Versions of a cycle count up from 1. */
@Entity('cycle_summaries')
@Index('ix_cycle_summaries_initiative', ['initiativeId', 'compiledAt'])
@Index('uq_cycle_summaries_cycle_version', ['cycleId', 'version'], { unique: true })
export class CycleSummary {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @References('cycles', 'CASCADE')
  @Column({ name: 'cycle_id', type: 'varchar', length: 36 })
  cycleId: string;

  @References('initiatives', 'CASCADE')
  @Column({ name: 'initiative_id', type: 'varchar', length: 36 })
  initiativeId: string;

  @Column({ type: 'integer' })
  version: number;

  /** The JSON form. */
  @Column({ type: 'simple-json' })
  content: SummaryContent;

  @Column({ type: 'text' })
  markdown: string;

  @Column({ type: 'text' })
  html: string;

  @Column({ name: 'compiled_at' })
  compiledAt: Date;
}
