import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { References } from '@r2c/core';
import type { EvidenceKind, EvidenceMethod } from '../domain';

@Entity('evidence')
@Index('ix_evidence_cycle', ['cycleId', 'observedOn'])
@Index('ix_evidence_indicator', ['indicatorId', 'cycleId'])
@Index('ix_evidence_initiative', ['initiativeId', 'createdAt'])
export class Evidence {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @References('cycles', 'CASCADE')
  @Column({ name: 'cycle_id', type: 'varchar', length: 36 })
  cycleId: string;

  @Column({ name: 'initiative_id', type: 'varchar', length: 36 })
  initiativeId: string;

  @Column({ type: 'varchar', length: 20 })
  kind: EvidenceKind;

  @References('indicators', 'RESTRICT')
  @Column({ name: 'indicator_id', type: 'varchar', length: 36, nullable: true })
  indicatorId: string | null;

  @Column({ type: 'double precision', nullable: true })
  value: number | null;

  @Column({ type: 'text', nullable: true })
  text: string | null;

  @Column({ name: 'observed_on', type: 'date' })
  observedOn: string;

  @Column({ type: 'varchar', length: 20 })
  method: EvidenceMethod;

  @Column({ type: 'varchar', length: 300, nullable: true })
  source: string | null;

  @Column({ name: 'sample_size', type: 'integer', nullable: true })
  sampleSize: number | null;

  @Column({ name: 'created_by', type: 'varchar', length: 36, nullable: true })
  createdBy: string | null;

  @Column({ name: 'created_at' })
  createdAt: Date;

  /** Set when the entry is removed; a removed entry counts nowhere, and can be restored while its phase is editable. */
  @Column({ name: 'removed_at', type: Date, nullable: true })
  removedAt: Date | null;
}
