import type { OutboxMessageView } from '@r2c/contracts';
import { OutboxMessage } from './outbox-message.entity';

/** An outbox row as the admin API shows it: the one place its columns are mapped. */
export const toOutboxMessageView = (m: OutboxMessage): OutboxMessageView => ({
  id: m.id,
  kind: m.kind,
  idempotencyKey: m.idempotencyKey,
  to: m.toAddress,
  subject: m.subject,
  status: m.status,
  attempts: m.attempts,
  lastError: m.lastError,
  createdAt: new Date(m.createdAt).toISOString(),
  sentAt: m.sentAt ? new Date(m.sentAt).toISOString() : null,
});
