import type { IndicatorSummary, PredictionOutcome, Summary, SummaryAdaptation } from '../api/types';
import { RunChart } from '../ui/run-chart';
import { TableScroll } from '../ui/table-scroll';
import { FIDELITY_NAMES, formatDate, formatNumber, PERMANENCE_NAMES, PLANNING_NAMES } from '../ui/words';

const signed = (n: number | null) => (n === null ? '' : n > 0 ? `+${formatNumber(n)}` : formatNumber(n));

function Verdict({ p }: { p: PredictionOutcome }) {
  if (p.met === null) return <span className="meta">Not measured yet</span>;
  const difference = p.differenceFromPrediction === null ? '' : ` (${signed(p.differenceFromPrediction)})`;
  return (
    <span className={p.met ? 'met' : 'not-met'}>
      {p.met ? 'Met' : 'Not met'}
      {difference}
    </span>
  );
}

/** Each prediction of the hypothesis beside what this cycle's evidence showed. */
export function PredictionTable({ predictions }: { predictions: PredictionOutcome[] }) {
  if (!predictions.length) return <p className="hint">No prediction was written for this cycle.</p>;
  return (
    <TableScroll label="Predictions beside the evidence">
      <table className="prediction-table cards-on-phone">
        <caption>Predictions beside the evidence</caption>
        <thead>
          <tr>
            <th scope="col">Indicator</th>
            <th scope="col">Predicted</th>
            <th scope="col">Observed mean</th>
            <th scope="col">n</th>
            <th scope="col">Prediction</th>
          </tr>
        </thead>
        <tbody>
          {predictions.map((p) => (
            <tr key={p.indicatorId}>
              <th scope="row">
                {p.indicatorName} <span className="meta">({p.unit})</span>
              </th>
              <td data-label="Predicted">
                {p.from !== null && `from ${formatNumber(p.from)} `}to {formatNumber(p.to)}
                {p.note && <span className="meta"> ({p.note})</span>}
              </td>
              <td data-label="Observed mean">{formatNumber(p.observed.mean)}</td>
              <td data-label="n">{p.observed.n}</td>
              <td data-label="Prediction">
                <Verdict p={p} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** A 1–5 scale's answers this cycle per point: a small group seen whole, not only as a mean. */
export function Distributions({ indicators }: { indicators: IndicatorSummary[] }) {
  const shown = indicators.filter((i) => i.distribution && i.distribution.n + i.distribution.notWhole > 0);
  return (
    <>
      {shown.map(({ id, name, distribution: d }) => (
        <TableScroll key={id} label={`${name}: scores per point`}>
          <table className="distribution">
            <caption>
              {name}: scores per point this cycle (n={d!.n})
            </caption>
            <thead>
              <tr>
                <th scope="col">Score</th>
                {d!.counts.map((c) => (
                  <th scope="col" key={c.point}>
                    {c.point}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Answers</th>
                {d!.counts.map((c) => (
                  <td key={c.point}>{c.entries}</td>
                ))}
              </tr>
            </tbody>
          </table>
          {d!.notWhole > 0 && (
            <p className="meta">
              {d!.notWhole === 1 ? '1 more entry is a mean' : `${d!.notWhole} more entries are means`} of several answers, not counted by point.
            </p>
          )}
        </TableScroll>
      ))}
    </>
  );
}

/** This cycle's adaptation log, with the labels its markers carry on the run charts. */
export function SummaryAdaptationLog({ entries }: { entries: SummaryAdaptation[] }) {
  if (!entries.length) return <p className="hint">No adaptations were logged in this cycle.</p>;
  return (
    <ul className="adaptation-entries">
      {entries.map((a) => (
        <li key={a.label} className="adaptation-entry">
          <strong>
            {a.label} · {formatDate(a.madeOn)}:
          </strong>{' '}
          {a.whatChanged}
          <span className="meta">
            {' '}
            — decided by {a.decidedBy}; why: {a.reason} ({PLANNING_NAMES[a.planning].toLowerCase()}, {PERMANENCE_NAMES[a.permanence].toLowerCase()}; keeps the
            core: {FIDELITY_NAMES[a.fidelityConsistent].toLowerCase()})
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Each numeric indicator's run chart of every measured day up to the summary's cycle, with its signals in words. */
export function RunCharts({ summary }: { summary: Pick<Summary, 'indicators' | 'chartMarkers' | 'cycleSpans'> }) {
  const charted = summary.indicators.filter((i) => i.kind !== 'text');
  return (
    <div className="charts">
      {charted.map((i) => (
        <RunChart key={i.id} indicator={i} markers={summary.chartMarkers} spans={summary.cycleSpans} />
      ))}
    </div>
  );
}
