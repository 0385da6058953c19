import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnsFor } from '../database/columns';

/** The upgrade that made a digest link expire: the link tokens, not the schema, changed. */
export const DIGEST_LINK_EXPIRY_UPGRADE = 'digest_link_expiry';

/**
 * When an upgrade that changes what stored or sent data means was applied, by name. Digest links sent
 * before DIGEST_LINK_EXPIRY_UPGRADE carry no expiry; they work until 90 days after the time recorded here.
 */
export class DigestLinkExpiry1764000000030 implements MigrationInterface {
  name = 'DigestLinkExpiry1764000000030';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    const postgres = queryRunner.connection.options.type === 'postgres';
    await queryRunner.createTable(new Table({ name: 'schema_upgrades', columns: [{ ...c.varchar('name', 100), isPrimary: true }, c.instant('applied_at')] }));
    // An ISO instant with its Z, so SQLite's text reads back as the same instant in every time zone.
    await queryRunner.query(`INSERT INTO schema_upgrades (name, applied_at) VALUES (${postgres ? '$1, $2' : '?, ?'})`, [
      DIGEST_LINK_EXPIRY_UPGRADE,
      new Date().toISOString(),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('schema_upgrades');
  }
}
