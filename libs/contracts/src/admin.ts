import type { OutboxStatus } from './values';

/** One email of the outbox, as an admin sees it (GET /admin/outbox). */
export interface OutboxMessageView {
  id: string;
  kind: string;
  idempotencyKey: string;
  to: string;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}
