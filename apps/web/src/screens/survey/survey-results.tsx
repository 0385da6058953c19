import { useState } from 'react';
import type { CycleListItem } from '../../api/types';
import { surveyApi } from '../../api/survey';
import type { OutcomeBeforeAfter, OutcomeInCycle, ScalePoint, SurveyImport, SurveyItem } from '../../api/survey';
import { ErrorSummary, Status } from '../../ui/feedback';
import { useAction } from '../../ui/use-action';
import { TableScroll } from '../../ui/table-scroll';
import { cycleName, formatDate, formatInstant, formatNumber, plural } from '../../ui/words';
import { SOURCE_NAMES } from './survey-import';

const POINTS: ScalePoint[] = ['1', '2', '3', '4', '5'];

function Mean({ at }: { at: OutcomeInCycle | null }) {
  if (!at) return <span className="meta">No data</span>;
  return (
    <>
      Cycle {at.cycleNumber}
      {at.period === 'before' ? ', before the change' : ''}: <strong>{formatNumber(at.mean)}</strong> <span className="meta">(n = {at.n})</span>
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
        “After” is {after}; “before” is that cycle’s baseline (answers from before its change) when it has one, otherwise the latest earlier cycle with survey
        data. Each mean is on the 1–5 scale; n is the number of answers behind it.
      </p>
      <TableScroll label="Outcomes before and after">
        <table className="outcomes cards-on-phone">
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
                <td data-label="Before">
                  <Mean at={o.before} />
                </td>
                <td data-label="After">
                  <Mean at={o.after} />
                </td>
                <td data-label="Change">
                  <Change value={o.change} before={o.before} after={o.after} />
                </td>
                <td data-label="Answers per point, 1 to 5">
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

interface PastImportsProps {
  initiativeId: string;
  imports: SurveyImport[];
  cycles: CycleListItem[];
  items: SurveyItem[];
  canWrite: boolean;
  onUndone(): void;
}

export function PastImports({ initiativeId, imports, cycles, items, canWrite, onUndone }: PastImportsProps) {
  const [status, setStatus] = useState('');
  const cycleOf = (id: string) => cycles.find((c) => c.id === id);
  const statement = (id: string) => items.find((i) => i.id === id)?.text ?? 'a removed statement';
  const undone = (words: string) => {
    setStatus(words);
    onUndone();
  };
  return (
    <>
      <Status>{status}</Status>
      {!imports.length ? (
        <p className="hint">No responses have been imported yet.</p>
      ) : (
        <ul className="past-imports">
          {imports.map((i) => {
            const cycle = cycleOf(i.cycleId);
            return (
              <li key={i.id}>
                <p>
                  <strong>{plural(i.responses, 'response')}</strong> from {SOURCE_NAMES[i.source]} into {cycle ? cycleName(cycle) : `cycle ${i.cycleNumber}`},
                  dated {formatDate(i.observedOn)} ({i.period === 'before' ? 'answered before the change: the baseline' : 'answered after the change'})
                </p>
                <p className="meta">
                  Imported {formatInstant(i.importedAt)} · {plural(i.evidenceIds.length, 'measurement')} · columns stored:{' '}
                  {i.columns.map((c) => `“${c.header}” as “${statement(c.itemId)}”`).join('; ')}
                </p>
                {canWrite && <UndoImport initiativeId={initiativeId} stored={i} onUndone={undone} />}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

/** Undo asks first, then removes the whole import; a refusal shows beside the button. */
function UndoImport({ initiativeId, stored, onUndone }: { initiativeId: string; stored: SurveyImport; onUndone(words: string): void }) {
  const [asking, setAsking] = useState(false);
  const { error, busy, run } = useAction();
  if (!stored.undo.allowed) return <p className="meta">Cannot be undone: {stored.undo.reason}</p>;
  const what = `${plural(stored.responses, 'response')} dated ${formatDate(stored.observedOn)}`;
  const undo = () =>
    run(async () => {
      await surveyApi.undo(initiativeId, stored.id);
      onUndone(
        `The import of ${what} was undone: its answers${stored.evidenceIds.length ? ` and ${plural(stored.evidenceIds.length, 'measurement')}` : ''} were removed.`,
      );
    });
  return (
    <div className="undo-import">
      <ErrorSummary error={error} title="The import was not undone" />
      {asking ? (
        <div className="actions" role="group" aria-label={`Undo the import of ${what}?`}>
          <p>
            Undo the import of {what}? Its answers
            {stored.evidenceIds.length ? ` and the ${plural(stored.evidenceIds.length, 'measurement')} it added to the evidence` : ''} are removed.
          </p>
          <button type="button" className="button danger" disabled={busy} onClick={() => void undo()}>
            Yes, undo this import
          </button>
          <button type="button" className="button secondary" disabled={busy} onClick={() => setAsking(false)}>
            Keep it
          </button>
        </div>
      ) : (
        <button type="button" className="button secondary" onClick={() => setAsking(true)}>
          Undo this import
        </button>
      )}
    </div>
  );
}
