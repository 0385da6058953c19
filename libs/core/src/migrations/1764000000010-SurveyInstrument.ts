import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnsFor } from '../database/columns';
import { foreignKey } from '../database/foreign-keys';

export class SurveyInstrument1764000000010 implements MigrationInterface {
  name = 'SurveyInstrument1764000000010';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'survey_instruments',
        columns: [
          { ...c.ref('initiative_id'), isPrimary: true },
          c.varchar('title', 200),
          c.json('scale_labels', false),
          c.instant('created_at'),
          c.instant('updated_at'),
        ],
        foreignKeys: [foreignKey('initiative_id', 'initiatives', 'CASCADE')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'survey_items',
        columns: [
          c.id(),
          c.ref('initiative_id'),
          c.int('position'),
          c.varchar('text', 500),
          c.varchar('outcome', 120),
          c.ref('indicator_id'),
          c.varchar('starter_key', 60, true),
          c.instant('created_at'),
          c.instant('updated_at'),
        ],
        foreignKeys: [foreignKey('initiative_id', 'initiatives', 'CASCADE'), foreignKey('indicator_id', 'indicators', 'RESTRICT')],
        indices: [
          // Columns are matched to items by their wording, so one instrument never asks the same thing twice.
          { name: 'uq_survey_items_initiative_text', columnNames: ['initiative_id', 'text'], isUnique: true },
          { name: 'ix_survey_items_indicator', columnNames: ['indicator_id'] },
        ],
      }),
    );
    // What an import keeps: where its answers went and how many there were; never the file itself.
    await queryRunner.createTable(
      new Table({
        name: 'survey_imports',
        columns: [
          c.id(),
          c.ref('initiative_id'),
          c.ref('cycle_id'),
          c.varchar('source', 30),
          c.date('observed_on'),
          c.int('responses'),
          c.json('columns', false),
          c.json('evidence_ids', false),
          c.ref('imported_by', true),
          c.instant('imported_at'),
        ],
        foreignKeys: [foreignKey('initiative_id', 'initiatives', 'CASCADE'), foreignKey('cycle_id', 'cycles', 'CASCADE')],
        indices: [
          { name: 'ix_survey_imports_initiative', columnNames: ['initiative_id', 'imported_at'] },
          { name: 'ix_survey_imports_cycle', columnNames: ['cycle_id'] },
        ],
      }),
    );
    // One row per answer to a mapped item (1–5): the distributions are counted from here, in SQL.
    await queryRunner.createTable(
      new Table({
        name: 'survey_answers',
        columns: [c.id(), c.ref('import_id'), c.ref('cycle_id'), c.ref('item_id'), c.int('response'), c.int('value')],
        foreignKeys: [
          foreignKey('import_id', 'survey_imports', 'CASCADE'),
          foreignKey('cycle_id', 'cycles', 'CASCADE'),
          foreignKey('item_id', 'survey_items', 'RESTRICT'),
        ],
        indices: [
          { name: 'ix_survey_answers_item_cycle', columnNames: ['item_id', 'cycle_id'] },
          { name: 'ix_survey_answers_import', columnNames: ['import_id'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['survey_answers', 'survey_imports', 'survey_items', 'survey_instruments']) await queryRunner.dropTable(table);
  }
}
