import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnsFor } from '../database/columns';
import { foreignKey } from '../database/foreign-keys';

/** One row per person who has asked for a calendar feed address: the version that works (the address itself is signed, never stored). */
export class CalendarFeeds1764000000062 implements MigrationInterface {
  name = 'CalendarFeeds1764000000062';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'calendar_feeds',
        columns: [{ ...c.ref('user_id'), isPrimary: true }, c.int('version'), c.instant('updated_at')],
        foreignKeys: [foreignKey('user_id', 'users', 'CASCADE')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('calendar_feeds');
  }
}
