import { fixedRange, medianLabel, MIN_POINTS_FOR_TREND, PlotBox, runChartModel, spreadLabels } from '@r2c/charts';
import type { ChartMarker, CycleSpan, IndicatorSummary } from '../api/types';
import { formatDate, formatNumber } from './words';

// Small enough that its labels stay readable when a phone scales it down to about 340 px.
const WIDTH = 470;
const HEIGHT = 250;
const PAD = { left: 40, right: 104, top: 16, bottom: 56 };
/** The plot inside the SVG: the cycles and the first and last days below it, the lines' labels right of it. */
export const WEB_PLOT: PlotBox = { left: PAD.left, top: PAD.top, width: WIDTH - PAD.left - PAD.right, height: HEIGHT - PAD.top - PAD.bottom };
const REFERENCE_NAMES = { baseline: 'Baseline', target: 'Target', median: 'Median' };
/** A cycle's band narrower than this is labelled by its number alone. */
const NARROW_BAND = 64;

type Chartable = Pick<IndicatorSummary, 'id' | 'name' | 'unit' | 'kind' | 'baseline' | 'target' | 'series' | 'chart'>;

interface Props {
  indicator: Chartable;
  /** Logged adaptations, for what each marker's adaptation changed. */
  markers?: ChartMarker[];
  spans?: CycleSpan[];
}

