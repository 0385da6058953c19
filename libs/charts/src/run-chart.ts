/**
 * The run chart's drawing rules, once for the summary's SVG (HTML and email) and the web app's: where
 * every measured day, cycle, reference line, adaptation marker and signal goes on an axis of dates.
 * Pure, and imports nothing but the run-chart rules beside it, so the server and the browser read the
 * same file. Each rule is its own function and `runChartModel` only composes them.
 */
import type { ChartSignal, SeriesPoint, SignalKind } from './run-rules';

/** A dated adaptation, drawn as a vertical marker on its day. */
export interface ChartMarkerInput {
  label: string;
  /** YYYY-MM-DD */
  madeOn: string;
}

export interface ChartSpan {
  number: number;
  plannedStart: string;
  /** The cycle's last day, counted in the cycle. */
  plannedEnd: string;
}

export interface ValueRange {
  min: number;
  max: number;
}

export interface ValueScale extends ValueRange {
  step: number;
}

/** Where the plot sits inside the drawing, in the drawing's own units. */
export interface PlotBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** What a chart of one indicator is drawn from: its daily points, the median they are read against, the adaptations and the signals. */
export interface ChartSeries<M extends ChartMarkerInput = ChartMarkerInput> {
  points: SeriesPoint[];
  median: number | null;
  /** baseline: the median of the points before the first adaptation; all: of every point. */
  basis: 'baseline' | 'all';
  markers: M[];
  signals: ChartSignal[];
}

export interface RunChartInput<M extends ChartMarkerInput = ChartMarkerInput> extends ChartSeries<M> {
  baseline: number | null;
  target: number | null;
  /** A fixed value range (see `fixedRange`); otherwise the axis is fitted to the points and the lines. */
  range?: ValueRange;
  /** The cycles' planned spans, drawn as labelled bands where they meet the series' days. */
  spans?: ChartSpan[];
}

export type ReferenceKind = 'baseline' | 'target' | 'median';

export type PlacedPoint = SeriesPoint & { x: number; y: number; signals: SignalKind[] };

/** Everything either side draws, placed in the plot box it was given. */
export interface RunChartModel<M extends ChartMarkerInput = ChartMarkerInput> {
  box: PlotBox;
  scale: ValueScale;
  ticks: { value: number; y: number }[];
  /** The first and last day on the axis, each with its place. */
  days: { day: string; x: number }[];
  /** Each cycle's planned span where it meets the axis, from its first day's left edge to its last day's right edge. */
  cycles: { number: number; label: string; x1: number; x2: number }[];
  /** By day, left to right; `signals` names the shifts and trends a point belongs to. */
  points: PlacedPoint[];
  /** Whether the points are joined and read against their median. */
  line: boolean;
  references: { kind: ReferenceKind; label: string; value: number; y: number }[];
  markers: (M & { x: number })[];
  /** The signals in words, in date order. */
  signals: ChartSignal[];
}

/** Two points make a line but not a trend: below this many, the chart draws the points alone, with no median. */
export const MIN_POINTS_FOR_TREND = 3;

const DAY_MS = 86400000;

/** The value range an indicator's kind fixes (a 1–5 scale, a percentage); a count is fitted to its data. */
export function fixedRange(kind: string): ValueRange | undefined {
  if (kind === 'scale_1_5') return { min: 1, max: 5 };
  if (kind === 'percent') return { min: 0, max: 100 };
  return undefined;
}

/**
 * A readable axis from lo to hi: about four steps of 1, 2, 2.5 or 5 times a power of ten. The 2.5 keeps
 * a span of 10 (or 100) at four steps, where the next choice, 5, would leave two.
 */
export function niceScale(lo: number, hi: number): ValueScale {
  if (hi - lo < 1e-9) {
    lo -= 1;
    hi += 1;
  }
  const rough = (hi - lo) / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  return { min: Math.floor(lo / step) * step, max: Math.ceil(hi / step) * step, step };
}

/** A fixed range keeps its ends and takes a readable step; otherwise the values' range is rounded out (0 to 1 when there are none). */
export function valueScale(values: number[], range?: ValueRange): ValueScale {
  if (range) return { ...range, step: niceScale(range.min, range.max).step };
  return values.length ? niceScale(Math.min(...values), Math.max(...values)) : niceScale(0, 1);
}

/** The scale's gridlines from min to max, counted rather than summed so no float error accumulates. */
export function axisTicks(scale: ValueScale): number[] {
  const count = Math.floor((scale.max - scale.min) / scale.step + 1e-9);
  return Array.from({ length: count + 1 }, (_, k) => Math.round((scale.min + k * scale.step) * 1e6) / 1e6);
}

