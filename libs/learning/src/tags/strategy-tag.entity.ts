import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { References } from '@r2c/core';

/** A strategy from the coalition's curated list. Retiring hides it from the picker; cycles keep it. */
@Entity('strategy_tags')
@Index('uq_strategy_tags_name', ['name'], { unique: true })
export class StrategyTag {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 60 })
  name: string;

  @Column({ name: 'retired_at', type: Date, nullable: true })
  retiredAt: Date | null;

  @Column({ name: 'created_at' })
  createdAt: Date;
}

/** A cycle's hypothesis tagged with a strategy. */
@Entity('cycle_tags')
@Index('ix_cycle_tags_tag', ['tagId'])
export class CycleTag {
  @References('cycles', 'CASCADE')
  @PrimaryColumn({ name: 'cycle_id', type: 'varchar', length: 36 })
  cycleId: string;

  @References('strategy_tags', 'RESTRICT')
  @PrimaryColumn({ name: 'tag_id', type: 'varchar', length: 36 })
  tagId: string;
}
