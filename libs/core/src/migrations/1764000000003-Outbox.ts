import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnsFor } from '../database/columns';

export class Outbox1764000000003 implements MigrationInterface {
  name = 'Outbox1764000000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'outbox_messages',
        columns: [
          c.id(),
          c.varchar('idempotency_key', 300),
          c.varchar('kind', 40),
          c.varchar('to_address', 320),
          c.text('subject'),
          c.text('text_body'),
          c.text('html_body', true),
          c.json('headers'),
          c.varchar('status', 12),
          { ...c.int('attempts'), default: 0 },
          { ...c.int('generation'), default: 0 },
          c.text('last_error', true),
          c.instant('enqueued_at', true),
          c.instant('sent_at', true),
          c.instant('created_at'),
          c.instant('updated_at'),
        ],
        indices: [
          { name: 'uq_outbox_messages_idempotency_key', columnNames: ['idempotency_key'], isUnique: true },
          { name: 'ix_outbox_messages_status_enqueued_at', columnNames: ['status', 'enqueued_at'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('outbox_messages');
  }
}
