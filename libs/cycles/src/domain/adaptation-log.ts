import type { Phase } from './cycle-types';
import { CLOSED_REASON } from './phase-rules';
import { ALLOWED, Verdict, refuse } from './verdict';

/**
 * The adaptation log records each change to the programme in the shape implementation researchers
 * use (FRAME, Wiltsey Stirman et al. 2019): when, what changed, who decided, whether it was planned or
 * a reaction, why, whether it keeps the programme's core, and whether it is meant to last.
 */
export const ADAPTATION_PLANNING = ['planned', 'reactive'] as const;
export type AdaptationPlanning = (typeof ADAPTATION_PLANNING)[number];

/** Does the change keep the programme's core elements (FRAME's "fidelity-consistent")? */
export const FIDELITY_ANSWERS = ['yes', 'no', 'unsure'] as const;
export type FidelityAnswer = (typeof FIDELITY_ANSWERS)[number];

export const PERMANENCE = ['temporary', 'permanent'] as const;
export type Permanence = (typeof PERMANENCE)[number];

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

/**
 * May the adaptation log of a cycle in `phase` change? Programmes keep running while a cycle is
 * reviewed, so entries may be added or withdrawn until the cycle closes; a closed cycle never changes.
 */
export function canChangeAdaptationLog(phase: Phase): Verdict {
  return phase === 'closed' ? refuse(CLOSED_REASON) : ALLOWED;
}
