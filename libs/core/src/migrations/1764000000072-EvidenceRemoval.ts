import { MigrationInterface, QueryRunner } from 'typeorm';

/** Removing an evidence entry marks it (so it can be restored while its phase is editable) instead of deleting the row. */
export class EvidenceRemoval1764000000072 implements MigrationInterface {
  name = 'EvidenceRemoval1764000000072';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    // Plain ALTER TABLE on both databases: TypeORM's addColumn rebuilds a SQLite table, and evidence has references.
    await queryRunner.query(`ALTER TABLE evidence ADD COLUMN removed_at ${postgres ? 'timestamptz' : 'datetime'} NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM evidence WHERE removed_at IS NOT NULL');
    await queryRunner.query('ALTER TABLE evidence DROP COLUMN removed_at');
  }
}
