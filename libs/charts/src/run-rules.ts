/**
 * The run-chart rules (Perla, Provost & Murray 2011, as Life QI applies them) on a series of dated
 * points: the baseline median, and the signals a shift, a trend, or too few or too many runs give.
 * Pure and dependency-free like the rest of this library, so the web, the summary and the emailed
 * chart name the same signals in the same words.
 */

/** One day's mean of an indicator, with how many measurements it stands on. */
export interface SeriesPoint {
  /** YYYY-MM-DD */
  day: string;
  value: number;
  n: number;
}

/** A dated adaptation, named in a signal that starts after it ("after adaptation A2"). */
export interface SignalMarker {
  label: string;
  /** YYYY-MM-DD */
  madeOn: string;
}

export type SignalKind = 'shift' | 'trend' | 'too_few_runs' | 'too_many_runs';

export interface ChartSignal {
  kind: SignalKind;
  /** Days of the first and last point the signal covers. */
  from: string;
  to: string;
  /** Points that make it (for runs: the useful points, those off the median). */
  points: number;
  direction: 'above' | 'below' | 'up' | 'down' | null;
  /** The adaptation the signal follows, if one came before its first point. */
  after: string | null;
  /** The signal in plain words, e.g. "shift: 7 points above the median since 12 March, after adaptation A2". */
  words: string;
}

export interface BaselineMedian {
  median: number | null;
  /** baseline: the points before the first adaptation (there were at least 6); all: every point. */
  basis: 'baseline' | 'all';
  points: number;
}

/** A shift is this many consecutive points on one side of the median. */
export const SHIFT_POINTS = 6;
/** A trend is this many consecutive points all rising or all falling. */
export const TREND_POINTS = 5;
/** The runs rule needs this many points off the median. */
export const RUNS_MIN_USEFUL = 10;
/** The baseline median needs this many points before the first adaptation; with fewer, every point counts. */
export const BASELINE_MIN_POINTS = 6;

function medianOf(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const byDay = (points: SeriesPoint[]) => [...points].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));

/** The median of the points before the first adaptation when there are at least 6 of them, else of all points. */
export function baselineMedian(points: SeriesPoint[], firstAdaptationOn: string | null): BaselineMedian {
  const before = firstAdaptationOn ? points.filter((p) => p.day < firstAdaptationOn) : [];
  if (before.length >= BASELINE_MIN_POINTS) return { median: medianOf(before.map((p) => p.value)), basis: 'baseline', points: before.length };
  return { median: medianOf(points.map((p) => p.value)), basis: 'all', points: points.length };
}

/** Whether a value lies above (1), below (-1) or on (0) the median, to the precision of the data. */
const side = (value: number, median: number) => (Math.abs(value - median) < 1e-9 ? 0 : value > median ? 1 : -1);

/** 6+ consecutive points on one side of the median; points on the median neither count nor break it. */
export function shifts(points: SeriesPoint[], median: number): Omit<ChartSignal, 'after' | 'words'>[] {
  const found: Omit<ChartSignal, 'after' | 'words'>[] = [];
  let run: SeriesPoint[] = [];
  let runSide = 0;
  const close = () => {
    if (run.length >= SHIFT_POINTS)
      found.push({ kind: 'shift', from: run[0].day, to: run[run.length - 1].day, points: run.length, direction: runSide > 0 ? 'above' : 'below' });
  };
  for (const point of byDay(points)) {
    const s = side(point.value, median);
    if (s === 0) continue;
    if (s !== runSide) {
      close();
      run = [];
      runSide = s;
    }
    run.push(point);
  }
  close();
  return found;
}

/** 5+ consecutive points all rising or all falling; a point equal to the one before it neither counts nor breaks the trend. */
export function trends(points: SeriesPoint[]): Omit<ChartSignal, 'after' | 'words'>[] {
  const distinct: SeriesPoint[] = [];
  for (const point of byDay(points)) if (!distinct.length || Math.abs(distinct[distinct.length - 1].value - point.value) >= 1e-9) distinct.push(point);
  const found: Omit<ChartSignal, 'after' | 'words'>[] = [];
  let start = 0;
  let direction = 0;
  const close = (end: number) => {
    const length = end - start + 1;
    if (direction !== 0 && length >= TREND_POINTS)
      found.push({ kind: 'trend', from: distinct[start].day, to: distinct[end].day, points: length, direction: direction > 0 ? 'up' : 'down' });
  };
  for (let i = 1; i < distinct.length; i++) {
    const step = distinct[i].value > distinct[i - 1].value ? 1 : -1;
    if (step !== direction) {
      close(i - 1);
      start = i - 1;
      direction = step;
    }
  }
  if (distinct.length > 1) close(distinct.length - 1);
  return found;
}

function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return result;
}

