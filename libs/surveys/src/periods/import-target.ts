import type { ImportPossibility, Phase, SurveyImportTarget, SurveyPeriod } from '@r2c/contracts';

export interface TargetCycle {
  id: string;
  number: number;
  phase: Phase;
  /** The adaptation's implementedOn, once written. */
  changeDate: string | null;
}

const allowed: ImportPossibility = { allowed: true, reason: null };
const refused = (reason: string): ImportPossibility => ({ allowed: false, reason });

/** Why no import of any kind can land now, or null when some can. */
function frozen(cycle: TargetCycle | null, initiativeCompleted: boolean): string | null {
  if (initiativeCompleted) return 'This initiative is completed: its survey takes no more imports.';
  if (!cycle) return 'There is no open cycle to import into. Start the next cycle first.';
  if (cycle.phase === 'review') return `Cycle ${cycle.number} is in review: imports wait until a coach requests changes.`;
  if (cycle.phase === 'closed') return `Cycle ${cycle.number} is closed.`;
  return null;
}

/** Answers from before the change (the baseline) may land from the hypothesis phase on; answers after it, with the evidence. */
export function possibilityOf(cycle: TargetCycle | null, period: SurveyPeriod | 'split', initiativeCompleted = false): ImportPossibility {
  const reason = frozen(cycle, initiativeCompleted);
  if (reason || !cycle) return refused(reason ?? '');
  if (period === 'before') return allowed;
  if (cycle.phase === 'hypothesis' || cycle.phase === 'adaptation') {
    return refused(
      `Cycle ${cycle.number} is in the ${cycle.phase} phase: answers from after the change can be imported from the evidence phase on. Answers from before the change can be imported now, as the cycle’s baseline.`,
    );
  }
  if (period === 'split' && !cycle.changeDate) return refused(`Cycle ${cycle.number} has no adaptation date to split the answers at.`);
  return allowed;
}

export function importTarget(cycle: TargetCycle | null, initiativeCompleted = false): SurveyImportTarget {
  return {
    cycleId: cycle?.id ?? null,
    cycleNumber: cycle?.number ?? null,
    phase: cycle?.phase ?? null,
    changeDate: cycle?.changeDate ?? null,
    before: possibilityOf(cycle, 'before', initiativeCompleted),
    after: possibilityOf(cycle, 'after', initiativeCompleted),
    split: possibilityOf(cycle, 'split', initiativeCompleted),
  };
}

/** An import can be undone while its cycle is open and the part of the cycle it wrote can still change. */
export function undoPossibility(cycle: { number: number; phase: Phase }, period: SurveyPeriod): ImportPossibility {
  if (cycle.phase === 'closed') {
    return refused(`Cycle ${cycle.number} is closed: its imports are part of its record and can no longer be undone.`);
  }
  if (cycle.phase === 'review') return refused(`Cycle ${cycle.number} is in review: an import can be undone once a coach requests changes.`);
  if (period === 'after' && (cycle.phase === 'hypothesis' || cycle.phase === 'adaptation')) {
    return refused(`Cycle ${cycle.number} went back to the ${cycle.phase} phase: its evidence can be changed again from the evidence phase on.`);
  }
  return allowed;
}
