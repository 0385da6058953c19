import type { Page } from './access';
import type { ChangesSinceRequest } from './review-loop';
import type {
  AdaptationPlanning,
  Decision,
  Direction,
  EvidenceKind,
  EvidenceMethod,
  FidelityAnswer,
  IndicatorKind,
  NudgeCode,
  Outcome,
  Permanence,
  Phase,
  ReviewVerdict,
} from './values';

/** What the librarian expects one of the hypothesis's indicators to show: "attendance from 12 to 18". */
export interface Prediction {
  indicatorId: string;
  from: number | null;
  to: number;
  note: string | null;
}

export interface Hypothesis {
  statement: string;
  expectedOutcome: string;
  rationale: string;
  learningQuestion: string | null;
  indicatorIds: string[];
  /** Absent on hypotheses saved before predictions existed. */
  predictions?: Prediction[];
}

/** The gathering checklist (why gather, desired outcome, invitation, opening, closing, time to reflect). */
export interface Gathering {
  whyGather?: string;
  desiredOutcome?: string;
  invitation?: string;
  opening?: string;
  closing?: string;
  timeToReflect?: string;
}

export interface Adaptation {
  description: string;
  /** YYYY-MM-DD */
  implementedOn: string;
  sessionsHeld?: number | null;
  participantsReached?: number | null;
  gathering?: Gathering | null;
}

/** Outcome and decision are null in a reflection saved before they were chosen; a cycle cannot leave reflection without them. */
export interface Reflection {
  outcome: Outcome | null;
  insights: string;
  decision: Decision | null;
  nextSteps: string;
}

/** What a new cycle starts from: the previous cycle's decision and next steps. */
export interface CarriedOver {
  fromCycleId: string;
  fromCycleNumber: number;
  decision: Decision;
  nextSteps: string;
  insights: string;
}

/** What would make a cycle weak: advice, never a reason the cycle cannot move on. */
export interface Nudge {
  code: NudgeCode;
  message: string;
}

export interface EvidenceView {
  id: string;
  cycleId: string;
  kind: EvidenceKind;
  indicatorId: string | null;
  value: number | null;
  text: string | null;
  /** YYYY-MM-DD */
  observedOn: string;
  method: EvidenceMethod;
  source: string | null;
  sampleSize: number | null;
  createdBy: string | null;
  createdAt: string;
}

export interface ReviewView {
  id: string;
  authorId: string;
  /** The coach's (or admin's) name as their account has it now. */
  authorName: string;
  /** 1 for the first review round; each request for changes starts the next. */
  round: number;
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
  /** 1, or 2, 3, … once a coach has asked for changes that many times. */
  round: number;
  /** For coaches and admins: what changed since the latest request for changes (null when there was none). */
  changesSinceRequest: ChangesSinceRequest | null;
}

export interface IndicatorView {
  id: string;
  initiativeId: string;
  name: string;
  unit: string;
  kind: IndicatorKind;
  direction: Direction;
  baseline: number | null;
  target: number | null;
  templateKey: string | null;
  description: string | null;
  createdAt: string;
}

/** A trust-building indicator that ships with the product; a pilot adopts it by its `key`. */
export interface IndicatorTemplate {
  key: string;
  name: string;
  unit: string;
  kind: IndicatorKind;
  direction: Direction;
  description: string;
}

/** One dated change to the programme, in the terms of the FRAME framework. */
export interface LoggedAdaptation {
  /** YYYY-MM-DD */
  madeOn: string;
  whatChanged: string;
  decidedBy: string;
  planning: AdaptationPlanning;
  reason: string;
  fidelityConsistent: FidelityAnswer;
  permanence: Permanence;
}

export interface AdaptationLogEntryView extends LoggedAdaptation {
  id: string;
  cycleId: string;
  createdBy: string | null;
  createdAt: string;
}

export interface CheckInView {
  id: string;
  initiativeId: string;
  authorId: string;
  note: string;
  blockers: string | null;
  helpWanted: string | null;
  createdAt: string;
}

/** A check-in just written, with the day the next one is due. */
export type CheckInWithNextDue = CheckInView & { nextDueOn: string };

export type CheckInPage = Page<CheckInView> & { nextDueOn: string };

export interface CycleAwaitingReview {
  id: string;
  number: number;
  title: string;
  initiativeId: string;
  initiativeTitle: string;
  libraryName: string;
  plannedEnd: string;
  /** When the cycle last changed phase, i.e. entered review. */
  inReviewSince: string;
  /** 2, 3, … when it comes back after a request for changes. */
  round: number;
  nudges: Nudge[];
}

export interface OverdueCheckIn {
  initiativeId: string;
  initiativeTitle: string;
  libraryName: string;
  dueOn: string;
  daysOverdue: number;
  lastCheckInAt: string | null;
}

/** A coach's queue: cycles waiting for their review, and initiatives whose check-in is overdue. */
export interface ReviewQueue {
  cyclesInReview: CycleAwaitingReview[];
  overdueCheckIns: OverdueCheckIn[];
}
