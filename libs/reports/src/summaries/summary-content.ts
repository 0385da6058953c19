import type {
  ChartMarker,
  CycleSpan,
  CycleStatistics,
  IndicatorChartContent,
  IndicatorSummary,
  LoggedAdaptation,
  LoggedAdaptationSummary,
  OutcomeBeforeAfter,
  PredictionOutcome,
  ScaleDistribution,
  SummarisedIndicator,
  SummaryContent,
  SummaryQuote,
  SummaryReview,
} from '@r2c/contracts';
import { predictedDirection, predictionMet } from '@r2c/cycles';
import type { Adaptation, EvidenceKind, Hypothesis, IndicatorChart, Reflection } from '@r2c/cycles';

export type {
  ChartMarker,
  CycleSpan,
  CycleStatistics,
  IndicatorSummary,
  LoggedAdaptationSummary,
  PredictionOutcome,
  ScaleDistribution,
  SummaryContent,
  SummaryReview,
} from '@r2c/contracts';
export type { SummarisedIndicator as IndicatorFacts, SummaryQuote as QuoteFacts } from '@r2c/contracts';

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
  /** Entries with a numeric value, and how many of them are exactly 1, 2, 3, 4 and 5 (counted by the database). */
  valued: number;
  atPoint: [number, number, number, number, number];
}

/** One logged adaptation of the initiative's cycles up to the one summarised. */
export interface AdaptationFacts extends LoggedAdaptation {
  cycleNumber: number;
}

/** Everything a summary is compiled from, read from the database in a fixed number of queries. */
export interface SummaryFacts {
  version: number;
  compiledAt: string;
  /** Where the summary can be read online. */
  link: string;
  initiative: SummaryContent['initiative'];
  cycle: SummaryContent['cycle'];
  hypothesis: Hypothesis | null;
  adaptation: Adaptation | null;
  reflection: Reflection | null;
  /** The initiative's indicators. */
  indicators: SummarisedIndicator[];
  /** Grouped by cycle, kind and indicator, for every cycle of the initiative up to this one. */
  aggregates: EvidenceAggregate[];
  quotes: SummaryQuote[];
  /** The initiative's cycles up to this one, with their planned spans. */
  cycles: CycleSpan[];
  /** Adaptations logged in the initiative's cycles up to this one, by date. */
  adaptations: AdaptationFacts[];
  /** The trust survey's outcomes, with this cycle as "after" (empty when the initiative has no survey data). */
  surveyOutcomes: OutcomeBeforeAfter[];
  /** Every review of the cycle, oldest first. */
  reviews: SummaryReview[];
  /** Each measured indicator's run chart: every observed day up to this cycle, its median, the adaptations and the signals. */
  charts?: IndicatorChart[];
}

export const QUOTE_KINDS: EvidenceKind[] = ['quote', 'story'];
export const QUOTE_LIMIT = 25;

const round = (value: number | null): number | null => (value === null ? null : Math.round(value * 100) / 100);
const difference = (a: number | null, b: number | null | undefined): number | null => (a === null || b === null || b === undefined ? null : round(a - b));

function statistics(rows: EvidenceAggregate[]): CycleStatistics {
  return { n: rows[0]?.entries ?? 0, mean: round(rows[0]?.mean ?? null), min: rows[0]?.min ?? null, max: rows[0]?.max ?? null };
}

function distribution(row: EvidenceAggregate | undefined): ScaleDistribution | null {
  if (!row || row.valued === 0) return null;
  const counts = row.atPoint.map((entries, k) => ({ point: k + 1, entries }));
  const n = counts.reduce((sum, c) => sum + c.entries, 0);
  return { n, counts, notWhole: row.valued - n };
}

/** Every adaptation up to this cycle, labelled A1, A2, … by date: the same label on every chart and in the log. */
export function labelAdaptations(adaptations: AdaptationFacts[]): LoggedAdaptationSummary[] {
  return [...adaptations].sort((a, b) => a.madeOn.localeCompare(b.madeOn) || a.cycleNumber - b.cycleNumber).map((a, k) => ({ ...a, label: `A${k + 1}` }));
}

export function chartMarkers(adaptations: AdaptationFacts[]): ChartMarker[] {
  return labelAdaptations(adaptations).map((a) => ({ label: a.label, cycleNumber: a.cycleNumber, madeOn: a.madeOn, whatChanged: a.whatChanged }));
}

/** An indicator's run chart as the summary carries it; an indicator not measured yet has no points and so no median or signal. */
export function chartContent(chart: IndicatorChart | undefined, markers: ChartMarker[]): IndicatorChartContent {
  if (!chart) return { points: [], median: null, basis: 'all', markers: markers.map(({ label, madeOn }) => ({ label, madeOn })), signals: [] };
  return { points: chart.points, median: chart.median.median, basis: chart.median.basis, markers: chart.markers, signals: chart.signals };
}

function predictionOutcomes(facts: SummaryFacts, indicators: IndicatorSummary[]): PredictionOutcome[] {
  const byId = new Map(indicators.map((i) => [i.id, i]));
  return (facts.hypothesis?.predictions ?? []).flatMap((p): PredictionOutcome[] => {
    const indicator = byId.get(p.indicatorId);
    if (!indicator) return [];
    return [
      {
        indicatorId: p.indicatorId,
        indicatorName: indicator.name,
        unit: indicator.unit,
        from: p.from,
        to: p.to,
        note: p.note,
        direction: predictedDirection(p, indicator.direction),
        observed: { n: indicator.n, mean: indicator.mean },
        met: predictionMet(p, indicator.direction, indicator.mean),
        differenceFromPrediction: difference(indicator.mean, p.to),
      },
    ];
  });
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
  const charts = new Map((facts.charts ?? []).map((c) => [c.indicatorId, c]));
  const markers = chartMarkers(facts.adaptations);

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
      const thisCycle = rows.filter((row) => row.cycleNumber === current);
      const now = statistics(thisCycle);
      const previous = series.filter((point) => point.cycleNumber < current).pop() ?? null;
      const targetMet =
        now.mean === null || indicator.target === null
          ? null
          : indicator.direction === 'decrease'
            ? now.mean <= indicator.target
            : now.mean >= indicator.target;
      return {
        ...indicator,
        ...now,
        changeFromBaseline: difference(now.mean, indicator.baseline),
        differenceFromTarget: difference(now.mean, indicator.target),
        targetMet,
        previous,
        changeFromPrevious: difference(now.mean, previous?.mean),
        series,
        distribution: indicator.kind === 'scale_1_5' ? distribution(thisCycle[0]) : null,
        chart: indicator.kind === 'text' ? null : chartContent(charts.get(indicator.id), markers),
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
    predictions: predictionOutcomes(facts, indicators),
    adaptationLog: labelAdaptations(facts.adaptations).filter((a) => a.cycleNumber === current),
    chartMarkers: markers,
    cycleSpans: facts.cycles,
    outcomes: facts.surveyOutcomes.map((o) => ({ ...o, cycles: o.cycles.filter((c) => c.cycleNumber <= current) })),
    quotes: facts.quotes,
    quotesNotShown: Math.max(0, evidence.quotes + evidence.stories - facts.quotes.length),
    reflection: facts.reflection,
    decision: facts.reflection?.decision ?? null,
    reviews: facts.reviews,
  };
}
