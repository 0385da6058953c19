import type { CycleListItem, ReviewView } from '@r2c/contracts';
import { Cycle } from './cycle.entity';
import { Review } from '../reviews/review.entity';

export type { CycleListItem, CycleView, ReviewView } from '@r2c/contracts';

export const toReviewView = (r: Review): ReviewView => ({
  id: r.id,
  authorId: r.authorId,
  verdict: r.verdict,
  body: r.body,
  returnTo: r.returnTo,
  createdAt: new Date(r.createdAt).toISOString(),
});

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
