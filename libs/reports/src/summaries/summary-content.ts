import type { Adaptation, Decision, Direction, EvidenceKind, Hypothesis, IndicatorKind, Phase, Reflection } from '@r2c/cycles';

/** One row of the summary's aggregate query: an indicator's (or an evidence kind's) entries in one cycle. */
export interface EvidenceAggregate {
  cycleNumber: number;
  kind: EvidenceKind;
  indicatorId: string | null;
  /** Entries in the group. */
  entries: number;
  /** Statistics of the entries' numeric values (null when none has one, as for a text indicator). */
  mean: number | null;
  min: number | null;
  max: number | null;
}

export interface IndicatorFacts {
  id: string;
  name: string;
  unit: string;
  kind: IndicatorKind;
  direction: Direction;
  baseline: number | null;
  target: number | null;
}

export interface QuoteFacts {
  kind: EvidenceKind;
  text: string;
  observedOn: string;
  source: string | null;
}

/** Everything a summary is compiled from, read from the database in a fixed number of queries. */
export interface SummaryFacts {
  version: number;
  compiledAt: string;
  /** Where the summary can be read online. */
  link: string;
  initiative: { id: string; title: string; libraryName: string; audience: string; learningQuestion: string };
  cycle: { id: string; number: number; title: string; phase: Phase; plannedStart: string; plannedEnd: string; closedAt: string | null };
  hypothesis: Hypothesis | null;
  adaptation: Adaptation | null;
  reflection: Reflection | null;
  /** The initiative's indicators. */
  indicators: IndicatorFacts[];
  /** Grouped by cycle, kind and indicator, for every cycle of the initiative up to this one. */
  aggregates: EvidenceAggregate[];
  quotes: QuoteFacts[];
}

export interface CycleStatistics {
  n: number;
  mean: number | null;
  min: number | null;
  max: number | null;
}

export interface IndicatorSummary extends CycleStatistics {
  id: string;
  name: string;
  unit: string;
  kind: IndicatorKind;
  direction: Direction;
  baseline: number | null;
  target: number | null;
  /** This cycle's mean minus the baseline, the target and the previous cycle's mean. */
  changeFromBaseline: number | null;
  differenceFromTarget: number | null;
  /** Whether this cycle's mean reached the target in the indicator's direction. */
  targetMet: boolean | null;
  /** The latest earlier cycle with measurements of this indicator. */
  previous: (CycleStatistics & { cycleNumber: number }) | null;
  changeFromPrevious: number | null;
  /** The indicator across the initiative's cycles up to this one: the run chart's points. */
  series: (CycleStatistics & { cycleNumber: number })[];
}

/** The JSON form of a cycle summary; the Markdown and HTML forms are rendered from it. */
export interface SummaryContent {
  version: number;
  compiledAt: string;
  link: string;
  initiative: SummaryFacts['initiative'];
  cycle: SummaryFacts['cycle'];
  hypothesis: (Hypothesis & { indicatorNames: string[] }) | null;
  adaptation: Adaptation | null;
  evidence: { total: number; measurements: number; observations: number; quotes: number; stories: number };
  indicators: IndicatorSummary[];
  /** Quotes and stories of this cycle, oldest first; at most QUOTE_LIMIT of them. */
  quotes: QuoteFacts[];
  quotesNotShown: number;
  reflection: Reflection | null;
  decision: Decision | null;
}

export const QUOTE_KINDS: EvidenceKind[] = ['quote', 'story'];
export const QUOTE_LIMIT = 25;

const round = (value: number | null): number | null => (value === null ? null : Math.round(value * 100) / 100);
const difference = (a: number | null, b: number | null | undefined): number | null => (a === null || b === null || b === undefined ? null : round(a - b));

function statistics(rows: EvidenceAggregate[]): CycleStatistics {
  return { n: rows[0]?.entries ?? 0, mean: round(rows[0]?.mean ?? null), min: rows[0]?.min ?? null, max: rows[0]?.max ?? null };
}

/**
 * Shapes the aggregate rows into per-indicator statistics: this cycle's n, mean, min and max, set
 * against the baseline, the target and the previous cycle that measured the indicator. An indicator
 * is included when the hypothesis names it or this cycle measured it.
 */
export function summarise(facts: SummaryFacts): SummaryContent {
  const current = facts.cycle.number;
  const measurements = facts.aggregates.filter((a) => a.kind === 'measurement' && a.indicatorId !== null && a.cycleNumber <= current);
  const named = new Set(facts.hypothesis?.indicatorIds ?? []);
  const measuredNow = new Set(measurements.filter((a) => a.cycleNumber === current).map((a) => a.indicatorId));
  const byId = new Map(facts.indicators.map((i) => [i.id, i]));

  const indicators = facts.indicators
    .filter((i) => named.has(i.id) || measuredNow.has(i.id))
    .sort((a, b) => {
      const order = facts.hypothesis?.indicatorIds ?? [];
      const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
      return rank(a.id) - rank(b.id) || a.name.localeCompare(b.name);
    })
    .map((indicator): IndicatorSummary => {
      const rows = measurements.filter((a) => a.indicatorId === indicator.id).sort((a, b) => a.cycleNumber - b.cycleNumber);
      const series = rows.map((row) => ({ cycleNumber: row.cycleNumber, ...statistics([row]) }));
      const now = statistics(rows.filter((row) => row.cycleNumber === current));
      const previous = series.filter((point) => point.cycleNumber < current).pop() ?? null;
      const targetMet =
        now.mean === null || indicator.target === null ? null : indicator.direction === 'decrease' ? now.mean <= indicator.target : now.mean >= indicator.target;
      return {
        ...indicator,
        ...now,
        changeFromBaseline: difference(now.mean, indicator.baseline),
        differenceFromTarget: difference(now.mean, indicator.target),
        targetMet,
        previous,
        changeFromPrevious: difference(now.mean, previous?.mean),
        series,
      };
    });

  const thisCycle = facts.aggregates.filter((a) => a.cycleNumber === current);
  const entriesOf = (kind: EvidenceKind) => thisCycle.filter((a) => a.kind === kind).reduce((sum, a) => sum + a.entries, 0);
  const evidence = {
    measurements: entriesOf('measurement'),
    observations: entriesOf('observation'),
    quotes: entriesOf('quote'),
    stories: entriesOf('story'),
  };

  return {
    version: facts.version,
    compiledAt: facts.compiledAt,
    link: facts.link,
    initiative: facts.initiative,
    cycle: facts.cycle,
    hypothesis: facts.hypothesis
      ? { ...facts.hypothesis, indicatorNames: facts.hypothesis.indicatorIds.map((id) => byId.get(id)?.name).filter((name): name is string => !!name) }
      : null,
    adaptation: facts.adaptation,
    evidence: { total: evidence.measurements + evidence.observations + evidence.quotes + evidence.stories, ...evidence },
    indicators,
    quotes: facts.quotes,
    quotesNotShown: Math.max(0, evidence.quotes + evidence.stories - facts.quotes.length),
    reflection: facts.reflection,
    decision: facts.reflection?.decision ?? null,
  };
}
