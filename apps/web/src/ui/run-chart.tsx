import { fixedRange, MIN_POINTS_FOR_TREND, PlotBox, runChartModel } from '@r2c/charts';
import type { ChartMarker, CycleSpan, IndicatorSummary } from '../api/types';
import { formatDate, formatNumber } from './words';

// Small enough that its labels stay readable when a phone scales it down to about 340 px.
const WIDTH = 470;
const HEIGHT = 230;
const PAD = { left: 40, right: 104, top: 16, bottom: 36 };
/** The plot inside the SVG: the cycles below it, the lines' labels right of it. */
export const WEB_PLOT: PlotBox = { left: PAD.left, top: PAD.top, width: WIDTH - PAD.left - PAD.right, height: HEIGHT - PAD.top - PAD.bottom };
const REFERENCE_NAMES = { baseline: 'Baseline', target: 'Target', median: 'Median' };

type Chartable = Pick<IndicatorSummary, 'id' | 'name' | 'unit' | 'kind' | 'baseline' | 'target' | 'series'>;

interface Props {
  indicator: Chartable;
  currentCycle?: number;
  /** Logged adaptations, each drawn as a labelled vertical line on its date. */
  markers?: ChartMarker[];
  spans?: CycleSpan[];
}

/**
 * An indicator's mean per cycle as a run chart, every cycle in its own band: the points read against
 * the baseline and the target, joined and set against their median only from three points on (two
 * points are not a trend), and each logged adaptation marked on its date. The numbers are also in a
 * table under it.
 */
export function RunChart({ indicator, currentCycle, markers = [], spans = [] }: Props) {
  const points = indicator.series.filter((p): p is typeof p & { mean: number } => p.mean !== null).sort((a, b) => a.cycleNumber - b.cycleNumber);
  const id = `chart-${indicator.id}`;
  if (!points.length) return <p className="hint">{indicator.name}: no measurements yet.</p>;

  const last = Math.max(currentCycle ?? 0, ...points.map((p) => p.cycleNumber));
  const chart = runChartModel(
    {
      cycleNumbers: Array.from({ length: last }, (_, k) => k + 1),
      points,
      baseline: indicator.baseline,
      target: indicator.target,
      range: fixedRange(indicator.kind),
      markers,
      spans,
    },
    WEB_PLOT,
  );
  const { trend } = chart;
  const right = WEB_PLOT.left + WEB_PLOT.width;

  const described =
    `Mean per cycle: ${points.map((p) => `cycle ${p.cycleNumber}: ${formatNumber(p.mean)} (${p.n} measured)`).join('; ')}.` +
    (indicator.baseline !== null ? ` Baseline ${formatNumber(indicator.baseline)}.` : '') +
    (indicator.target !== null ? ` Target ${formatNumber(indicator.target)}.` : '') +
    (trend ? '' : ` Fewer than ${MIN_POINTS_FOR_TREND} points, so no trend line is drawn.`) +
    (chart.markers.length
      ? ` Adaptations: ${chart.markers.map((m) => `${m.label} on ${formatDate(m.madeOn)} (cycle ${m.cycleNumber}): ${m.whatChanged}`).join('; ')}.`
      : '');

  return (
    <figure className="run-chart">
      <figcaption id={`${id}-title`}>
        {indicator.name} <span className="hint">({indicator.unit}, mean per cycle)</span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <desc id={`${id}-desc`}>{described}</desc>
        {chart.ticks.map((t) => (
          <g key={t.value} className="grid">
            <line x1={PAD.left} x2={right} y1={t.y} y2={t.y} />
            <text x={PAD.left - 8} y={t.y + 4} textAnchor="end">
              {formatNumber(t.value)}
            </text>
          </g>
        ))}
        {chart.references.map((ref) => (
          <g key={ref.kind} className={ref.kind}>
            <line x1={PAD.left} x2={right} y1={ref.y} y2={ref.y} />
            <text x={right + 6} y={ref.y + 4}>
              {REFERENCE_NAMES[ref.kind]} {formatNumber(ref.value)}
            </text>
          </g>
        ))}
        {chart.markers.map((m) => (
          <g key={m.label} className="adaptation">
            <line x1={m.x} x2={m.x} y1={PAD.top} y2={HEIGHT - PAD.bottom} />
            <text x={m.x} y={PAD.top - 4} textAnchor="middle">
              {m.label}
            </text>
          </g>
        ))}
        {trend && <polyline className="series" points={chart.points.map((p) => `${p.x},${p.y}`).join(' ')} />}
        {chart.points.map((p) => (
          <circle key={p.cycleNumber} className="point" cx={p.x} cy={p.y} r={p.cycleNumber === currentCycle ? 7 : 5} />
        ))}
        {chart.cycles.map((cycle) => (
          <text key={cycle.cycleNumber} className="cycle-label" x={cycle.x} y={HEIGHT - PAD.bottom + 22} textAnchor="middle">
            {chart.cycles.length <= 5 ? `Cycle ${cycle.cycleNumber}` : cycle.cycleNumber}
          </text>
        ))}
      </svg>
      {!trend && <p className="hint chart-note">Fewer than {MIN_POINTS_FOR_TREND} points: no trend line is drawn.</p>}
      {chart.markers.length > 0 && (
        <ul className="chart-markers">
          {chart.markers.map((m) => (
            <li key={m.label}>
              <strong>{m.label}</strong> {formatDate(m.madeOn)} (cycle {m.cycleNumber}): {m.whatChanged}
            </li>
          ))}
        </ul>
      )}
      <details>
        <summary>The numbers</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Cycle</th>
              <th scope="col">Mean</th>
              <th scope="col">Lowest</th>
              <th scope="col">Highest</th>
              <th scope="col">Measured</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.cycleNumber}>
                <td>{p.cycleNumber}</td>
                <td>{formatNumber(p.mean)}</td>
                <td>{formatNumber(p.min)}</td>
                <td>{formatNumber(p.max)}</td>
                <td>{p.n}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
