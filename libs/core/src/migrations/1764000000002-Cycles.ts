import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { columnsFor } from '../database/columns';
import { foreignKey } from '../database/foreign-keys';

export class Cycles1764000000002 implements MigrationInterface {
  name = 'Cycles1764000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'indicators',
        columns: [
          c.id(),
          c.ref('initiative_id'),
          c.varchar('name', 200),
          c.varchar('unit', 60),
          c.varchar('kind', 20),
          c.varchar('direction', 20),
          c.number('baseline'),
          c.number('target'),
          c.varchar('template_key', 60, true),
          c.text('description', true),
          c.instant('created_at'),
          c.instant('updated_at'),
        ],
        foreignKeys: [foreignKey('initiative_id', 'initiatives', 'CASCADE')],
        indices: [{ name: 'uq_indicators_initiative_name', columnNames: ['initiative_id', 'name'], isUnique: true }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'cycles',
        columns: [
          c.id(),
          c.ref('initiative_id'),
          c.int('number'),
          c.varchar('title', 200),
          c.date('planned_start'),
          c.date('planned_end'),
          c.varchar('phase', 20),
          // equals initiative_id while the cycle is open and NULL once closed: a unique index on it lets
          // the database itself refuse a second open cycle, whatever races the application loses
          c.ref('open_initiative_id', true),
          c.json('hypothesis'),
          c.json('adaptation'),
          c.json('reflection'),
          c.json('carried_over'),
          c.instant('closed_at', true),
          c.instant('created_at'),
          c.instant('updated_at'),
        ],
        foreignKeys: [foreignKey('initiative_id', 'initiatives', 'CASCADE')],
        indices: [
          { name: 'uq_cycles_initiative_number', columnNames: ['initiative_id', 'number'], isUnique: true },
          { name: 'uq_cycles_one_open', columnNames: ['open_initiative_id'], isUnique: true },
          { name: 'ix_cycles_closed_at', columnNames: ['closed_at'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'evidence',
        columns: [
          c.id(),
          c.ref('cycle_id'),
          c.ref('initiative_id'),
          c.varchar('kind', 20),
          c.ref('indicator_id', true),
          c.number('value'),
          c.text('text', true),
          c.date('observed_on'),
          c.varchar('method', 20),
          c.varchar('source', 300, true),
          c.int('sample_size', true),
          c.ref('created_by', true),
          c.instant('created_at'),
        ],
        foreignKeys: [foreignKey('cycle_id', 'cycles', 'CASCADE'), foreignKey('indicator_id', 'indicators', 'RESTRICT')],
        indices: [
          { name: 'ix_evidence_cycle', columnNames: ['cycle_id', 'observed_on'] },
          { name: 'ix_evidence_indicator', columnNames: ['indicator_id', 'cycle_id'] },
          { name: 'ix_evidence_initiative', columnNames: ['initiative_id', 'created_at'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'reviews',
        columns: [
          c.id(),
          c.ref('cycle_id'),
          c.ref('author_id'),
          c.varchar('verdict', 20),
          c.text('body'),
          c.varchar('return_to', 20, true),
          c.instant('created_at'),
        ],
        foreignKeys: [foreignKey('cycle_id', 'cycles', 'CASCADE')],
        indices: [{ name: 'ix_reviews_cycle', columnNames: ['cycle_id', 'created_at'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'check_ins',
        columns: [
          c.id(),
          c.ref('initiative_id'),
          c.ref('author_id'),
          c.text('note'),
          c.text('blockers', true),
          c.text('help_wanted', true),
          c.instant('created_at'),
        ],
        foreignKeys: [foreignKey('initiative_id', 'initiatives', 'CASCADE')],
        indices: [{ name: 'ix_check_ins_initiative', columnNames: ['initiative_id', 'created_at'] }],
      }),
    );
    // The reminder scan reads this instead of the latest check-in row, so it stays one query.
    await queryRunner.addColumn('initiatives', new TableColumn(c.instant('last_check_in_at', true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Plain ALTER TABLE: TypeORM's dropColumn rebuilds a SQLite table, and reverts inside a transaction,
    // where SQLite keeps enforcing foreign keys; dropping the old initiatives would cascade into memberships.
    await queryRunner.query('ALTER TABLE initiatives DROP COLUMN last_check_in_at');
    for (const table of ['check_ins', 'reviews', 'evidence', 'cycles', 'indicators']) await queryRunner.dropTable(table);
  }
}
