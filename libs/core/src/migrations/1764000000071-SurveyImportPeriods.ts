import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A survey import is either the cycle's baseline (`before` the change) or its result (`after`). Every
 * import made before this migration was an `after` import.
 */
export class SurveyImportPeriods1764000000071 implements MigrationInterface {
  name = 'SurveyImportPeriods1764000000071';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Plain ALTER TABLE on both databases: TypeORM's addColumn rebuilds a SQLite table, and survey_answers cascades from survey_imports.
    await queryRunner.query("ALTER TABLE survey_imports ADD COLUMN period varchar(10) NOT NULL DEFAULT 'after'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE survey_imports DROP COLUMN period');
  }
}
