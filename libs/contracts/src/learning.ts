import type { Decision, Outcome, Phase } from './values';

/** A strategy tag from the coalition's curated list (gathering design, world café …). Retired tags stay on the cycles that carry them. */
export interface StrategyTagView {
  id: string;
  name: string;
  retired: boolean;
}

/** One initiative in the programme view: where it stands, side by side with the other pilots. */
export interface ProgrammeRow {
  initiativeId: string;
  initiativeTitle: string;
  libraryName: string;
  status: 'active' | 'paused';
  /** The open cycle, or the latest one when none is open; null before the first cycle. */
  cycleId: string | null;
  cycleNumber: number | null;
  phase: Phase | null;
  /** Whole days since the cycle entered its phase (its latest transition, or its creation), in the library's time zone. */
  daysInPhase: number | null;
  lastCheckInAt: string | null;
  /** Days the check-in is overdue (the review queue's figure); 0 when it is not. Paused initiatives are never overdue. */
  overdueDays: number;
  /** The quality nudges of the cycle while it is open (none once it is closed). */
  nudges: { count: number; words: string[] };
  signals: { count: number; words: string[] };
}

export const PROGRAMME_SORTS = ['library', 'initiative', 'cycleNumber', 'phase', 'daysInPhase', 'lastCheckIn', 'overdueDays', 'nudges', 'signals'] as const;
export type ProgrammeSort = (typeof PROGRAMME_SORTS)[number];

export interface ProgrammeView {
  items: ProgrammeRow[];
  sort: ProgrammeSort;
  direction: 'asc' | 'desc';
}

/** An indicator's measurements in one cycle: their mean and how many there were. */
export interface EvidenceMeasurement {
  indicatorName: string;
  unit: string;
  mean: number;
  n: number;
}

/** A closed cycle as the evidence base shows it: hypothesis → what changed → what the evidence said → the decision. */
export interface EvidenceBaseItem {
  cycleId: string;
  cycleNumber: number;
  cycleTitle: string;
  initiativeId: string;
  initiativeTitle: string;
  libraryName: string;
  hypothesis: string | null;
  expectedOutcome: string | null;
  change: string | null;
  outcome: Outcome | null;
  keyInsight: string | null;
  measurements: EvidenceMeasurement[];
  decision: Decision | null;
  tags: StrategyTagView[];
  closedAt: string;
  /** The web app's summary page for this cycle. */
  summaryPath: string;
}

export interface EvidenceBasePage {
  items: EvidenceBaseItem[];
  total: number;
}
