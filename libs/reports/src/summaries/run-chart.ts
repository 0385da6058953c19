import { dayInWords, MIN_POINTS_FOR_TREND, PlotBox, runChartModel, spreadLabels } from '@r2c/charts';
import type { ChartSeries } from '@r2c/charts';

/** One indicator's measured days, with the lines a run chart is read against. */
export interface RunChartInput {
  indicatorName: string;
  unit: string;
  /** Every measured day, the median, the adaptations and the signals, as the summary carries them. */
  chart: ChartSeries;
  baseline: number | null;
  target: number | null;
  /** A fixed value range, e.g. 1–5 for a scale; otherwise it is fitted to the data. */
  range?: { min: number; max: number };
  /** Each cycle's planned span, drawn as a labelled band behind the points. */
  cycleSpans?: { number: number; plannedStart: string; plannedEnd: string }[];
  /** What each adaptation changed, by its label ("A2"), for the markers' titles. */
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

const WIDTH = 560;
const HEIGHT = 252;
const PAD = { left: 56, right: 150, top: 36, bottom: 52 };
/** The plot inside the SVG: a title above it, the cycles and the first and last days below it, the lines' labels right of it. */
export const SUMMARY_PLOT: PlotBox = { left: PAD.left, top: PAD.top, width: WIDTH - PAD.left - PAD.right, height: HEIGHT - PAD.top - PAD.bottom };
const COLOURS = {
  series: '#1f5f8b',
  signal: '#b3261e',
  baseline: '#8a8a8a',
  target: '#2e7d32',
  median: '#c77800',
  axis: '#444444',
  grid: '#e4e4e4',
  band: '#f1f4f7',
  adaptation: '#7b3fa0',
  note: '#666666',
};
/** A cycle's band narrower than this is labelled by its number alone. */
const NARROW_BAND = 48;
const DASHES = { baseline: '6 4', target: '2 3', median: '8 3 2 3' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/** Up to two decimals, no trailing zeros: 4.2, 16, 3.33. */
export function formatNumber(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** The chart in words, for its description: every day's value, the lines, the adaptations and the signals. */
export function describeChart(input: RunChartInput): string {
  const { chart } = input;
  if (!chart.points.length) return 'No measurements yet.';
  const line = chart.points.length >= MIN_POINTS_FOR_TREND;
  const whatChanged = new Map((input.adaptations ?? []).map((a) => [a.label, a.whatChanged]));
  return [
    `Each measured day's mean: ${chart.points.map((p) => `${dayInWords(p.day)} ${formatNumber(p.value)} (n=${p.n})`).join('; ')}.`,
    input.baseline !== null ? `Baseline ${formatNumber(input.baseline)}.` : '',
    input.target !== null ? `Target ${formatNumber(input.target)}.` : '',
    line && chart.median !== null ? `The ${chart.basis === 'baseline' ? 'median of the baseline' : 'median'} is ${formatNumber(chart.median)}.` : '',
    line ? '' : `Fewer than ${MIN_POINTS_FOR_TREND} points, so no line or median is drawn.`,
    chart.markers.length
      ? `Adaptations: ${chart.markers.map((m) => `${m.label} on ${dayInWords(m.madeOn)}${whatChanged.has(m.label) ? `: ${whatChanged.get(m.label)!.replace(/\.$/, '')}` : ''}`).join('; ')}.`
      : '',
    line ? (chart.signals.length ? `Signals: ${chart.signals.map((s) => s.words).join('; ')}.` : 'No run-chart signal.') : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * A run chart as a self-contained SVG string, drawn from the shared model: every measured day on an
 * axis of dates, the cycles as labelled bands behind them, the adaptations as dated vertical markers,
 * baseline and target as horizontal lines, and from three points on the points joined and read
 * against their median, with the points of a shift or trend filled in the signal colour. The signals'
 * words are in the description (and under the chart in the page). Every label is escaped and nothing
 * outside the SVG is referenced, so it can be inlined into HTML and email.
 */
export function runChart(input: RunChartInput): string {
  const chart = runChartModel({ ...input.chart, baseline: input.baseline, target: input.target, range: input.range, spans: input.cycleSpans }, SUMMARY_PLOT);
  const { box, points, line } = chart;
  const right = box.left + box.width;
  const bottom = box.top + box.height;
  const r = (n: number) => n.toFixed(1);
  const whatChanged = new Map((input.adaptations ?? []).map((a) => [a.label, a.whatChanged]));

  const title = `${input.indicatorName} (${input.unit}) by day`;
  const parts: string[] = [];
  parts.push(`<title>${escapeXml(title)}</title>`, `<desc>${escapeXml(describeChart(input))}</desc>`);
  parts.push(`<text x="${box.left}" y="20" font-size="14" font-weight="bold" fill="${COLOURS.axis}">${escapeXml(title)}</text>`);

  chart.cycles.forEach((cycle, index) => {
    if (index % 2 === 0)
      parts.push(`<rect class="cycle" x="${r(cycle.x1)}" y="${box.top}" width="${r(cycle.x2 - cycle.x1)}" height="${box.height}" fill="${COLOURS.band}"/>`);
    if (index > 0)
      parts.push(`<line class="cycle-start" x1="${r(cycle.x1)}" x2="${r(cycle.x1)}" y1="${box.top}" y2="${bottom}" stroke="#b0b8c0" stroke-width="1"/>`);
    parts.push(
      `<text class="cycle-label" x="${r((cycle.x1 + cycle.x2) / 2)}" y="${bottom + 16}" font-size="11" text-anchor="middle" fill="${COLOURS.axis}">${cycle.x2 - cycle.x1 < NARROW_BAND ? cycle.number : cycle.label}</text>`,
    );
  });
  for (const tick of chart.ticks) {
    parts.push(`<line class="grid" x1="${box.left}" x2="${right}" y1="${r(tick.y)}" y2="${r(tick.y)}" stroke="${COLOURS.grid}" stroke-width="1"/>`);
    parts.push(
      `<text x="${box.left - 8}" y="${r(tick.y + 4)}" font-size="11" text-anchor="end" fill="${COLOURS.axis}">${escapeXml(formatNumber(tick.value))}</text>`,
    );
  }
  chart.days.forEach((d, index) => {
    const anchor = chart.days.length === 1 ? 'middle' : index === 0 ? 'start' : 'end';
    const x = chart.days.length === 1 ? d.x : index === 0 ? box.left : right;
    parts.push(
      `<text class="day" x="${r(x)}" y="${bottom + 31}" font-size="10" text-anchor="${anchor}" fill="${COLOURS.note}">${dayInWords(d.day, true)}</text>`,
    );
  });

  const labelYs = spreadLabels(
    chart.references.map((ref) => ref.y),
    12,
  );
  chart.references.forEach(({ kind, label, value, y }, k) => {
    parts.push(
      `<line class="${kind}" x1="${box.left}" x2="${right}" y1="${r(y)}" y2="${r(y)}" stroke="${COLOURS[kind]}" stroke-width="1.5" stroke-dasharray="${DASHES[kind]}"/>`,
    );
    parts.push(
      `<text x="${right + 6}" y="${r(labelYs[k] + 4)}" font-size="10.5" fill="${COLOURS[kind]}">${escapeXml(`${label} ${formatNumber(value)}`)}</text>`,
    );
  });

  chart.markers.forEach((m, index) => {
    const at = r(m.x);
    const words = escapeXml(`Adaptation ${m.label} on ${dayInWords(m.madeOn)}${whatChanged.has(m.label) ? `: ${whatChanged.get(m.label)}` : ''}`);
    parts.push(
      `<g class="adaptation" aria-label="${words}"><title>${words}</title>` +
        `<line x1="${at}" x2="${at}" y1="${box.top}" y2="${bottom}" stroke="${COLOURS.adaptation}" stroke-width="1.5" stroke-dasharray="3 3"/>` +
        `<text x="${at}" y="${box.top + 11 + (index % 2) * 11}" font-size="10" text-anchor="middle" fill="${COLOURS.adaptation}">${escapeXml(m.label)}</text></g>`,
    );
  });

  if (line) {
    parts.push(
      `<polyline class="series" points="${points.map((p) => `${r(p.x)},${r(p.y)}`).join(' ')}" fill="none" stroke="${COLOURS.series}" stroke-width="1.5"/>`,
    );
  } else if (points.length) {
    parts.push(
      `<text class="note" x="${right}" y="${HEIGHT - 4}" font-size="10" text-anchor="end" fill="${COLOURS.note}">fewer than ${MIN_POINTS_FOR_TREND} points: no line or median</text>`,
    );
  }
  for (const p of points) {
    const signalled = p.signals.length > 0;
    const colour = signalled ? COLOURS.signal : COLOURS.series;
    parts.push(
      `<circle class="point${signalled ? ' signal' : ''}" cx="${r(p.x)}" cy="${r(p.y)}" r="${signalled ? 4 : 3}" fill="${signalled ? colour : '#ffffff'}" stroke="${colour}" stroke-width="1.5">` +
        `<title>${escapeXml(`${dayInWords(p.day, true)}: ${formatNumber(p.value)} ${input.unit} (n=${p.n})${signalled ? `, part of a ${p.signals.join(' and ')}` : ''}`)}</title></circle>`,
    );
  }

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" font-family="sans-serif">` +
    parts.join('') +
    '</svg>'
  );
}
