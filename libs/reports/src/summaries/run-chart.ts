/** One indicator's mean per cycle, with the lines a run chart is read against. */
export interface RunChartInput {
  indicatorName: string;
  unit: string;
  /** The cycles on the horizontal axis, in order (a cycle without measurements gets no point). */
  cycleNumbers: number[];
  points: { cycleNumber: number; mean: number; n: number }[];
  baseline: number | null;
  target: number | null;
  /** The cycle the summary is about; its point is drawn larger. */
  currentCycle?: number;
  /** A fixed value range, e.g. 1–5 for a scale; otherwise it is fitted to the data. */
  range?: { min: number; max: number };
  /** Each cycle's planned span, so an adaptation's marker sits at its date within its cycle. */
  cycleSpans?: { number: number; plannedStart: string; plannedEnd: string }[];
  /** Logged adaptations, each drawn as a labelled vertical marker. */
  adaptations?: RunChartAdaptation[];
}

export interface RunChartAdaptation {
  /** Short label shown on the chart, e.g. "A1"; the summary's adaptation log uses the same one. */
  label: string;
  cycleNumber: number;
  /** YYYY-MM-DD */
  madeOn: string;
  whatChanged: string;
}

/** Two points make a line but not a trend: below this many, the chart draws the points alone. */
export const MIN_POINTS_FOR_TREND = 3;

const WIDTH = 560;
const HEIGHT = 252;
const PAD = { left: 56, right: 96, top: 36, bottom: 52 };
const COLOURS = { series: '#1f5f8b', baseline: '#8a8a8a', target: '#2e7d32', median: '#c77800', axis: '#444444', grid: '#e4e4e4', adaptation: '#7b3fa0', note: '#666666' };
const DAY_MS = 86400000;

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/** Up to two decimals, no trailing zeros: 4.2, 16, 3.33. */
export function formatNumber(value: number): string {
  return String(Math.round(value * 100) / 100);
}

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A readable axis from lo to hi: about four steps of 1, 2, 2.5 or 5 times a power of ten. */
export function niceScale(lo: number, hi: number): { min: number; max: number; step: number } {
  if (hi - lo < 1e-9) {
    lo -= 1;
    hi += 1;
  }
  const rough = (hi - lo) / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  return { min: Math.floor(lo / step) * step, max: Math.ceil(hi / step) * step, step };
}

/**
 * Where within its cycle's band an adaptation is drawn: its date's share of the cycle's planned span,
 * kept off the band's edges so a marker never looks as if it belonged to the neighbouring cycle.
 */
export function shareOfCycle(madeOn: string, span: { plannedStart: string; plannedEnd: string } | undefined): number {
  if (!span) return 0.5;
  const start = Date.parse(span.plannedStart);
  const length = Date.parse(span.plannedEnd) + DAY_MS - start;
  const share = length > 0 ? (Date.parse(madeOn) - start) / length : 0.5;
  return Math.min(0.95, Math.max(0.05, Number.isFinite(share) ? share : 0.5));
}

/**
 * A run chart as a self-contained SVG string. The horizontal axis is the cycles, one equal band each
 * with the cycle's mean in its middle and its n beneath: the means are per cycle, so an axis of dates
 * would have to invent a date for each. Adaptations are dated, so each is a vertical marker inside its
 * cycle's band at its date's place in the cycle's planned span. The means are joined by a line, and
 * their median drawn, only from three points on: two points are not a trend. Baseline and target are
 * horizontal lines. Every label is escaped and nothing outside the SVG is referenced, so it can be
 * inlined into HTML and email.
 */
