import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { References } from '@r2c/core';
import type { AdaptationPlanning, FidelityAnswer, Permanence } from '../domain';

/** One dated change to the programme, logged against the cycle it happened in. */
@Entity('adaptations')
@Index('ix_adaptations_cycle', ['cycleId', 'madeOn'])
@Index('ix_adaptations_initiative', ['initiativeId', 'madeOn'])
export class AdaptationLogEntry {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @References('cycles', 'CASCADE')
  @Column({ name: 'cycle_id', type: 'varchar', length: 36 })
  cycleId: string;

  @References('initiatives', 'CASCADE')
  @Column({ name: 'initiative_id', type: 'varchar', length: 36 })
  initiativeId: string;

  @Column({ name: 'made_on', type: 'date' })
  madeOn: string;

  @Column({ name: 'what_changed', type: 'text' })
  whatChanged: string;

  @Column({ name: 'decided_by', type: 'varchar', length: 300 })
  decidedBy: string;

  @Column({ type: 'varchar', length: 20 })
  planning: AdaptationPlanning;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'fidelity_consistent', type: 'varchar', length: 10 })
  fidelityConsistent: FidelityAnswer;

  @Column({ type: 'varchar', length: 20 })
  permanence: Permanence;

  @Column({ name: 'created_by', type: 'varchar', length: 36, nullable: true })
  createdBy: string | null;

  @Column({ name: 'created_at' })
  createdAt: Date;
}
