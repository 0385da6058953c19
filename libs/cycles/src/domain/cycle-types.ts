/**
 * The words of an R2C cycle, as plain types. The `as const` arrays are the single list of allowed
 * values, so DTOs (`@IsIn(PHASES)`), the database and the rules below cannot drift apart.
 */

export const PHASES = ['hypothesis', 'adaptation', 'evidence', 'reflection', 'review', 'closed'] as const;
export type Phase = (typeof PHASES)[number];

/** The four phases in which the librarian records the work; review can send a cycle back to any of them. */
export const WORKING_PHASES = ['hypothesis', 'adaptation', 'evidence', 'reflection'] as const;
export type WorkingPhase = (typeof WORKING_PHASES)[number];

/** The parts of a cycle a librarian fills in; each belongs to the phase of the same name. */
export const SECTIONS = WORKING_PHASES;
export type Section = WorkingPhase;

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

export const OUTCOMES = ['supported', 'partly_supported', 'not_supported', 'inconclusive'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const DECISIONS = ['adapt', 'continue', 'scale', 'stop'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface Reflection {
  outcome: Outcome;
  insights: string;
  decision: Decision;
  nextSteps: string;
}

export interface CycleState {
  phase: Phase;
  hypothesis: Hypothesis | null;
  adaptation: Adaptation | null;
  reflection: Reflection | null;
  evidenceCount: number;
}

export const INDICATOR_KINDS = ['count', 'scale_1_5', 'percent', 'text'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

export const DIRECTIONS = ['increase', 'decrease'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const EVIDENCE_KINDS = ['measurement', 'observation', 'quote', 'story'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const EVIDENCE_METHODS = ['survey', 'observation', 'interview', 'sign_in', 'other'] as const;
export type EvidenceMethod = (typeof EVIDENCE_METHODS)[number];

export const REVIEW_VERDICTS = ['approve', 'request_changes', 'comment'] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];

/** Who asks for a transition; subscribers never change a cycle, so they are not actors. */
export const ACTORS = ['librarian', 'coach', 'admin'] as const;
export type Actor = (typeof ACTORS)[number];

export function phaseIndex(phase: Phase): number {
  return PHASES.indexOf(phase);
}

export function isPhase(value: unknown): value is Phase {
  return (PHASES as readonly unknown[]).includes(value);
}
