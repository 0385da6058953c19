import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnsFor } from '../database/columns';
import { foreignKey } from '../database/foreign-keys';

export class Summaries1764000000004 implements MigrationInterface {
  name = 'Summaries1764000000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'cycle_summaries',
        columns: [
          c.id(),
          c.ref('cycle_id'),
          c.ref('initiative_id'),
          c.int('version'),
          c.json('content', false),
          c.text('markdown'),
          c.text('html'),
          c.instant('compiled_at'),
        ],
        foreignKeys: [foreignKey('cycle_id', 'cycles', 'CASCADE'), foreignKey('initiative_id', 'initiatives', 'CASCADE')],
        indices: [
          { name: 'uq_cycle_summaries_cycle_version', columnNames: ['cycle_id', 'version'], isUnique: true },
          { name: 'ix_cycle_summaries_initiative', columnNames: ['initiative_id', 'compiled_at'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'summary_requests',
        columns: [
          c.id(),
          c.ref('cycle_id'),
          c.varchar('reason', 20),
          c.ref('requested_by', true),
          c.instant('requested_at'),
          c.instant('enqueued_at', true),
          c.instant('compiled_at', true),
          c.int('version', true),
        ],
        foreignKeys: [foreignKey('cycle_id', 'cycles', 'CASCADE')],
        // The relay looks for requests not compiled yet; this keeps that a short index range scan.
        indices: [{ name: 'ix_summary_requests_pending', columnNames: ['compiled_at', 'requested_at'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('summary_requests');
    await queryRunner.dropTable('cycle_summaries');
  }
}
