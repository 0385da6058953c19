import type { Decision, Outcome, Phase, ReviewVerdict } from './values';

/** A section of the cycle the librarians changed after a coach asked for changes, and which of its fields. */
export interface SectionChange {
  section: 'hypothesis' | 'adaptation' | 'reflection';
  fields: string[];
}

/** What the librarians did since the latest request for changes: what a coach reviewing round 2 (3, …) looks at first. */
export interface ChangesSinceRequest {
  requestedAt: string;
  /** The coach's note with the request. */
  note: string;
  sections: SectionChange[];
  evidenceAdded: number;
  evidenceRemoved: number;
}

/** A coach's review as the summary carries it. */
export interface SummaryReview {
  verdict: ReviewVerdict;
  note: string;
  coachName: string;
  createdAt: string;
  round: number;
  returnTo: Phase | null;
}

/** One compiled summary the caller may read (GET /summaries): the latest version of a cycle's summary. */
export interface SummaryListItem {
  cycleId: string;
  cycleNumber: number;
  cycleTitle: string;
  phase: Phase;
  initiativeId: string;
  initiativeTitle: string;
  libraryName: string;
  closedAt: string | null;
  outcome: Outcome | null;
  decision: Decision | null;
  keyInsight: string | null;
  version: number;
  compiledAt: string;
}