export function runChart(input: RunChartInput): string {
  const cycles = [...new Set([...input.cycleNumbers, ...input.points.map((p) => p.cycleNumber)])].sort((a, b) => a - b);
  const points = [...input.points].sort((a, b) => a.cycleNumber - b.cycleNumber);
  const mid = median(points.map((p) => p.mean));
  const references = [input.baseline, input.target].filter((v): v is number => v !== null);
  const values = [...points.map((p) => p.mean), ...references];
  const scale = input.range
    ? { ...input.range, step: niceScale(input.range.min, input.range.max).step }
    : niceScale(values.length ? Math.min(...values) : 0, values.length ? Math.max(...values) : 1);

  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const band = plotWidth / Math.max(1, cycles.length);
  const xAt = (cycleNumber: number, share: number) => PAD.left + (cycles.indexOf(cycleNumber) + share) * band;
  const x = (cycleNumber: number) => xAt(cycleNumber, 0.5);
  const spans = new Map((input.cycleSpans ?? []).map((span) => [span.number, span]));
  const adaptations = (input.adaptations ?? []).filter((a) => cycles.includes(a.cycleNumber));
  const trend = points.length >= MIN_POINTS_FOR_TREND;
  const y = (value: number) => PAD.top + plotHeight - ((value - scale.min) / (scale.max - scale.min)) * plotHeight;
  const r = (n: number) => n.toFixed(1);

  const title = `${input.indicatorName} (${input.unit}) by cycle`;
  const description =
    (points.length
      ? `Mean per cycle: ${points.map((p) => `cycle ${p.cycleNumber} ${formatNumber(p.mean)} (n=${p.n})`).join('; ')}.` +
        (input.baseline !== null ? ` Baseline ${formatNumber(input.baseline)}.` : '') +
        (input.target !== null ? ` Target ${formatNumber(input.target)}.` : '') +
        (trend ? '' : ` Fewer than ${MIN_POINTS_FOR_TREND} points, so no trend line is drawn.`)
      : 'No measurements yet.') +
    (adaptations.length ? ` Adaptations: ${adaptations.map(adaptationWords).join('; ')}.` : '');

  const parts: string[] = [];
  parts.push(`<title>${escapeXml(title)}</title>`, `<desc>${escapeXml(description)}</desc>`);
  parts.push(`<text x="${PAD.left}" y="20" font-size="14" font-weight="bold" fill="${COLOURS.axis}">${escapeXml(title)}</text>`);

  for (let tick = scale.min; tick <= scale.max + scale.step / 1000; tick += scale.step) {
    parts.push(`<line class="grid" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${r(y(tick))}" y2="${r(y(tick))}" stroke="${COLOURS.grid}" stroke-width="1"/>`);
    parts.push(`<text x="${PAD.left - 8}" y="${r(y(tick) + 4)}" font-size="11" text-anchor="end" fill="${COLOURS.axis}">${escapeXml(formatNumber(tick))}</text>`);
  }
  for (const cycleNumber of cycles) {
    parts.push(`<text x="${r(x(cycleNumber))}" y="${HEIGHT - PAD.bottom + 18}" font-size="11" text-anchor="middle" fill="${COLOURS.axis}">${cycleNumber}</text>`);
    const n = points.find((p) => p.cycleNumber === cycleNumber)?.n;
    if (n !== undefined) parts.push(`<text class="n" x="${r(x(cycleNumber))}" y="${HEIGHT - PAD.bottom + 31}" font-size="10" text-anchor="middle" fill="${COLOURS.note}">n=${n}</text>`);
  }
  parts.push(`<text x="${PAD.left + plotWidth / 2}" y="${HEIGHT - 6}" font-size="11" text-anchor="middle" fill="${COLOURS.axis}">cycle</text>`);

  const reference = (kind: 'baseline' | 'target' | 'median', value: number | null, dash: string) => {
    if (value === null) return;
    const at = r(y(value));
    parts.push(`<line class="${kind}" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${at}" y2="${at}" stroke="${COLOURS[kind]}" stroke-width="1.5" stroke-dasharray="${dash}"/>`);
    parts.push(`<text x="${WIDTH - PAD.right + 6}" y="${r(y(value) + 4)}" font-size="11" fill="${COLOURS[kind]}">${kind} ${escapeXml(formatNumber(value))}</text>`);
  };
  reference('baseline', input.baseline, '6 4');
  reference('target', input.target, '2 3');
  if (trend) reference('median', mid, '8 3 2 3');

  adaptations.forEach((a, index) => {
    const at = r(xAt(a.cycleNumber, shareOfCycle(a.madeOn, spans.get(a.cycleNumber))));
    const words = escapeXml(`Adaptation ${adaptationWords(a)}`);
    parts.push(
      `<g class="adaptation" aria-label="${words}"><title>${words}</title>` +
        `<line x1="${at}" x2="${at}" y1="${PAD.top}" y2="${PAD.top + plotHeight}" stroke="${COLOURS.adaptation}" stroke-width="1.5" stroke-dasharray="3 3"/>` +
        `<text x="${at}" y="${PAD.top + 11 + (index % 2) * 11}" font-size="10" text-anchor="middle" fill="${COLOURS.adaptation}">${escapeXml(a.label)}</text></g>`,
    );
  });

  if (trend) {
    const path = points.map((p) => `${r(x(p.cycleNumber))},${r(y(p.mean))}`).join(' ');
    parts.push(`<polyline class="series" points="${path}" fill="none" stroke="${COLOURS.series}" stroke-width="2"/>`);
  } else if (points.length) {
    parts.push(`<text class="note" x="${WIDTH - PAD.right}" y="${HEIGHT - 6}" font-size="10" text-anchor="end" fill="${COLOURS.note}">fewer than ${MIN_POINTS_FOR_TREND} points: no trend line</text>`);
  }
  for (const p of points) {
    const current = p.cycleNumber === input.currentCycle;
    parts.push(
      `<circle class="point" cx="${r(x(p.cycleNumber))}" cy="${r(y(p.mean))}" r="${current ? 5 : 3.5}" fill="${current ? COLOURS.series : '#ffffff'}" stroke="${COLOURS.series}" stroke-width="2">` +
        `<title>${escapeXml(`Cycle ${p.cycleNumber}: ${formatNumber(p.mean)} ${input.unit} (n=${p.n})`)}</title></circle>`,
    );
  }

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" font-family="sans-serif">` +
    parts.join('') +
    '</svg>'
  );
}

function adaptationWords(a: RunChartAdaptation): string {
  return `${a.label} on ${a.madeOn} (cycle ${a.cycleNumber}): ${a.whatChanged}`;
}
