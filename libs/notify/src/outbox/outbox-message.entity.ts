import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { OutboxStatus } from '@r2c/contracts';
import type { MailAttachment } from '../mail-transport';
import type { MailFill } from './mail-fills';

export { OUTBOX_STATUSES } from '@r2c/contracts';
export type { OutboxStatus } from '@r2c/contracts';

/**
 * One email the product asked for, written in the same transaction as the change that caused it.
 * Its instants record when the mail machinery acted, so they come from the wall clock, not from the
 * domain Clock that tests move.
 */
@Entity('outbox_messages')
@Index('uq_outbox_messages_idempotency_key', ['idempotencyKey'], { unique: true })
@Index('ix_outbox_messages_status_enqueued_at', ['status', 'enqueuedAt'])
export class OutboxMessage {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 300 })
  idempotencyKey: string;

  /** What the email is for: reminder, escalation, summary, digest, … */
  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @Column({ name: 'to_address', type: 'varchar', length: 320 })
  toAddress: string;

  @Column({ type: 'text' })
  subject: string;

  /** Empty when the body is shared (`bodyId`). */
  @Column({ name: 'text_body', type: 'text' })
  textBody: string;

  @Column({ name: 'html_body', type: 'text', nullable: true })
  htmlBody: string | null;

  @Column({ type: 'simple-json', nullable: true })
  headers: Record<string, string> | null;

  /** Inline images the HTML refers to by `cid:`, their bytes in base64. */
  @Column({ type: 'simple-json', nullable: true })
  attachments: MailAttachment[] | null;

  /** The shared body (outbox_bodies) this email is sent with, instead of its own text and HTML. */
  @Column({ name: 'body_id', type: 'varchar', length: 36, nullable: true })
  bodyId: string | null;

  /** This email's own pieces of the shared body (its links), put into the body's slots when it is sent. */
  @Column({ type: 'simple-json', nullable: true })
  fills: MailFill[] | null;

  @Column({ type: 'varchar', length: 12 })
  status: OutboxStatus;

  /** Delivery attempts made in this generation, the successful one included. */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** Bumped by an admin retry, so that the retry runs as a new BullMQ job. */
  @Column({ type: 'integer', default: 0 })
  generation: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /** When the relay last handed this generation to the mail queue; null until it has. */
  // `type: Date` says what reflection cannot see through `| null`; TypeORM still picks datetime or timestamp per database.
  @Column({ name: 'enqueued_at', type: Date, nullable: true })
  enqueuedAt: Date | null;

  @Column({ name: 'sent_at', type: Date, nullable: true })
  sentAt: Date | null;

  @Column({ name: 'created_at' })
  createdAt: Date;

  @Column({ name: 'updated_at' })
  updatedAt: Date;
}
