import type { IndicatorSummary } from '../api/types';
import { formatNumber } from './words';

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

/**
 * An indicator's mean per cycle as a run chart: the means joined by a line, read against the
 * baseline, the target and the median. The numbers are also in a table under it.
 */
export function RunChart({ indicator, currentCycle }: { indicator: Chartable; currentCycle?: number }) {
  const points = indicator.series.filter((p): p is typeof p & { mean: number } => p.mean !== null).sort((a, b) => a.cycleNumber - b.cycleNumber);
  const id = `chart-${indicator.id}`;
  if (!points.length) return <p className="hint">{indicator.name}: no measurements yet.</p>;

  const cycles = points.map((p) => p.cycleNumber);
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
  const x = (cycle: number) => PAD.left + (cycles.length <= 1 ? plotWidth / 2 : (cycles.indexOf(cycle) * plotWidth) / (cycles.length - 1));
  const y = (value: number) => PAD.top + plotHeight - ((value - scale.min) / (scale.max - scale.min)) * plotHeight;
  const ticks: number[] = [];
  for (let v = scale.min; v <= scale.max + 1e-9; v += scale.step) ticks.push(Math.round(v * 1000) / 1000);

  const described =
    `Mean per cycle: ${points.map((p) => `cycle ${p.cycleNumber}: ${formatNumber(p.mean)} (${p.n} measured)`).join('; ')}.` +
    (indicator.baseline !== null ? ` Baseline ${formatNumber(indicator.baseline)}.` : '') +
    (indicator.target !== null ? ` Target ${formatNumber(indicator.target)}.` : '');

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
        {points.length > 1 && line(mid, 'Median', 'median')}
        <polyline className="series" points={points.map((p) => `${x(p.cycleNumber)},${y(p.mean)}`).join(' ')} />
        {points.map((p) => (
          <g key={p.cycleNumber} className="point">
            <circle cx={x(p.cycleNumber)} cy={y(p.mean)} r={p.cycleNumber === currentCycle ? 7 : 5} />
            <text x={x(p.cycleNumber)} y={HEIGHT - PAD.bottom + 22} textAnchor="middle">
              Cycle {p.cycleNumber}
            </text>
          </g>
        ))}
      </svg>
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
