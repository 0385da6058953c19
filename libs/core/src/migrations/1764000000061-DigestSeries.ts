import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Digests come in two series, weekly and monthly, each with its own periods; a digest with nothing to
 * report is kept as `skipped` (sent to no one) so that running its period again changes nothing.
 * Every digest compiled so far was a weekly one, and was sent.
 */
export class DigestSeries1764000000061 implements MigrationInterface {
  name = 'DigestSeries1764000000061';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Plain ALTER TABLE on both databases rather than TypeORM's SQLite table rebuild.
    await queryRunner.query("ALTER TABLE digests ADD COLUMN series varchar(10) NOT NULL DEFAULT 'weekly'");
    await queryRunner.query("ALTER TABLE digests ADD COLUMN status varchar(10) NOT NULL DEFAULT 'sent'");
    await queryRunner.query('DROP INDEX uq_digests_period');
    await queryRunner.query('CREATE UNIQUE INDEX uq_digests_series_period ON digests (series, period_start, period_end)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DELETE FROM digests WHERE series <> 'weekly'");
    await queryRunner.query('DROP INDEX uq_digests_series_period');
    await queryRunner.query('CREATE UNIQUE INDEX uq_digests_period ON digests (period_start, period_end)');
    await queryRunner.query('ALTER TABLE digests DROP COLUMN status');
    await queryRunner.query('ALTER TABLE digests DROP COLUMN series');
  }
}
