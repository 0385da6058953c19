/**
 * The words of an R2C cycle, as plain types. The `as const` arrays are the single list of allowed
 * values, so DTOs (`@IsIn(PHASES)`), the database and the rules below cannot drift apart; those the
 * API answers with live in the contracts library, shared with the web app.
 */

import { PHASES } from '@r2c/contracts';
import type { Adaptation, Hypothesis, Phase, Reflection, WorkingPhase } from '@r2c/contracts';

export { DECISIONS, DIRECTIONS, EVIDENCE_KINDS, EVIDENCE_METHODS, INDICATOR_KINDS, OUTCOMES, PHASES, REVIEW_VERDICTS, WORKING_PHASES } from '@r2c/contracts';
export type {
  Adaptation,
  Decision,
  Direction,
  EvidenceKind,
  EvidenceMethod,
  Gathering,
  Hypothesis,
  IndicatorKind,
  Outcome,
  Phase,
  Prediction,
  Reflection,
  ReviewVerdict,
  WorkingPhase,
} from '@r2c/contracts';

/** The parts of a cycle a librarian fills in; each belongs to the phase of the same name. */
export type Section = WorkingPhase;

export interface CycleState {
  phase: Phase;
  hypothesis: Hypothesis | null;
  adaptation: Adaptation | null;
  reflection: Reflection | null;
  evidenceCount: number;
}

export function phaseIndex(phase: Phase): number {
  return PHASES.indexOf(phase);
}

export function isPhase(value: unknown): value is Phase {
  return (PHASES as readonly unknown[]).includes(value);
}
