import type { Page } from './access';
import type { IndicatorTemplate } from './cycles';
import type { StarterItem } from './surveys';
import type { MemberRole, Role } from './values';

/** Every error the API answers, whatever its status. */
export interface ApiError {
  statusCode: number;
  /** The status in words: "Conflict", "Not Found". */
  error: string;
  /** What went wrong, in plain words. */
  message: string;
  /** For a 400 each bad field (`{field, problems}`); for a refused move each rule, with the fields it is about. */
  details: unknown[];
}

/** PUT /me/password: the token to go on with (every other token of the account is refused from then on). */
export interface AccessTokenAnswer {
  accessToken: string;
}

/** POST /auth/password-reset: the same words whatever the email, so the answer tells nothing about accounts. */
export interface PasswordResetRequested {
  message: string;
}

/** POST /invitations/check: who the invitation link is for, so its page can greet them before they choose a password (the link is not spent). */
export interface InvitationLinkCheck {
  email: string;
  name: string;
  role: Role;
  /** Past this instant the link is refused. */
  expiresAt: string;
  /** The initiative the person joins on accepting, when the invitation names one. */
  initiativeTitle?: string;
  /** Their role in that initiative. */
  memberRole?: MemberRole;
}

/** POST /auth/password-reset/check: the account the reset link is for (the link is not spent). */
export interface PasswordResetLinkCheck {
  email: string;
  /** Past this instant the link is refused. */
  expiresAt: string;
}

/** POST /users/import: always `invalid: []` in a 200 (a list with bad lines is refused whole). */
export interface SubscriberImportResult {
  created: number;
  existing: number;
  invalid: { line: number; problem: string }[];
  dryRun: boolean;
}

/** One row of the audit trail: who changed what, when, before and after. */
export interface AuditEntryView {
  id: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  initiativeId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  at: string;
}

/** The secret address of a person's calendar feed. */
export interface CalendarFeedAddress {
  url: string;
}

/** POST /subscriptions/confirm */
export interface DigestSignupConfirmed {
  email: string;
  subscribed: true;
}

/** POST /unsubscribe (JSON) */
export interface Unsubscribed {
  unsubscribed: true;
  /** The address, partly hidden: the link may have been forwarded. */
  email: string;
  since: string;
}

/** What a reminder scan did. */
export interface ReminderScanResult {
  initiatives: number;
  due: number;
  emailsAdded: number;
}

/** POST /admin/reminders/run: queued for the worker, or (Redis unreachable) run in the request. */
export type ReminderRunAnswer = { queued: true; jobId: string } | { queued: false; result: ReminderScanResult };

export type DependencyStatus = 'ok' | 'down';

/** GET /health: 200 with `status: ok`, or 503 with `status: degraded`. */
export interface HealthView {
  status: 'ok' | 'degraded';
  db: DependencyStatus;
  redis: DependencyStatus;
  /** Jobs per queue and state, or "unknown" when Redis does not answer. */
  queues: Record<string, Record<string, number>> | 'unknown';
}

/** export.json: the documented export format (docs/export-format.md); each section is a list of rows. */
export interface ExportDocument {
  format: string;
  version: number;
  exportedAt: string;
  scope: { kind: 'initiative'; initiativeId: string } | { kind: 'coalition' };
  /** Rows per section. */
  counts: Record<string, number>;
  [section: string]: unknown;
}

export type IndicatorTemplatePage = Page<IndicatorTemplate>;
export type StarterItemPage = Page<StarterItem>;
