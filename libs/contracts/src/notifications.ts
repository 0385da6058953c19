/** What happened in a cycle's review that someone is told about. */
export const NOTIFICATION_KINDS = ['review_requested', 'changes_requested', 'approved', 'comment'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** How review emails reach a person: each at once, one list a day at 09:00, or none (the inbox keeps them all). */
export const REVIEW_EMAIL_CHOICES = ['immediately', 'daily', 'off'] as const;
export type ReviewEmailChoice = (typeof REVIEW_EMAIL_CHOICES)[number];

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  cycleId: string;
  initiativeId: string;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationsPage {
  items: NotificationView[];
  total: number;
  unread: number;
}

export interface NotificationSettingsView {
  reviewEmails: ReviewEmailChoice;
}
