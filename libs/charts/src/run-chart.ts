/**
 * The run chart's rules, once for the summary's SVG (HTML and email) and the web app's: where every
 * cycle, point, reference line and adaptation marker goes. Pure, and imports nothing, so the server and
 * the browser read the same file. Each rule is its own function and `runChartModel` only composes them;
 * a rule that changes (an axis of dates, a baseline median, shift and trend signals) replaces or joins
 * one of them without touching how either side draws.
 */

/** A cycle's mean, as the chart plots it. */
export interface ChartPoint {
  cycleNumber: number;
  mean: number;
  n: number;
}

/** A dated adaptation, drawn as a vertical marker inside its cycle. */
export interface ChartMarkerInput {
  label: string;
  cycleNumber: number;
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

export interface RunChartInput<P extends ChartPoint = ChartPoint, M extends ChartMarkerInput = ChartMarkerInput> {
  /** The cycles on the horizontal axis; a cycle with a point is added if missing. */
  cycleNumbers: number[];
  points: P[];
  baseline: number | null;
  target: number | null;
  /** A fixed value range (see `fixedRange`); otherwise the axis is fitted to the points and the lines. */
  range?: ValueRange;
  markers?: M[];
  spans?: ChartSpan[];
}

export type ReferenceKind = 'baseline' | 'target' | 'median';

/** Everything either side draws, placed in the plot box it was given. */
export interface RunChartModel<P extends ChartPoint = ChartPoint, M extends ChartMarkerInput = ChartMarkerInput> {
  box: PlotBox;
  scale: ValueScale;
  ticks: { value: number; y: number }[];
  /** One band per cycle, its label and its point in the band's middle. */
  cycles: { cycleNumber: number; x: number }[];
  bandWidth: number;
  /** In cycle order, left to right. */
  points: (P & { x: number; y: number })[];
  /** Whether the points are joined and read against their centre line. */
  trend: boolean;
  references: { kind: ReferenceKind; value: number; y: number }[];
  /** Markers of the cycles on the axis only, each at its date within its cycle's band. */
  markers: (M & { x: number })[];
}

/** Two points make a line but not a trend: below this many, the chart draws the points alone. */
export const MIN_POINTS_FOR_TREND = 3;

/** How close to its band's edges a marker may sit, as a share of the band. */
export const MARKER_MARGIN = 0.1;

const DAY_MS = 86400000;

/** The value range an indicator's kind fixes (a 1–5 scale, a percentage); a count is fitted to its data. */
export function fixedRange(kind: string): ValueRange | undefined {
  if (kind === 'scale_1_5') return { min: 1, max: 5 };
  if (kind === 'percent') return { min: 0, max: 100 };
  return undefined;
}

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
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

/** The cycles on the axis, in order: those asked for and every cycle with a point. */
export function cycleAxis(cycleNumbers: number[], points: ChartPoint[]): number[] {
  return [...new Set([...cycleNumbers, ...points.map((p) => p.cycleNumber)])].sort((a, b) => a - b);
}

export function showsTrend(points: ChartPoint[]): boolean {
  return points.length >= MIN_POINTS_FOR_TREND;
}

/** The line the points are read against: their median, once they are a trend. */
export function centreLine(points: ChartPoint[]): number | null {
  return showsTrend(points) ? median(points.map((p) => p.mean)) : null;
}

/**
 * Where within its cycle's band an adaptation is drawn: its date's share of the cycle's planned span,
 * the end day counted, so the cycles' days run on from one band into the next without two dates meeting
 * at a band's edge. Kept off the edges so a marker never looks as if it belonged to the neighbouring
 * cycle; its exact date is in its label.
 */
export function shareOfCycle(madeOn: string, span: Pick<ChartSpan, 'plannedStart' | 'plannedEnd'> | undefined): number {
  if (!span) return 0.5;
  const start = Date.parse(span.plannedStart);
  const length = Date.parse(span.plannedEnd) + DAY_MS - start;
  const share = length > 0 ? (Date.parse(madeOn) - start) / length : 0.5;
  return Math.min(1 - MARKER_MARGIN, Math.max(MARKER_MARGIN, Number.isFinite(share) ? share : 0.5));
}

/** Composes the rules above into what both sides draw, placed in `box`. */
export function runChartModel<P extends ChartPoint, M extends ChartMarkerInput>(input: RunChartInput<P, M>, box: PlotBox): RunChartModel<P, M> {
  const axis = cycleAxis(input.cycleNumbers, input.points);
  const points = [...input.points].sort((a, b) => a.cycleNumber - b.cycleNumber);
  const lines = [input.baseline, input.target].filter((v): v is number => v !== null);
  const scale = valueScale([...points.map((p) => p.mean), ...lines], input.range);
  const bandWidth = box.width / Math.max(1, axis.length);
  const x = (cycleNumber: number, share = 0.5) => box.left + (axis.indexOf(cycleNumber) + share) * bandWidth;
  const y = (value: number) => box.top + box.height - ((value - scale.min) / (scale.max - scale.min)) * box.height;
  const spans = new Map((input.spans ?? []).map((span) => [span.number, span]));
  const centre = centreLine(points);
  const references = (
    [
      ['baseline', input.baseline],
      ['target', input.target],
      ['median', centre],
    ] as const
  )
    .filter((ref): ref is readonly [ReferenceKind, number] => ref[1] !== null)
    .map(([kind, value]) => ({ kind, value, y: y(value) }));
  return {
    box,
    scale,
    ticks: axisTicks(scale).map((value) => ({ value, y: y(value) })),
    cycles: axis.map((cycleNumber) => ({ cycleNumber, x: x(cycleNumber) })),
    bandWidth,
    points: points.map((p) => ({ ...p, x: x(p.cycleNumber), y: y(p.mean) })),
    trend: showsTrend(points),
    references,
    markers: (input.markers ?? [])
      .filter((m) => axis.includes(m.cycleNumber))
      .map((m) => ({ ...m, x: x(m.cycleNumber, shareOfCycle(m.madeOn, spans.get(m.cycleNumber))) })),
  };
}
