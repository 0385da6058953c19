import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnsFor } from '../database/columns';
import { foreignKey } from '../database/foreign-keys';

/** The adaptation log (FRAME): one dated row per change to the programme, per cycle. */
export class AdaptationLog1764000000020 implements MigrationInterface {
  name = 'AdaptationLog1764000000020';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'adaptations',
        columns: [
          c.id(),
          c.ref('cycle_id'),
          c.ref('initiative_id'),
          c.date('made_on'),
          c.text('what_changed'),
          c.varchar('decided_by', 300),
          c.varchar('planning', 20),
          c.text('reason'),
          c.varchar('fidelity_consistent', 10),
          c.varchar('permanence', 20),
          c.ref('created_by', true),
          c.instant('created_at'),
        ],
        foreignKeys: [foreignKey('cycle_id', 'cycles', 'CASCADE'), foreignKey('initiative_id', 'initiatives', 'CASCADE')],
        indices: [
          { name: 'ix_adaptations_cycle', columnNames: ['cycle_id', 'made_on'] },
          // Run charts mark every adaptation of the initiative's cycles up to the one summarised.
          { name: 'ix_adaptations_initiative', columnNames: ['initiative_id', 'made_on'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('adaptations');
  }
}
