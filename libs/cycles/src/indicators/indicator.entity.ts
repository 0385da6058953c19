import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { References } from '@r2c/core';
import type { Direction, IndicatorKind } from '../domain';

@Entity('indicators')
@Index('uq_indicators_initiative_name', ['initiativeId', 'name'], { unique: true })
export class Indicator {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @References('initiatives', 'CASCADE')
  @Column({ name: 'initiative_id', type: 'varchar', length: 36 })
  initiativeId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 60 })
  unit: string;

  @Column({ type: 'varchar', length: 20 })
  kind: IndicatorKind;

  @Column({ type: 'varchar', length: 20 })
  direction: Direction;

  @Column({ type: 'double precision', nullable: true })
  baseline: number | null;

  @Column({ type: 'double precision', nullable: true })
  target: number | null;

  @Column({ name: 'template_key', type: 'varchar', length: 60, nullable: true })
  templateKey: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'created_at' })
  createdAt: Date;

  @Column({ name: 'updated_at' })
  updatedAt: Date;
}
