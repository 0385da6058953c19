import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnsFor } from '../database/columns';
import { foreignKey } from '../database/foreign-keys';

export class Digests1764000000005 implements MigrationInterface {
  name = 'Digests1764000000005';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'digests',
        columns: [
          c.id(),
          c.date('period_start'),
          c.date('period_end'),
          c.json('content', false),
          c.text('html'),
          c.text('text'),
          c.int('recipients'),
          c.instant('compiled_at'),
        ],
        // One digest per period, whichever process or retry compiles it.
        indices: [
          { name: 'uq_digests_period', columnNames: ['period_start', 'period_end'], isUnique: true },
          { name: 'ix_digests_compiled_at', columnNames: ['compiled_at'] },
        ],
      }),
    );
    // A table of its own rather than a users column: mail choices grow without touching the account.
    await queryRunner.createTable(
      new Table({
        name: 'mail_preferences',
        columns: [{ ...c.ref('user_id'), isPrimary: true }, c.instant('digest_unsubscribed_at', true), c.instant('updated_at')],
        foreignKeys: [foreignKey('user_id', 'users', 'CASCADE')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('mail_preferences');
    await queryRunner.dropTable('digests');
  }
}
