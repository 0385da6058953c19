import { MigrationInterface, QueryRunner } from 'typeorm';

/** When a cycle entered its current phase ("days in phase"), set on every move; existing cycles take it from their last move in the audit log. */
export class CyclePhaseEnteredAt1764000000082 implements MigrationInterface {
  name = 'CyclePhaseEnteredAt1764000000082';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    await queryRunner.query(`ALTER TABLE cycles ADD COLUMN phase_entered_at ${postgres ? 'timestamptz' : 'datetime'} NULL`);
    await queryRunner.query(
      `UPDATE cycles SET phase_entered_at = COALESCE(
         (SELECT MAX(a.at) FROM audit_entries a
           WHERE a.entity_type = 'cycle' AND a.entity_id = cycles.id
             AND (a.action LIKE 'transition:%' OR a.action LIKE 'approve:%' OR a.action LIKE 'request_changes:%')),
         created_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE cycles DROP COLUMN phase_entered_at');
  }
}
