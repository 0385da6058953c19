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

/** A short-lived token that opens the queue dashboard and nothing else (POST /admin/queue-dashboard/session). */
export interface QueueDashboardSession {
  token: string;
  /** Seconds the token (and the dashboard's cookie) lasts. */
  expiresIn: number;
  /** The dashboard's address with the token: open it in the browser. */
  url: string;
}
