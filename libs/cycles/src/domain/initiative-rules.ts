import type { InitiativeStatus } from '@r2c/contracts';
import { ALLOWED, refuse, Verdict } from './verdict';

export const COMPLETED_REASON =
  'This initiative is completed: its cycles, check-ins, indicators and survey can no longer change; an admin can reopen it by setting its status back to active.';

/**
 * May the work of an initiative (its cycles, check-ins, indicators and survey) change? Not once it is
 * completed: what it learned is the record. Reading it, and an admin changing the initiative itself
 * (reopening it), still work.
 */
export function canChangeWork(initiative: { status: InitiativeStatus }): Verdict {
  return initiative.status === 'completed' ? refuse(COMPLETED_REASON) : ALLOWED;
}
