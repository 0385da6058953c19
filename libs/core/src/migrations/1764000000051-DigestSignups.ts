import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnsFor } from '../database/columns';
import { foreignKey } from '../database/foreign-keys';

/**
 * Digest sign-ups waiting for their confirmation link (and those already confirmed, with the account
 * they made). A pending sign-up is no account, so it never receives a digest. The link's token is
 * stored as its SHA-256 only.
 */
export class DigestSignups1764000000051 implements MigrationInterface {
  name = 'DigestSignups1764000000051';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'digest_signups',
        columns: [
          c.id(),
          c.varchar('email', 320),
          c.varchar('name', 200),
          c.varchar('token_hash', 64),
          c.instant('expires_at'),
          c.instant('confirmed_at', true),
          c.ref('user_id', true),
          c.instant('created_at'),
        ],
        indices: [
          { name: 'uq_digest_signups_token_hash', columnNames: ['token_hash'], isUnique: true },
          { name: 'ix_digest_signups_email', columnNames: ['email', 'created_at'] },
        ],
        foreignKeys: [foreignKey('user_id', 'users', 'SET NULL')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('digest_signups');
  }
}
