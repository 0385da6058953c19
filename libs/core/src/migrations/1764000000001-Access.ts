import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnsFor } from '../database/columns';
import { foreignKey } from '../database/foreign-keys';

export class Access1764000000001 implements MigrationInterface {
  name = 'Access1764000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          c.id(),
          c.varchar('email', 320),
          c.varchar('name', 200),
          c.varchar('role', 20),
          c.varchar('password_hash', 255),
          c.bool('active', true),
          c.instant('created_at'),
          c.instant('updated_at'),
        ],
        indices: [{ name: 'uq_users_email', columnNames: ['email'], isUnique: true }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'libraries',
        columns: [
          c.id(),
          c.varchar('name', 200),
          c.varchar('city', 120),
          c.varchar('state', 60),
          c.varchar('community_type', 20),
          c.varchar('timezone', 64),
          c.instant('created_at'),
          c.instant('updated_at'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'initiatives',
        columns: [
          c.id(),
          c.ref('library_id'),
          c.varchar('title', 200),
          c.text('summary'),
          c.text('audience'),
          c.text('learning_question'),
          c.int('check_in_cadence_days'),
          c.date('start_date'),
          c.varchar('status', 20),
          c.instant('created_at'),
          c.instant('updated_at'),
        ],
        foreignKeys: [foreignKey('library_id', 'libraries', 'RESTRICT')],
        indices: [
          { name: 'ix_initiatives_library', columnNames: ['library_id'] },
          { name: 'ix_initiatives_status', columnNames: ['status'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'memberships',
        columns: [{ ...c.ref('initiative_id'), isPrimary: true }, { ...c.ref('user_id'), isPrimary: true }, c.varchar('role', 20), c.instant('created_at')],
        foreignKeys: [foreignKey('initiative_id', 'initiatives', 'CASCADE'), foreignKey('user_id', 'users', 'CASCADE')],
        indices: [{ name: 'ix_memberships_user', columnNames: ['user_id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'audit_entries',
        columns: [
          c.id(),
          c.ref('actor_id', true),
          c.varchar('action', 40),
          c.varchar('entity_type', 40),
          c.ref('entity_id'),
          c.ref('initiative_id', true),
          c.json('before'),
          c.json('after'),
          c.instant('at'),
        ],
        indices: [
          { name: 'ix_audit_entity', columnNames: ['entity_type', 'entity_id'] },
          { name: 'ix_audit_initiative', columnNames: ['initiative_id'] },
          { name: 'ix_audit_at', columnNames: ['at'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'login_failures',
        columns: [c.id(), c.varchar('email', 320), c.varchar('address', 64), c.instant('at')],
      }),
    );
    await queryRunner.createIndex('login_failures', new TableIndex({ name: 'ix_login_failures_email', columnNames: ['email', 'at'] }));
    await queryRunner.createIndex('login_failures', new TableIndex({ name: 'ix_login_failures_address', columnNames: ['address', 'at'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['login_failures', 'audit_entries', 'memberships', 'initiatives', 'libraries', 'users']) await queryRunner.dropTable(table);
  }
}
