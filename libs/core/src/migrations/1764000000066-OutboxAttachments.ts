import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { columnsFor } from '../database/columns';

/** Inline images of an email (a summary's run charts as PNG), stored with it so that every attempt sends the same bytes. */
export class OutboxAttachments1764000000066 implements MigrationInterface {
  name = 'OutboxAttachments1764000000066';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('outbox_messages', new TableColumn(columnsFor(queryRunner).json('attachments')));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('outbox_messages', 'attachments');
  }
}
