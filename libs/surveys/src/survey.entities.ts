import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { References } from '@r2c/core';
import type { SurveyPeriod } from '@r2c/contracts';
import type { FormsSource } from './forms-csv/forms-csv';

/** An initiative's survey: its title and the words of its 1–5 scale. No row means the defaults. */
@Entity('survey_instruments')
export class SurveyInstrument {
  @References('initiatives', 'CASCADE')
  @PrimaryColumn({ name: 'initiative_id', type: 'varchar', length: 36 })
  initiativeId: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** Five labels, for 1 to 5: Forms may export the label instead of the number. */
  @Column({ name: 'scale_labels', type: 'simple-json' })
  scaleLabels: string[];

  @Column({ name: 'created_at' })
  createdAt: Date;

  @Column({ name: 'updated_at' })
  updatedAt: Date;
}

/** One statement respondents rate 1–5, tied to the outcome it speaks to and the indicator its mean is recorded on. */
@Entity('survey_items')
@Index('uq_survey_items_initiative_text', ['initiativeId', 'text'], { unique: true })
@Index('ix_survey_items_indicator', ['indicatorId'])
export class SurveyItem {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @References('initiatives', 'CASCADE')
  @Column({ name: 'initiative_id', type: 'varchar', length: 36 })
  initiativeId: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 500 })
  text: string;

  @Column({ type: 'varchar', length: 120 })
  outcome: string;

  @References('indicators', 'RESTRICT')
  @Column({ name: 'indicator_id', type: 'varchar', length: 36 })
  indicatorId: string;

  /** The starter item it came from, if any. */
  @Column({ name: 'starter_key', type: 'varchar', length: 60, nullable: true })
  starterKey: string | null;

  @Column({ name: 'created_at' })
  createdAt: Date;

  @Column({ name: 'updated_at' })
  updatedAt: Date;
}

export interface ImportedColumn {
  column: number;
  header: string;
  itemId: string;
}

@Entity('survey_imports')
@Index('ix_survey_imports_initiative', ['initiativeId', 'importedAt'])
@Index('ix_survey_imports_cycle', ['cycleId'])
export class SurveyImport {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @References('initiatives', 'CASCADE')
  @Column({ name: 'initiative_id', type: 'varchar', length: 36 })
  initiativeId: string;

  @References('cycles', 'CASCADE')
  @Column({ name: 'cycle_id', type: 'varchar', length: 36 })
  cycleId: string;

  @Column({ type: 'varchar', length: 30 })
  source: FormsSource;

  /** `before`: the cycle's baseline, answered before its change (no evidence entries); `after`: answers to the change. */
  @Column({ type: 'varchar', length: 10, default: 'after' })
  period: SurveyPeriod;

  @Column({ name: 'observed_on', type: 'date' })
  observedOn: string;

  /** Rows imported (responses that answered at least one mapped item). */
  @Column({ type: 'integer' })
  responses: number;

  /** Only the mapped columns: their position, header (the item's wording) and item. */
  @Column({ type: 'simple-json' })
  columns: ImportedColumn[];

  @Column({ name: 'evidence_ids', type: 'simple-json' })
  evidenceIds: string[];

  @Column({ name: 'imported_by', type: 'varchar', length: 36, nullable: true })
  importedBy: string | null;

  @Column({ name: 'imported_at' })
  importedAt: Date;
}

@Entity('survey_answers')
@Index('ix_survey_answers_item_cycle', ['itemId', 'cycleId'])
@Index('ix_survey_answers_import', ['importId'])
export class SurveyAnswer {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @References('survey_imports', 'CASCADE')
  @Column({ name: 'import_id', type: 'varchar', length: 36 })
  importId: string;

  @References('cycles', 'CASCADE')
  @Column({ name: 'cycle_id', type: 'varchar', length: 36 })
  cycleId: string;

  @References('survey_items', 'RESTRICT')
  @Column({ name: 'item_id', type: 'varchar', length: 36 })
  itemId: string;

  /** The response's number within its import (1, 2, …): which answers came from one person, never who. */
  @Column({ type: 'integer' })
  response: number;

  @Column({ type: 'integer' })
  value: number;
}
