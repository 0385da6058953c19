import { MIN_POINTS_FOR_TREND, PlotBox, runChartModel } from '@r2c/charts';

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

const WIDTH = 560;
const HEIGHT = 252;
const PAD = { left: 56, right: 96, top: 36, bottom: 52 };
/** The plot inside the SVG: a title above it, the cycles and each one's n below, the lines' labels right of it. */
export const SUMMARY_PLOT: PlotBox = { left: PAD.left, top: PAD.top, width: WIDTH - PAD.left - PAD.right, height: HEIGHT - PAD.top - PAD.bottom };
const COLOURS = {
  series: '#1f5f8b',
  baseline: '#8a8a8a',
  target: '#2e7d32',
  median: '#c77800',
  axis: '#444444',
  grid: '#e4e4e4',
  adaptation: '#7b3fa0',
  note: '#666666',
};
const DASHES = { baseline: '6 4', target: '2 3', median: '8 3 2 3' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/** Up to two decimals, no trailing zeros: 4.2, 16, 3.33. */
export function formatNumber(value: number): string {
  return String(Math.round(value * 100) / 100);
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
  const chart = runChartModel(
    {
      cycleNumbers: input.cycleNumbers,
      points: input.points,
      baseline: input.baseline,
      target: input.target,
      range: input.range,
      markers: input.adaptations,
      spans: input.cycleSpans,
    },
    SUMMARY_PLOT,
  );
  const { box, points, trend } = chart;
  const right = box.left + box.width;
  const bottom = box.top + box.height;
  const r = (n: number) => n.toFixed(1);

  const title = `${input.indicatorName} (${input.unit}) by cycle`;
  const description =
    (points.length
      ? `Mean per cycle: ${points.map((p) => `cycle ${p.cycleNumber} ${formatNumber(p.mean)} (n=${p.n})`).join('; ')}.` +
        (input.baseline !== null ? ` Baseline ${formatNumber(input.baseline)}.` : '') +
        (input.target !== null ? ` Target ${formatNumber(input.target)}.` : '') +
        (trend ? '' : ` Fewer than ${MIN_POINTS_FOR_TREND} points, so no trend line is drawn.`)
      : 'No measurements yet.') + (chart.markers.length ? ` Adaptations: ${chart.markers.map(adaptationWords).join('; ')}.` : '');

  const parts: string[] = [];
  parts.push(`<title>${escapeXml(title)}</title>`, `<desc>${escapeXml(description)}</desc>`);
  parts.push(`<text x="${box.left}" y="20" font-size="14" font-weight="bold" fill="${COLOURS.axis}">${escapeXml(title)}</text>`);

  for (const tick of chart.ticks) {
    parts.push(`<line class="grid" x1="${box.left}" x2="${right}" y1="${r(tick.y)}" y2="${r(tick.y)}" stroke="${COLOURS.grid}" stroke-width="1"/>`);
    parts.push(
      `<text x="${box.left - 8}" y="${r(tick.y + 4)}" font-size="11" text-anchor="end" fill="${COLOURS.axis}">${escapeXml(formatNumber(tick.value))}</text>`,
    );
  }
  for (const cycle of chart.cycles) {
    parts.push(`<text x="${r(cycle.x)}" y="${bottom + 18}" font-size="11" text-anchor="middle" fill="${COLOURS.axis}">${cycle.cycleNumber}</text>`);
    const n = points.find((p) => p.cycleNumber === cycle.cycleNumber)?.n;
    if (n !== undefined)
      parts.push(`<text class="n" x="${r(cycle.x)}" y="${bottom + 31}" font-size="10" text-anchor="middle" fill="${COLOURS.note}">n=${n}</text>`);
  }
  parts.push(`<text x="${box.left + box.width / 2}" y="${HEIGHT - 6}" font-size="11" text-anchor="middle" fill="${COLOURS.axis}">cycle</text>`);

  for (const { kind, value, y } of chart.references) {
    parts.push(
      `<line class="${kind}" x1="${box.left}" x2="${right}" y1="${r(y)}" y2="${r(y)}" stroke="${COLOURS[kind]}" stroke-width="1.5" stroke-dasharray="${DASHES[kind]}"/>`,
    );
    parts.push(`<text x="${right + 6}" y="${r(y + 4)}" font-size="11" fill="${COLOURS[kind]}">${kind} ${escapeXml(formatNumber(value))}</text>`);
  }

  chart.markers.forEach((a, index) => {
    const at = r(a.x);
    const words = escapeXml(`Adaptation ${adaptationWords(a)}`);
    parts.push(
      `<g class="adaptation" aria-label="${words}"><title>${words}</title>` +
        `<line x1="${at}" x2="${at}" y1="${box.top}" y2="${bottom}" stroke="${COLOURS.adaptation}" stroke-width="1.5" stroke-dasharray="3 3"/>` +
        `<text x="${at}" y="${box.top + 11 + (index % 2) * 11}" font-size="10" text-anchor="middle" fill="${COLOURS.adaptation}">${escapeXml(a.label)}</text></g>`,
    );
  });

  if (trend) {
    const path = points.map((p) => `${r(p.x)},${r(p.y)}`).join(' ');
    parts.push(`<polyline class="series" points="${path}" fill="none" stroke="${COLOURS.series}" stroke-width="2"/>`);
  } else if (points.length) {
    parts.push(
      `<text class="note" x="${right}" y="${HEIGHT - 6}" font-size="10" text-anchor="end" fill="${COLOURS.note}">fewer than ${MIN_POINTS_FOR_TREND} points: no trend line</text>`,
    );
  }
  for (const p of points) {
    const current = p.cycleNumber === input.currentCycle;
    parts.push(
      `<circle class="point" cx="${r(p.x)}" cy="${r(p.y)}" r="${current ? 5 : 3.5}" fill="${current ? COLOURS.series : '#ffffff'}" stroke="${COLOURS.series}" stroke-width="2">` +
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