/** The chance of exactly r runs when a above and b below the median are in random order (Swed & Eisenhart 1943). */
function runsProbability(r: number, a: number, b: number): number {
  const total = binomial(a + b, a);
  if (r % 2 === 0) return (2 * binomial(a - 1, r / 2 - 1) * binomial(b - 1, r / 2 - 1)) / total;
  const k = (r - 1) / 2;
  return (binomial(a - 1, k) * binomial(b - 1, k - 1) + binomial(a - 1, k - 1) * binomial(b - 1, k)) / total;
}

const LIMITS = new Map<number, { lower: number; upper: number }>();

/**
 * The runs table: with `useful` points off the median (half above, half below), fewer runs than
 * `lower` or more than `upper` happen by chance less than 2.5% of the time each. Computed from the
 * exact distribution the published tables are drawn from; none below 10 useful points.
 */
export function runsLimits(useful: number): { lower: number; upper: number } | null {
  if (useful < RUNS_MIN_USEFUL) return null;
  const known = LIMITS.get(useful);
  if (known) return known;
  const a = Math.floor(useful / 2);
  const b = useful - a;
  const p = (r: number) => runsProbability(r, a, b);
  let lower = 2;
  for (let below = p(2); below <= 0.025; below += p(lower)) lower += 1;
  let upper = useful;
  for (let above = p(useful); above <= 0.025; above += p(upper)) upper -= 1;
  const limits = { lower, upper };
  LIMITS.set(useful, limits);
  return limits;
}

export function runsOf(points: SeriesPoint[], median: number): { runs: number; useful: number; from: string | null; to: string | null } {
  const useful = byDay(points).filter((p) => side(p.value, median) !== 0);
  let runs = 0;
  let last = 0;
  for (const point of useful) {
    const s = side(point.value, median);
    if (s !== last) runs += 1;
    last = s;
  }
  return { runs, useful: useful.length, from: useful[0]?.day ?? null, to: useful[useful.length - 1]?.day ?? null };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** 2026-03-12 as "12 March" (the year only when the series spans two). */
export function dayInWords(day: string, withYear = false): string {
  const [year, month, date] = day.split('-').map(Number);
  return `${date} ${MONTHS[month - 1]}${withYear ? ` ${year}` : ''}`;
}

function wordsFor(signal: Omit<ChartSignal, 'words'>, withYear: boolean, runs?: { runs: number; lower: number; upper: number }): string {
  const since = dayInWords(signal.from, withYear);
  const after = signal.after ? `, after adaptation ${signal.after}` : '';
  switch (signal.kind) {
    case 'shift':
      return `shift: ${signal.points} points ${signal.direction} the median since ${since}${after}`;
    case 'trend':
      return `trend: ${signal.points} points ${signal.direction === 'up' ? 'rising' : 'falling'} in a row since ${since}${after}`;
    case 'too_few_runs':
      return `too few runs: ${runs!.runs} runs in ${signal.points} points (chance alone gives at least ${runs!.lower}): the points stay on one side of the median for long stretches`;
    case 'too_many_runs':
      return `too many runs: ${runs!.runs} runs in ${signal.points} points (chance alone gives at most ${runs!.upper}): the points swing from one side of the median to the other more than chance would`;
  }
}

/** The adaptation made last on or before `day`. */
function lastMarkerBy(day: string, markers: SignalMarker[]): string | null {
  const before = markers.filter((m) => m.madeOn <= day).sort((a, b) => (a.madeOn < b.madeOn ? -1 : a.madeOn > b.madeOn ? 1 : 0));
  return before.length ? before[before.length - 1].label : null;
}

/**
 * Every signal the rules find in the series, each named in words. A rule never speaks from fewer
 * points than it needs: no median without points, no runs below 10 useful points.
 */
export function chartSignals(points: SeriesPoint[], median: number | null, markers: SignalMarker[] = []): ChartSignal[] {
  if (median === null || !points.length) return [];
  const days = points.map((p) => p.day).sort();
  const withYear = days[0].slice(0, 4) !== days[days.length - 1].slice(0, 4);
  const dated = (s: Omit<ChartSignal, 'after' | 'words'>) => ({ ...s, after: s.kind === 'shift' || s.kind === 'trend' ? lastMarkerBy(s.from, markers) : null });
  const signals: ChartSignal[] = [...shifts(points, median), ...trends(points)].map(dated).map((s) => ({ ...s, words: wordsFor(s, withYear) }));
  const counted = runsOf(points, median);
  const limits = runsLimits(counted.useful);
  if (limits && counted.from && counted.to && (counted.runs < limits.lower || counted.runs > limits.upper)) {
    const kind: SignalKind = counted.runs < limits.lower ? 'too_few_runs' : 'too_many_runs';
    const signal = { kind, from: counted.from, to: counted.to, points: counted.useful, direction: null, after: null };
    signals.push({ ...signal, words: wordsFor(signal, withYear, { runs: counted.runs, ...limits }) });
  }
  return signals.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}
