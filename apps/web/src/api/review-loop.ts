import type {
  DigestPreview,
  DigestRunAnswer,
  DigestSeries,
  NotificationSettingsView,
  NotificationsPage,
  NotificationView,
  Page,
  ReviewEmailChoice,
  SummaryContent,
  SummaryListItem,
} from '@r2c/contracts';
import { get, post, put, query } from './client';

export type { ChangesSinceRequest, DigestPreview, DigestSeries, NotificationKind, SectionChange, SummaryListItem, SummaryReview } from '@r2c/contracts';

/** The caller's inbox (GET /me/notifications), with the unread count the header shows. */
export type Inbox = NotificationsPage;
export type InboxItem = NotificationView;
export type ReviewEmails = ReviewEmailChoice;

export interface DigestPeriodChoice {
  periodStart: string;
  periodEnd: string;
  series?: DigestSeries;
}

export type DigestRun = DigestRunAnswer;

export const reviewLoop = {
  summaries: (limit = 100, offset = 0) => get<Page<SummaryListItem>>(`/api/v1/summaries${query({ limit, offset })}`),
  /** The summary as it would read if the cycle were approved now. */
  draftSummary: (cycleId: string) => get<SummaryContent>(`/api/v1/cycles/${cycleId}/summary/draft`),

  inbox: (limit = 50) => get<Inbox>(`/api/v1/me/notifications${query({ limit })}`),
  markRead: (ids?: string[]) => post<void>('/api/v1/me/notifications/read', ids ? { ids } : {}),
  reviewEmails: () => get<NotificationSettingsView>('/api/v1/me/notification-settings'),
  chooseReviewEmails: (reviewEmails: ReviewEmails) => put<NotificationSettingsView>('/api/v1/me/notification-settings', { reviewEmails }),

  previewDigest: (body: DigestPeriodChoice) => post<DigestPreview>('/api/v1/digests/preview', body),
  runDigest: (body: DigestPeriodChoice) => post<DigestRun>('/api/v1/digests/run', body),
};
