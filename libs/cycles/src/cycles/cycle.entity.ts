import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Adaptation, Decision, Hypothesis, Phase, Reflection } from '../domain';

/** What a new cycle starts from: the previous cycle's decision and next steps. */
export interface CarriedOver {
  fromCycleId: string;
  fromCycleNumber: number;
  decision: Decision;
  nextSteps: string;
  insights: string;
}

@Entity('cycles')
export class Cycle {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

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

  @Column({ name: 'closed_at', type: Date, nullable: true })
  closedAt: Date | null;

  @Column({ name: 'created_at' })
  createdAt: Date;

  @Column({ name: 'updated_at' })
  updatedAt: Date;
}