export function showsTrend(points: SeriesPoint[]): boolean {
  return points.length >= MIN_POINTS_FOR_TREND;
}

const dayNumber = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);

/**
 * The days on the axis: from the first to the last point, widened to take in the adaptations, with half
 * a day's margin at each end so no point sits on the plot's edge. Each day's point stands in its middle.
 */
export function dayAxis(points: SeriesPoint[], markers: ChartMarkerInput[], box: PlotBox): { first: number; last: number; x: (day: string) => number } {
  const days = [...points.map((p) => p.day), ...markers.map((m) => m.madeOn)].map(dayNumber);
  const first = days.length ? Math.min(...days) : 0;
  const last = days.length ? Math.max(...days) : 0;
  const width = last - first + 1;
  return { first, last, x: (day: string) => box.left + ((dayNumber(day) - first + 0.5) / width) * box.width };
}

/** Each cycle's span clipped to the axis (left edge of its first day to right edge of its last); cycles wholly outside it are left out. */
export function cycleBands(spans: ChartSpan[], axis: { first: number; last: number }, box: PlotBox): RunChartModel['cycles'] {
  const width = axis.last - axis.first + 1;
  const at = (dayNo: number) => box.left + ((dayNo - axis.first) / width) * box.width;
  return [...spans]
    .sort((a, b) => a.number - b.number)
    .flatMap((span) => {
      const start = Math.max(dayNumber(span.plannedStart), axis.first);
      const end = Math.min(dayNumber(span.plannedEnd), axis.last);
      return end < start ? [] : [{ number: span.number, label: `Cycle ${span.number}`, x1: at(start), x2: at(end + 1) }];
    });
}

/** The shifts and trends a day's point belongs to; a point on the median is no part of a shift. Runs signals speak of the whole series, so mark none. */
export function signalsAt(point: SeriesPoint, signals: ChartSignal[], median: number | null): SignalKind[] {
  const kinds = signals
    .filter((s) => (s.kind === 'shift' || s.kind === 'trend') && s.from <= point.day && point.day <= s.to)
    .filter((s) => s.kind !== 'shift' || median === null || Math.abs(point.value - median) >= 1e-9)
    .map((s) => s.kind);
  return [...new Set(kinds)];
}

/** Where to write labels wanted at `ys` so no two are closer than `gap`: in order top to bottom, each pushed down as far as it must go. */
export function spreadLabels(ys: number[], gap: number): number[] {
  const order = ys.map((y, k) => ({ y, k })).sort((a, b) => a.y - b.y);
  const placed = ys.map(() => 0);
  let last = -Infinity;
  for (const { y, k } of order) {
    last = Math.max(y, last + gap);
    placed[k] = last;
  }
  return placed;
}

export function medianLabel(basis: ChartSeries['basis']): string {
  return basis === 'baseline' ? 'median of the baseline' : 'median';
}

/** Composes the rules above into what both sides draw, placed in `box`. */
export function runChartModel<M extends ChartMarkerInput>(input: RunChartInput<M>, box: PlotBox): RunChartModel<M> {
  const points = [...input.points].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const line = showsTrend(points);
  const median = line ? input.median : null;
  const signals = line ? input.signals : [];
  const lines = [input.baseline, input.target, median].filter((v): v is number => v !== null);
  const scale = valueScale([...points.map((p) => p.value), ...lines], input.range);
  const axis = dayAxis(points, input.markers, box);
  const y = (value: number) => box.top + box.height - ((value - scale.min) / (scale.max - scale.min)) * box.height;
  const candidates: { kind: ReferenceKind; label: string; value: number | null }[] = [
    { kind: 'baseline', label: 'baseline', value: input.baseline },
    { kind: 'target', label: 'target', value: input.target },
    { kind: 'median', label: medianLabel(input.basis), value: median },
  ];
  const references = candidates.flatMap(({ kind, label, value }) => (value === null ? [] : [{ kind, label, value, y: y(value) }]));
  const edge = (dayNo: number) => new Date(dayNo * DAY_MS).toISOString().slice(0, 10);
  return {
    box,
    scale,
    ticks: axisTicks(scale).map((value) => ({ value, y: y(value) })),
    days: points.length || input.markers.length ? [...new Set([axis.first, axis.last])].map(edge).map((day) => ({ day, x: axis.x(day) })) : [],
    cycles: points.length ? cycleBands(input.spans ?? [], axis, box) : [],
    points: points.map((p) => ({ ...p, x: axis.x(p.day), y: y(p.value), signals: signalsAt(p, signals, median) })),
    line,
    references,
    markers: input.markers.map((m) => ({ ...m, x: axis.x(m.madeOn) })),
    signals: [...signals].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0)),
  };
}
