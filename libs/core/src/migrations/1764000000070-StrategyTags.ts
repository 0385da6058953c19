import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnsFor, newId } from '../database/columns';
import { foreignKey } from '../database/foreign-keys';

/** The starter list, in the seed guides' words. */
export const STARTER_STRATEGY_TAGS = [
  'Gathering design',
  'Passive programming',
  'World café',
  'Coffee & conversation',
  'Community-led planning',
  'Partnerships',
  'Bilingual welcome',
  'Intergenerational',
];

/** The coalition's curated strategy tags, and which cycles carry them (for the evidence base). */
export class StrategyTags1764000000070 implements MigrationInterface {
  name = 'StrategyTags1764000000070';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'strategy_tags',
        columns: [c.id(), c.varchar('name', 60), c.instant('retired_at', true), c.instant('created_at')],
        indices: [{ name: 'uq_strategy_tags_name', columnNames: ['name'], isUnique: true }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'cycle_tags',
        columns: [
          { ...c.ref('cycle_id'), isPrimary: true },
          { ...c.ref('tag_id'), isPrimary: true },
        ],
        indices: [{ name: 'ix_cycle_tags_tag', columnNames: ['tag_id'] }],
        foreignKeys: [foreignKey('cycle_id', 'cycles', 'CASCADE'), foreignKey('tag_id', 'strategy_tags', 'RESTRICT')],
      }),
    );
    const postgres = queryRunner.connection.options.type === 'postgres';
    // The format TypeORM itself writes an instant in, on each database.
    const now = postgres ? new Date().toISOString() : new Date().toISOString().replace('T', ' ').replace('Z', '');
    for (const name of STARTER_STRATEGY_TAGS)
      await queryRunner.query(`INSERT INTO strategy_tags (id, name, created_at) VALUES (${postgres ? '$1, $2, $3' : '?, ?, ?'})`, [newId(), name, now]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('cycle_tags');
    await queryRunner.dropTable('strategy_tags');
  }
}
