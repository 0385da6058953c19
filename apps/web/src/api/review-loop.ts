import type { DigestRunAnswer, Page, SummaryContent, SummaryListItem } from '@r2c/contracts';
import { get, post, put, query } from './client';

export type { ChangesSinceRequest, SectionChange, SummaryListItem, SummaryReview } from '@r2c/contracts';

export type NotificationKind = 'review_requested' | 'changes_requested' | 'approved' | 'comment';
export type ReviewEmails = 'immediately' | 'daily' | 'off';

/** One event of the review loop in the caller's inbox (GET /me/notifications). */
export interface InboxItem {
  id: string;
  kind: NotificationKind;
  cycleId: string;
  initiativeId: string;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

export type Inbox = Page<InboxItem> & { unread: number };

export type DigestSeries = 'weekly' | 'monthly';

export interface DigestPeriodChoice {
  periodStart: string;
  periodEnd: string;
  series?: DigestSeries;
}

/** What a digest would be, rendered without being stored or sent (POST /digests/preview). */
export interface DigestPreview {
  subject: string;
  html: string;
  text: string;
  /** How many people it would go to (a list of them in some versions). */
  recipients: number | unknown[];
  cyclesClosed: number;
}

/** The run's answer; `skipped` when the period had nothing to report and nothing was sent. */
export type DigestRun = Omit<DigestRunAnswer, 'status'> & { status: DigestRunAnswer['status'] | 'skipped' };

export const recipientCount = (preview: DigestPreview) => (Array.isArray(preview.recipients) ? preview.recipients.length : Number(preview.recipients));

export const reviewLoop = {
  summaries: (limit = 100, offset = 0) => get<Page<SummaryListItem>>(`/api/v1/summaries${query({ limit, offset })}`),
  /** The summary as it would read if the cycle were approved now. */
  draftSummary: (cycleId: string) => get<SummaryContent>(`/api/v1/cycles/${cycleId}/summary/draft`),

  inbox: (limit = 50) => get<Inbox>(`/api/v1/me/notifications${query({ limit })}`),
  markRead: (ids?: string[]) => post<void>('/api/v1/me/notifications/read', ids ? { ids } : {}),
  reviewEmails: () => get<{ reviewEmails: ReviewEmails }>('/api/v1/me/notification-settings'),
  chooseReviewEmails: (reviewEmails: ReviewEmails) => put<{ reviewEmails: ReviewEmails }>('/api/v1/me/notification-settings', { reviewEmails }),

  previewDigest: (body: DigestPeriodChoice) => post<DigestPreview>('/api/v1/digests/preview', body),
  runDigest: (body: DigestPeriodChoice) => post<DigestRun>('/api/v1/digests/run', body),
};
