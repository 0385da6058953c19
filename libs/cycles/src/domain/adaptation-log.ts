import type { Phase } from './cycle-types';
import { CLOSED_REASON } from './phase-rules';
import { ALLOWED, Verdict, refuse } from './verdict';

/**
 * The adaptation log records each change to the programme in the shape implementation researchers
 * use (FRAME, Wiltsey Stirman et al. 2019): when, what changed, who decided, whether it was planned or
 * a reaction, why, whether it keeps the programme's core, and whether it is meant to last.
 */
export { ADAPTATION_PLANNING, FIDELITY_ANSWERS, PERMANENCE } from '@r2c/contracts';
export type { AdaptationPlanning, FidelityAnswer, LoggedAdaptation, Permanence } from '@r2c/contracts';

/**
 * May the adaptation log of a cycle in `phase` change? Programmes keep running while a cycle is
 * reviewed, so entries may be added or withdrawn until the cycle closes; a closed cycle never changes.
 */
export function canChangeAdaptationLog(phase: Phase): Verdict {
  return phase === 'closed' ? refuse(CLOSED_REASON) : ALLOWED;
}
