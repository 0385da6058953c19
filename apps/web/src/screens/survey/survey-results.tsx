import type { CycleListItem } from '../../api/types';
import type { OutcomeBeforeAfter, OutcomeInCycle, ScalePoint, SurveyImport, SurveyItem } from '../../api/survey';
import { TableScroll } from '../../ui/table-scroll';
import { cycleName, formatDate, formatInstant, formatNumber, plural } from '../../ui/words';
import { SOURCE_NAMES } from './survey-import';

const POINTS: ScalePoint[] = ['1', '2', '3', '4', '5'];

function Mean({ at }: { at: OutcomeInCycle | null }) {
  if (!at) return <span className="meta">No data</span>;
  return (
    <>
      Cycle {at.cycleNumber}: <strong>{formatNumber(at.mean)}</strong> <span className="meta">(n = {at.n})</span>
    </>
  );
}

function Change({ value, before, after }: { value: number | null; before: OutcomeInCycle | null; after: OutcomeInCycle | null }) {
  if (value === null || !before || !after) return <span className="meta">—</span>;
  return (
    <>
      <strong>{value > 0 ? `+${formatNumber(value)}` : formatNumber(value)}</strong>{' '}
      <span className="meta">
        (n = {before.n} → {after.n})
      </span>
    </>
  );
}

/** How many answered each point of the scale, with the answers counted; typed-in means have none. */
function Distribution({ label, at }: { label: string; at: OutcomeInCycle | null }) {
  if (!at) return null;
  if (!at.distribution) return <p className="distribution">{label}: means typed in, no answers per point</p>;
  const counts = at.distribution;
  const answers = POINTS.reduce((sum, p) => sum + counts[p], 0);
  return (
    <p className="distribution">
      {label}: {POINTS.map((p) => `${p}: ${counts[p]}`).join(' · ')} <span className="meta">(n = {answers})</span>
    </p>
  );
}

/**
 * Each outcome's weighted mean before and after, the change, and the answers per point of the scale;
 * `after` says which cycle is "after" (the survey screen's latest, a summary's own cycle).
 */
export function OutcomesTable({ outcomes, after = 'the latest one' }: { outcomes: OutcomeBeforeAfter[]; after?: string }) {
  if (!outcomes.length) return <p className="hint">No survey measurements yet. Once responses are imported, each outcome shows here before and after.</p>;
  return (
    <>
      <p className="hint">
        “Before” is the latest earlier cycle with survey data, “after” {after}. Each mean is on the 1–5 scale; n is the number of answers behind it.
      </p>
      <TableScroll label="Outcomes before and after">
        <table className="outcomes">
          <thead>
            <tr>
              <th scope="col">Outcome</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
              <th scope="col">Change</th>
              <th scope="col">Answers per point, 1 to 5</th>
            </tr>
          </thead>
          <tbody>
            {outcomes.map((o) => (
              <tr key={o.outcome}>
                <th scope="row">
                  {o.outcome}
                  <span className="meta outcome-indicators">{o.indicators.map((i) => i.name).join(', ')}</span>
                </th>
                <td>
                  <Mean at={o.before} />
                </td>
                <td>
                  <Mean at={o.after} />
                </td>
                <td>
                  <Change value={o.change} before={o.before} after={o.after} />
                </td>
                <td>
                  <Distribution label="Before" at={o.before} />
                  <Distribution label="After" at={o.after} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

export function PastImports({ imports, cycles, items }: { imports: SurveyImport[]; cycles: CycleListItem[]; items: SurveyItem[] }) {
  if (!imports.length) return <p className="hint">No responses have been imported yet.</p>;
  const cycleOf = (id: string) => cycles.find((c) => c.id === id);
  const statement = (id: string) => items.find((i) => i.id === id)?.text ?? 'a removed statement';
  return (
    <ul className="past-imports">
      {imports.map((i) => {
        const cycle = cycleOf(i.cycleId);
        return (
          <li key={i.id}>
            <p>
              <strong>{plural(i.responses, 'response')}</strong> from {SOURCE_NAMES[i.source]} into {cycle ? cycleName(cycle) : 'a cycle'}, dated{' '}
              {formatDate(i.observedOn)}
            </p>
            <p className="meta">
              Imported {formatInstant(i.importedAt)} · {plural(i.evidenceIds.length, 'measurement')} · columns stored:{' '}
              {i.columns.map((c) => `“${c.header}” as “${statement(c.itemId)}”`).join('; ')}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
