import type { ChartMarker, CycleSpan, IndicatorSummary } from '../api/types';
import { formatDate, formatNumber } from './words';

/** Two points make a line but not a trend: below this many the chart shows the points alone. */
export const MIN_POINTS_FOR_TREND = 3;

// Small enough that its labels stay readable when a phone scales it down to about 340 px.
const WIDTH = 470;
const HEIGHT = 230;
const PAD = { left: 40, right: 104, top: 16, bottom: 36 };

/** A readable axis from lo to hi: about four steps of 1, 2 or 5 times a power of ten. */
function niceScale(lo: number, hi: number): { min: number; max: number; step: number } {
  if (hi - lo < 1e-9) {
    lo -= 1;
    hi += 1;
  }
  const rough = (hi - lo) / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  return { min: Math.floor(lo / step) * step, max: Math.ceil(hi / step) * step, step };
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

type Chartable = Pick<IndicatorSummary, 'id' | 'name' | 'unit' | 'kind' | 'baseline' | 'target' | 'series'>;

/** Where in its cycle's band a dated marker sits: by its date within the cycle's planned span, kept off the band's edges. */
function placeInCycle(madeOn: string, span: CycleSpan | undefined): number {
  if (!span) return 0.5;
  const start = Date.parse(span.plannedStart);
  const length = Date.parse(span.plannedEnd) - start;
  const fraction = length > 0 ? (Date.parse(madeOn) - start) / length : 0.5;
  return Math.min(0.9, Math.max(0.1, fraction));
}

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

  const last = Math.max(currentCycle ?? 0, ...points.map((p) => p.cycleNumber), ...markers.map((m) => m.cycleNumber));
  const cycles = Array.from({ length: last }, (_, k) => k + 1);
  const trend = points.length >= MIN_POINTS_FOR_TREND;
  const mid = median(points.map((p) => p.mean));
  const references = [indicator.baseline, indicator.target].filter((v): v is number => v !== null);
  const scale =
    indicator.kind === 'scale_1_5'
      ? { min: 1, max: 5, step: 1 }
      : indicator.kind === 'percent'
        ? { min: 0, max: 100, step: 25 }
        : niceScale(Math.min(...points.map((p) => p.mean), ...references), Math.max(...points.map((p) => p.mean), ...references));
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const band = plotWidth / cycles.length;
  const x = (cycle: number, within = 0.5) => PAD.left + (cycle - 1 + within) * band;
  const y = (value: number) => PAD.top + plotHeight - ((value - scale.min) / (scale.max - scale.min)) * plotHeight;
  const ticks: number[] = [];
  for (let v = scale.min; v <= scale.max + 1e-9; v += scale.step) ticks.push(Math.round(v * 1000) / 1000);

  const described =
    `Mean per cycle: ${points.map((p) => `cycle ${p.cycleNumber}: ${formatNumber(p.mean)} (${p.n} measured)`).join('; ')}.` +
    (indicator.baseline !== null ? ` Baseline ${formatNumber(indicator.baseline)}.` : '') +
    (indicator.target !== null ? ` Target ${formatNumber(indicator.target)}.` : '') +
    (trend ? '' : ` Fewer than ${MIN_POINTS_FOR_TREND} points, so no trend line is drawn.`) +
    (markers.length ? ` Adaptations: ${markers.map((m) => `${m.label} on ${formatDate(m.madeOn)} (cycle ${m.cycleNumber}): ${m.whatChanged}`).join('; ')}.` : '');

  const line = (value: number | null, label: string, className: string) =>
    value === null ? null : (
      <g className={className}>
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(value)} y2={y(value)} />
        <text x={WIDTH - PAD.right + 6} y={y(value) + 4}>
          {label} {formatNumber(value)}
        </text>
      </g>
    );

  return (
    <figure className="run-chart">
      <figcaption id={`${id}-title`}>
        {indicator.name} <span className="hint">({indicator.unit}, mean per cycle)</span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <desc id={`${id}-desc`}>{described}</desc>
        {ticks.map((t) => (
          <g key={t} className="grid">
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(t)} y2={y(t)} />
            <text x={PAD.left - 8} y={y(t) + 4} textAnchor="end">
              {formatNumber(t)}
            </text>
          </g>
        ))}
        {line(indicator.baseline, 'Baseline', 'baseline')}
        {line(indicator.target, 'Target', 'target')}
        {trend && line(mid, 'Median', 'median')}
        {markers.map((m) => {
          const at = x(m.cycleNumber, placeInCycle(m.madeOn, spans.find((s) => s.number === m.cycleNumber)));
          return (
            <g key={m.label} className="adaptation">
              <line x1={at} x2={at} y1={PAD.top} y2={HEIGHT - PAD.bottom} />
              <text x={at} y={PAD.top - 4} textAnchor="middle">
                {m.label}
              </text>
            </g>
          );
        })}
        {trend && <polyline className="series" points={points.map((p) => `${x(p.cycleNumber)},${y(p.mean)}`).join(' ')} />}
        {points.map((p) => (
          <circle key={p.cycleNumber} className="point" cx={x(p.cycleNumber)} cy={y(p.mean)} r={p.cycleNumber === currentCycle ? 7 : 5} />
        ))}
        {cycles.map((cycle) => (
          <text key={cycle} className="cycle-label" x={x(cycle)} y={HEIGHT - PAD.bottom + 22} textAnchor="middle">
            {cycles.length <= 5 ? `Cycle ${cycle}` : cycle}
          </text>
        ))}
      </svg>
      {!trend && <p className="hint chart-note">Fewer than {MIN_POINTS_FOR_TREND} points: no trend line is drawn.</p>}
      {markers.length > 0 && (
        <ul className="chart-markers">
          {markers.map((m) => (
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
