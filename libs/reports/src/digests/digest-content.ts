import type { Decision, Direction, Outcome } from '@r2c/cycles';

/** What a digest says, as stored in `digests.content` and answered by GET /digests/:id. */
export interface DigestContent {
  periodStart: string;
  periodEnd: string;
  timezone: string;
  closedCycles: ClosedCycleNews[];
  evidence: EvidenceTally[];
  overdueCheckIns: OverdueCheckIn[];
  indicatorTrends: IndicatorTrend[];
}

export interface ClosedCycleNews {
  cycleId: string;
  cycleNumber: number;
  cycleTitle: string;
  initiativeId: string;
  initiativeTitle: string;
  libraryName: string;
  closedAt: string;
  outcome: Outcome | null;
  decision: Decision | null;
  keyInsight: string | null;
  nextSteps: string | null;
}

/** Evidence entries logged for one initiative during the period. */
export interface EvidenceTally {
  initiativeId: string;
  initiativeTitle: string;
  libraryName: string;
  entries: number;
  measurements: number;
  observations: number;
  quotes: number;
  stories: number;
}

export interface OverdueCheckIn {
  initiativeId: string;
  initiativeTitle: string;
  libraryName: string;
  dueOn: string;
  /** Days from the due date to the day after the period. */
  daysOverdue: number;
}

/** One indicator's mean in a cycle closed in the period, against its mean in the cycle before. */
export interface IndicatorTrend {
  indicatorId: string;
  indicatorName: string;
  unit: string;
  direction: Direction;
  initiativeId: string;
  initiativeTitle: string;
  cycleNumber: number;
  mean: number;
  measurements: number;
  previousMean: number | null;
  change: number | null;
  /** better: moved the way the indicator should; new: no earlier cycle to compare with. */
  trend: 'better' | 'worse' | 'unchanged' | 'new';
}

const KEY_INSIGHT_MAX = 280;

/** The first sentence of the reflection's insights, kept short enough for a digest line. */
export function keyInsight(insights: string | null | undefined): string | null {
  const text = (insights ?? '').replace(/\s+/g, ' ').trim();
  if (!text) return null;
  const first = text.match(/^.+?[.!?](?=\s|$)/)?.[0] ?? text;
  return first.length <= KEY_INSIGHT_MAX ? first : `${first.slice(0, KEY_INSIGHT_MAX - 1).trimEnd()}…`;
}

export function trendOf(mean: number, previousMean: number | null, direction: Direction): IndicatorTrend['trend'] {
  if (previousMean === null) return 'new';
  const change = mean - previousMean;
  if (Math.abs(change) < 1e-9) return 'unchanged';
  return (change > 0) === (direction === 'increase') ? 'better' : 'worse';
}

/** Two decimals at most, as a number (means of scale scores read 4.27, not 4.266666…). */
export const rounded = (n: number): number => Math.round(n * 100) / 100;
