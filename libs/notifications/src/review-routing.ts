import type { NotificationKind, ReviewEmailChoice, ReviewVerdict } from '@r2c/contracts';
import type { EmailDelivery } from './notification.entity';

export type MemberRole = 'librarian' | 'coach';

export interface Member {
  userId: string;
  role: MemberRole;
}

const VERDICT_KINDS: Record<ReviewVerdict, NotificationKind> = { approve: 'approved', request_changes: 'changes_requested', comment: 'comment' };

/** The event a step of the review loop is: sent for review (no verdict), or the coach's verdict. */
export function kindOf(verdict: ReviewVerdict | undefined): NotificationKind {
  return verdict ? VERDICT_KINDS[verdict] : 'review_requested';
}

const TOLD: Record<NotificationKind, MemberRole[]> = {
  review_requested: ['coach'],
  changes_requested: ['librarian'],
  approved: ['librarian'],
  comment: ['librarian', 'coach'],
};

/** Who of the initiative's members is told of an event: never the person who caused it. */
export function recipientsOf(kind: NotificationKind, members: Member[], actorId: string): Member[] {
  const seen = new Set<string>();
  return members.filter((m) => TOLD[kind].includes(m.role) && m.userId !== actorId && !seen.has(m.userId) && seen.add(m.userId));
}

/**
 * How a person's notification is emailed. An approval's email is the cycle's summary, which opens with
 * the verdict and note and goes whatever the choice (the choice governs review emails, not summaries).
 */
export function deliveryOf(kind: NotificationKind, choice: ReviewEmailChoice): EmailDelivery {
  if (kind === 'approved' || choice === 'off') return 'none';
  return choice;
}
