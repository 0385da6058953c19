import type { CycleListItem, ReviewView } from '@r2c/contracts';
import { Cycle } from './cycle.entity';
import { Review } from '../reviews/review.entity';

export type { ChangesSinceRequest, CycleListItem, CycleView, ReviewView, SectionChange } from '@r2c/contracts';

/** A review as its audit row records it. */
export const reviewRecord = (r: Review) => ({
  id: r.id,
  authorId: r.authorId,
  verdict: r.verdict,
  body: r.body,
  returnTo: r.returnTo,
  createdAt: new Date(r.createdAt).toISOString(),
});

export const toReviewView = (r: Review, authorName = '', round = 1): ReviewView => ({ ...reviewRecord(r), authorName, round });

/** The round a cycle is in after these reviews (oldest first): each request for changes starts the next. */
export const roundAfter = (reviews: Pick<Review, 'verdict'>[]): number => 1 + reviews.filter((r) => r.verdict === 'request_changes').length;

/** Each review (oldest first) with its author's name and the round it belongs to. */
export function toReviewViews(reviews: (Review & { authorName: string | null })[]): ReviewView[] {
  let round = 1;
  return reviews.map((r) => {
    const view = toReviewView(r, r.authorName ?? 'Programme staff', round);
    if (r.verdict === 'request_changes') round++;
    return view;
  });
}

export const toCycleListItem = (c: Cycle): CycleListItem => ({
  id: c.id,
  initiativeId: c.initiativeId,
  number: c.number,
  title: c.title,
  plannedStart: c.plannedStart,
  plannedEnd: c.plannedEnd,
  phase: c.phase,
  closedAt: c.closedAt ? new Date(c.closedAt).toISOString() : null,
  createdAt: new Date(c.createdAt).toISOString(),
  updatedAt: new Date(c.updatedAt).toISOString(),
});
