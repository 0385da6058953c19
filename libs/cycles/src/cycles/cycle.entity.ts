import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { References } from '@r2c/core';
import type { CarriedOver } from '@r2c/contracts';
import type { Adaptation, Hypothesis, Phase, Reflection } from '../domain';

export type { CarriedOver } from '@r2c/contracts';

@Entity('cycles')
@Index('uq_cycles_initiative_number', ['initiativeId', 'number'], { unique: true })
@Index('uq_cycles_one_open', ['openInitiativeId'], { unique: true })
@Index('ix_cycles_closed_at', ['closedAt'])
export class Cycle {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @References('initiatives', 'CASCADE')
  @Column({ name: 'initiative_id', type: 'varchar', length: 36 })
  initiativeId: string;

  @Column({ type: 'integer' })
  number: number;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ name: 'planned_start', type: 'date' })
  plannedStart: string;

  @Column({ name: 'planned_end', type: 'date' })
  plannedEnd: string;

  @Column({ type: 'varchar', length: 20 })
  phase: Phase;

  @Column({ name: 'open_initiative_id', type: 'varchar', length: 36, nullable: true })
  openInitiativeId: string | null;

  @Column({ type: 'simple-json', nullable: true })
  hypothesis: Hypothesis | null;

  @Column({ type: 'simple-json', nullable: true })
  adaptation: Adaptation | null;

  @Column({ type: 'simple-json', nullable: true })
  reflection: Reflection | null;

  @Column({ name: 'carried_over', type: 'simple-json', nullable: true })
  carriedOver: CarriedOver | null;

  /** When the cycle entered its current phase; empty only on rows written before it was kept. */
  @Column({ name: 'phase_entered_at', type: Date, nullable: true })
  phaseEnteredAt: Date | null;

  @Column({ name: 'closed_at', type: Date, nullable: true })
  closedAt: Date | null;

  @Column({ name: 'created_at' })
  createdAt: Date;

  @Column({ name: 'updated_at' })
  updatedAt: Date;
}
