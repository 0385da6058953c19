import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnsFor } from '../database/columns';

/**
 * Sign-in security: a token version per account (tokens carrying an older one are refused), and
 * sign-in throttling kept as one counter per client address and per email, raised by a single atomic
 * upsert so that concurrent attempts are counted one by one. The counters replace login_failures.
 */
export class SignInSecurity1764000000031 implements MigrationInterface {
  name = 'SignInSecurity1764000000031';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Plain ALTER TABLE on both databases: TypeORM's addColumn rebuilds a SQLite table, and users has cascading references.
    await queryRunner.query('ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0');
    await queryRunner.createTable(
      new Table({
        name: 'login_throttle',
        columns: [
          { name: 'bucket', type: 'varchar', length: '400', isPrimary: true },
          { name: 'window_start_ms', type: 'bigint', isNullable: false },
          { name: 'failures', type: 'integer', isNullable: false },
        ],
        indices: [{ name: 'ix_login_throttle_window', columnNames: ['window_start_ms'] }],
      }),
    );
    await queryRunner.dropTable('login_failures');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    await queryRunner.createTable(new Table({ name: 'login_failures', columns: [c.id(), c.varchar('email', 320), c.varchar('address', 64), c.instant('at')] }));
    await queryRunner.createIndex('login_failures', new TableIndex({ name: 'ix_login_failures_email', columnNames: ['email', 'at'] }));
    await queryRunner.createIndex('login_failures', new TableIndex({ name: 'ix_login_failures_address', columnNames: ['address', 'at'] }));
    await queryRunner.dropTable('login_throttle');
    // Plain ALTER TABLE for the same reason as up: TypeORM reverts inside a transaction, where SQLite
    // keeps enforcing foreign keys, so a rebuilt users table would cascade into memberships.
    await queryRunner.query('ALTER TABLE users DROP COLUMN token_version');
  }
}
