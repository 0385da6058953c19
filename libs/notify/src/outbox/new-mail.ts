import type { MailMessage } from '../mail-transport';
import { MailFill, SharedMailBody, SLOT } from './mail-fills';

/** An email to send later through the outbox; the idempotency key makes asking twice harmless. */
export interface NewMail extends MailMessage {
  /** What the email is for: reminder, escalation, summary, digest, … */
  kind: string;
  /**
   * Instead of its own text and HTML (left empty), a body many emails share, stored once however many
   * emails name the same object, with this email's own pieces put into its slots when it is sent.
   */
  shared?: { body: SharedMailBody; fills: MailFill[] };
}

export class InvalidMailError extends Error {}

export const MAIL_LIMITS = { idempotencyKey: 300, kind: 40, to: 320 } as const;

/**
 * Refuses an email the outbox could not store. This matters beyond PostgreSQL's own checks: SQLite's
 * INSERT OR IGNORE would silently drop a row that breaks a constraint, instead of failing.
 */
export function checkNewMail(mail: NewMail): void {
  const problem = (field: string, text: string) => new InvalidMailError(`Outbox email ${JSON.stringify(mail.idempotencyKey ?? null)}: ${field} ${text}`);
  const bounded = (field: 'idempotencyKey' | 'kind' | 'to') => {
    const value = mail[field];
    if (typeof value !== 'string' || value.trim() === '') throw problem(field, 'is required');
    if (value.length > MAIL_LIMITS[field]) throw problem(field, `is longer than ${MAIL_LIMITS[field]} characters`);
  };
  bounded('idempotencyKey');
  bounded('kind');
  bounded('to');
  if (!mail.to.includes('@')) throw problem('to', `is not an email address (got ${JSON.stringify(mail.to)})`);
  if (typeof mail.subject !== 'string') throw problem('subject', 'is required');
  if (typeof mail.text !== 'string') throw problem('text', 'is required');
  if (mail.shared) {
    if (mail.text !== '' || mail.html !== undefined) throw problem('text', 'must be empty when the body is shared');
    if (typeof mail.shared.body.text !== 'string') throw problem('shared body text', 'is required');
    for (const fill of mail.shared.fills)
      if (!SLOT.test(fill.slot)) throw problem('slot', `must be 16 to 100 letters, digits and dashes (got ${JSON.stringify(fill.slot)})`);
  }
}

/** The first email per key wins, as it would in the table. */
export function distinctByKey(messages: NewMail[]): NewMail[] {
  const seen = new Set<string>();
  return messages.filter((m) => !seen.has(m.idempotencyKey) && seen.add(m.idempotencyKey));
}

export function pageOf(query: { limit?: number; offset?: number }): { limit: number; offset: number } {
  const whole = (n: number | undefined, fallback: number) => (n === undefined || !Number.isFinite(n) ? fallback : Math.trunc(n));
  return { limit: Math.min(100, Math.max(1, whole(query.limit, 20))), offset: Math.max(0, whole(query.offset, 0)) };
}

/** An error as one bounded line for last_error. */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').trim().slice(0, 2000) || 'unknown error';
}
