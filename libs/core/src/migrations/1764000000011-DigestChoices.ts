import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { columnsFor } from '../database/columns';

/** What each initiative lets reach the coalition digest, and how often each person wants it. */
export class DigestChoices1764000000011 implements MigrationInterface {
  name = 'DigestChoices1764000000011';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    await queryRunner.addColumn('initiatives', new TableColumn({ ...c.varchar('digest_sharing', 20), default: "'everything'" }));
    await queryRunner.addColumn('mail_preferences', new TableColumn({ ...c.varchar('digest_frequency', 10), default: "'weekly'" }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Plain ALTER TABLE: TypeORM's dropColumn rebuilds a SQLite table, and reverts inside a transaction,
    // where SQLite keeps enforcing foreign keys; dropping the old initiatives would cascade into memberships and cycles.
    await queryRunner.query('ALTER TABLE mail_preferences DROP COLUMN digest_frequency');
    await queryRunner.query('ALTER TABLE initiatives DROP COLUMN digest_sharing');
  }
}
