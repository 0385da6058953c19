import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnsFor } from '../database/columns';
import { foreignKey } from '../database/foreign-keys';

/**
 * Invitations and password resets: single-use links whose tokens are kept only as SHA-256 hashes.
 * An invitation's pending_email equals its email while it is pending and is NULL once it is accepted,
 * replaced or revoked: a unique index on it lets the database refuse two pending invitations for one
 * email, whatever races the application loses.
 */
export class InvitationsAndResets1764000000050 implements MigrationInterface {
  name = 'InvitationsAndResets1764000000050';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'invitations',
        columns: [
          c.id(),
          c.varchar('email', 320),
          c.varchar('pending_email', 320, true),
          c.varchar('name', 200),
          c.varchar('role', 20),
          c.ref('initiative_id', true),
          c.varchar('member_role', 20, true),
          c.varchar('token_hash', 64),
          c.varchar('status', 20),
          c.instant('expires_at'),
          c.ref('invited_by', true),
          c.ref('user_id', true),
          c.instant('ended_at', true),
          c.instant('created_at'),
        ],
        foreignKeys: [
          foreignKey('initiative_id', 'initiatives', 'CASCADE'),
          foreignKey('invited_by', 'users', 'SET NULL'),
          foreignKey('user_id', 'users', 'SET NULL'),
        ],
        indices: [
          { name: 'uq_invitations_token_hash', columnNames: ['token_hash'], isUnique: true },
          { name: 'uq_invitations_pending_email', columnNames: ['pending_email'], isUnique: true },
          { name: 'ix_invitations_email', columnNames: ['email'] },
          { name: 'ix_invitations_status', columnNames: ['status', 'created_at'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'password_resets',
        columns: [
          c.id(),
          c.ref('user_id'),
          c.varchar('token_hash', 64),
          c.varchar('status', 20),
          c.instant('expires_at'),
          c.instant('ended_at', true),
          c.instant('created_at'),
        ],
        foreignKeys: [foreignKey('user_id', 'users', 'CASCADE')],
        indices: [
          { name: 'uq_password_resets_token_hash', columnNames: ['token_hash'], isUnique: true },
          { name: 'ix_password_resets_user', columnNames: ['user_id', 'status'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('password_resets');
    await queryRunner.dropTable('invitations');
  }
}
