import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnsFor } from '../database/columns';
import { foreignKey } from '../database/foreign-keys';

/**
 * What a review told each person (their inbox, and how its email goes: at once, in the day's list or
 * not at all), and each person's choice for review emails. One row per event and person: the event is
 * the audit row of the review or of the move into review.
 */
export class ReviewNotifications1764000000060 implements MigrationInterface {
  name = 'ReviewNotifications1764000000060';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'notifications',
        columns: [
          c.id(),
          c.ref('user_id'),
          c.varchar('kind', 30),
          c.ref('event_id'),
          c.ref('cycle_id'),
          c.ref('initiative_id'),
          c.varchar('title', 300),
          c.text('body'),
          c.varchar('email_delivery', 20),
          c.date('batched_on', true),
          c.instant('created_at'),
          c.instant('read_at', true),
        ],
        indices: [
          { name: 'uq_notifications_event_user', columnNames: ['event_id', 'user_id'], isUnique: true },
          { name: 'ix_notifications_user', columnNames: ['user_id', 'created_at'] },
          { name: 'ix_notifications_daily', columnNames: ['email_delivery', 'batched_on'] },
        ],
        foreignKeys: [
          foreignKey('user_id', 'users', 'CASCADE'),
          foreignKey('cycle_id', 'cycles', 'CASCADE'),
          foreignKey('initiative_id', 'initiatives', 'CASCADE'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'notification_settings',
        columns: [{ ...c.ref('user_id'), isPrimary: true }, c.varchar('review_emails', 20), c.instant('updated_at')],
        foreignKeys: [foreignKey('user_id', 'users', 'CASCADE')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('notification_settings');
    await queryRunner.dropTable('notifications');
  }
}
