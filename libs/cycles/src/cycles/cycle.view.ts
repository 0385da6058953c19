import type { CarriedOver } from './cycle.entity';
import { Cycle } from './cycle.entity';
import type { Adaptation, Hypothesis, Nudge, Phase, Reflection, ReviewVerdict } from '../domain';
import type { EvidenceView } from '../evidence/evidence.dto';
import { Review } from '../reviews/review.entity';

export interface ReviewView {
  id: string;
  authorId: string;
  verdict: ReviewVerdict;
  body: string;
  returnTo: Phase | null;
  createdAt: string;
}

export interface CycleListItem {
  id: string;
  initiativeId: string;
  number: number;
  title: string;
  plannedStart: string;
  plannedEnd: string;
  phase: Phase;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CycleView extends CycleListItem {
  hypothesis: Hypothesis | null;
  adaptation: Adaptation | null;
  evidence: EvidenceView[];
  reflection: Reflection | null;
  reviews: ReviewView[];
  carriedOver: CarriedOver | null;
  /** The phases the caller could move this cycle to now. */
  allowedMoves: Phase[];
  /** What would make this cycle weak; advice only, never a reason to refuse a move. */
  nudges: Nudge[];
}

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
