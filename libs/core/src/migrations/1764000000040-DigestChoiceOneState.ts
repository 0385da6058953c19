import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person's digest choice becomes one column: digest_frequency `none` is unsubscribed. Whoever the
 * old digest_unsubscribed_at marked (by the one-click link, whatever frequency they had chosen before)
 * gets `none`, and updated_at keeps since when, which the unsubscribe answer reports.
 */
export class DigestChoiceOneState1764000000040 implements MigrationInterface {
  name = 'DigestChoiceOneState1764000000040';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "UPDATE mail_preferences SET digest_frequency = 'none', updated_at = digest_unsubscribed_at WHERE digest_unsubscribed_at IS NOT NULL",
    );
    // Plain ALTER TABLE on both databases (SQLite has had DROP COLUMN since 3.35) rather than TypeORM's table rebuild.
    await queryRunner.query('ALTER TABLE mail_preferences DROP COLUMN digest_unsubscribed_at');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    await queryRunner.query(`ALTER TABLE mail_preferences ADD COLUMN digest_unsubscribed_at ${postgres ? 'timestamptz' : 'datetime'} NULL`);
    await queryRunner.query("UPDATE mail_preferences SET digest_unsubscribed_at = updated_at WHERE digest_frequency = 'none'");
  }
}