/** The chart in words for its description: every day's value, the lines, the adaptations and the signals. */
function describe(chart: NonNullable<Chartable['chart']>, indicator: Chartable, changed: Map<string, string>): string {
  const line = chart.points.length >= MIN_POINTS_FOR_TREND;
  return [
    `Each measured day's mean: ${chart.points.map((p) => `${formatDate(p.day)}: ${formatNumber(p.value)} (${p.n} measured)`).join('; ')}.`,
    indicator.baseline !== null ? `Baseline ${formatNumber(indicator.baseline)}.` : '',
    indicator.target !== null ? `Target ${formatNumber(indicator.target)}.` : '',
    line && chart.median !== null ? `The ${medianLabel(chart.basis)} is ${formatNumber(chart.median)}.` : '',
    line ? '' : `Fewer than ${MIN_POINTS_FOR_TREND} points, so no line or median is drawn.`,
    chart.markers.length
      ? `Adaptations: ${chart.markers.map((m) => `${m.label} on ${formatDate(m.madeOn)}${changed.has(m.label) ? `: ${changed.get(m.label)!.replace(/\.$/, '')}` : ''}`).join('; ')}.`
      : '',
    line ? (chart.signals.length ? `Signals: ${chart.signals.map((s) => s.words).join('; ')}.` : 'No run-chart signal.') : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * An indicator's run chart: every measured day's mean on an axis of dates, the cycles as labelled bands,
 * each logged adaptation marked on its day, the baseline and target lines and, from three points on,
 * the points joined and read against their median. The points of a shift or a trend stand out, and
 * every signal is written in words under the chart; the numbers are in a table too.
 */
export function RunChart({ indicator, markers = [], spans = [] }: Props) {
  const id = `chart-${indicator.id}`;
  const series = indicator.chart;
  if (!series) return <p className="hint">{indicator.name}: this summary was compiled before run charts by day; its numbers are in the table above.</p>;
  if (!series.points.length) return <p className="hint">{indicator.name}: no measurements yet.</p>;

  const chart = runChartModel({ ...series, baseline: indicator.baseline, target: indicator.target, range: fixedRange(indicator.kind), spans }, WEB_PLOT);
  const changed = new Map(markers.map((m) => [m.label, m.whatChanged]));
  const right = WEB_PLOT.left + WEB_PLOT.width;
  const bottom = WEB_PLOT.top + WEB_PLOT.height;
  const median = chart.references.find((r) => r.kind === 'median');
  const labelYs = spreadLabels(
    chart.references.map((r) => r.y),
    16,
  );

  return (
    <figure className="run-chart">
      <figcaption id={`${id}-title`}>
        {indicator.name} <span className="hint">({indicator.unit}, each measured day)</span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <desc id={`${id}-desc`}>{describe(series, indicator, changed)}</desc>
        {chart.cycles.map((cycle, index) => (
          <g key={cycle.number} className="cycle">
            {index % 2 === 0 && <rect x={cycle.x1} y={WEB_PLOT.top} width={cycle.x2 - cycle.x1} height={WEB_PLOT.height} />}
            {index > 0 && <line x1={cycle.x1} x2={cycle.x1} y1={WEB_PLOT.top} y2={bottom} />}
            <text className="cycle-label" x={(cycle.x1 + cycle.x2) / 2} y={bottom + 18} textAnchor="middle">
              {cycle.x2 - cycle.x1 < NARROW_BAND ? cycle.number : cycle.label}
            </text>
          </g>
        ))}
        {chart.ticks.map((t) => (
          <g key={t.value} className="grid">
            <line x1={PAD.left} x2={right} y1={t.y} y2={t.y} />
            <text x={PAD.left - 8} y={t.y + 4} textAnchor="end">
              {formatNumber(t.value)}
            </text>
          </g>
        ))}
        {chart.days.map((d, index) => (
          <text
            key={d.day}
            className="day-label"
            x={chart.days.length === 1 ? d.x : index === 0 ? PAD.left : right}
            y={bottom + 40}
            textAnchor={chart.days.length === 1 ? 'middle' : index === 0 ? 'start' : 'end'}
          >
            {formatDate(d.day)}
          </text>
        ))}
        {chart.references.map((ref, k) => (
          <g key={ref.kind} className={ref.kind}>
            <line x1={PAD.left} x2={right} y1={ref.y} y2={ref.y} />
            <text x={right + 6} y={labelYs[k] + 4}>
              {REFERENCE_NAMES[ref.kind]} {formatNumber(ref.value)}
            </text>
          </g>
        ))}
        {chart.markers.map((m, index) => (
          <g key={m.label} className="adaptation">
            <line x1={m.x} x2={m.x} y1={PAD.top} y2={bottom} />
            <text x={m.x} y={PAD.top + 12 + (index % 2) * 14} textAnchor="middle">
              {m.label}
            </text>
          </g>
        ))}
        {chart.line && <polyline className="series" points={chart.points.map((p) => `${p.x},${p.y}`).join(' ')} />}
        {chart.points.map((p) => (
          <circle key={p.day} className={p.signals.length ? 'point signal' : 'point'} cx={p.x} cy={p.y} r={p.signals.length ? 6 : 4} />
        ))}
      </svg>
      {median && (
        <p className="hint chart-note">
          Read against the {median.label}: {formatNumber(median.value)}.
        </p>
      )}
      {!chart.line && <p className="hint chart-note">Fewer than {MIN_POINTS_FOR_TREND} points: no line, median or signal yet.</p>}
      {chart.line && (
        <ul className="chart-signals" aria-label={`Run-chart signals for ${indicator.name}`}>
          {chart.signals.length ? (
            chart.signals.map((s) => (
              <li key={`${s.kind}-${s.from}`} className="chart-signal">
                {s.words}
              </li>
            ))
          ) : (
            <li>No run-chart signal in {chart.points.length} measured days.</li>
          )}
        </ul>
      )}
      {chart.markers.length > 0 && (
        <ul className="chart-markers">
          {chart.markers.map((m) => (
            <li key={m.label}>
              <strong>{m.label}</strong> {formatDate(m.madeOn)}
              {changed.has(m.label) ? `: ${changed.get(m.label)}` : ''}
            </li>
          ))}
        </ul>
      )}
      <details>
        <summary>The numbers</summary>
        <table className="cards-on-phone">
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Mean</th>
              <th scope="col">Measured</th>
              <th scope="col">Signal</th>
            </tr>
          </thead>
          <tbody>
            {chart.points.map((p) => (
              <tr key={p.day}>
                <th scope="row" data-label="Day">
                  {formatDate(p.day)}
                </th>
                <td data-label="Mean">{formatNumber(p.value)}</td>
                <td data-label="Measured">{p.n}</td>
                <td data-label="Signal">{p.signals.join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
