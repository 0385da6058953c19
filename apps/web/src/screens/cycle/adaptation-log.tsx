import { FormEvent, useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { AdaptationPlanning, Cycle, FidelityAnswer, LoggedAdaptation, Permanence } from '../../api/types';
import { ErrorSummary, LoadFailed, Loading, Status } from '../../ui/feedback';
import { RadioGroup, TextArea, TextField } from '../../ui/fields';
import { useLoad } from '../../ui/use-load';
import { FIDELITY_NAMES, formatDate, options, PERMANENCE_NAMES, PLANNING_NAMES, today } from '../../ui/words';
import { useAction } from '../../ui/use-action';

type NewAdaptation = Omit<LoggedAdaptation, 'id' | 'cycleId' | 'createdBy' | 'createdAt'>;

const LABELS: Record<keyof NewAdaptation, string> = {
  madeOn: 'Date of the change',
  whatChanged: 'What changed',
  decidedBy: 'Who decided',
  planning: 'Planned or reactive',
  reason: 'Why',
  fidelityConsistent: 'Does it keep the programme’s core?',
  permanence: 'For how long',
};

function Entry({ entry, canWithdraw, onWithdraw }: { entry: LoggedAdaptation; canWithdraw: boolean; onWithdraw(): void }) {
  return (
    <li className="adaptation-entry">
      <p className="review-head">
        <strong>{formatDate(entry.madeOn)}</strong> · {PLANNING_NAMES[entry.planning].toLowerCase()} · {PERMANENCE_NAMES[entry.permanence].toLowerCase()}
      </p>
      <p>{entry.whatChanged}</p>
      <dl className="facts compact">
        <div>
          <dt>Decided by</dt>
          <dd>{entry.decidedBy}</dd>
        </div>
        <div>
          <dt>Why</dt>
          <dd>{entry.reason}</dd>
        </div>
        <div>
          <dt>Keeps the core</dt>
          <dd>{FIDELITY_NAMES[entry.fidelityConsistent]}</dd>
        </div>
      </dl>
      {canWithdraw && (
        <button type="button" className="button link" onClick={onWithdraw}>
          Withdraw this entry<span className="visually-hidden"> ({formatDate(entry.madeOn)})</span>
        </button>
      )}
    </li>
  );
}

function LogForm({ cycleId, onLogged }: { cycleId: string; onLogged(entry: LoggedAdaptation): void }) {
  const empty = { madeOn: today(), whatChanged: '', decidedBy: '', reason: '' };
  const [text, setText] = useState(empty);
  const [planning, setPlanning] = useState<AdaptationPlanning | ''>('');
  const [fidelity, setFidelity] = useState<FidelityAnswer | ''>('');
  const [permanence, setPermanence] = useState<Permanence | ''>('');
  const { error, busy, run } = useAction();
  const problems = (field: string) => (error instanceof ApiError ? error.problemsFor(field) : undefined);
  const field = (name: keyof typeof empty) => ({
    id: `log-${name}`,
    label: LABELS[name],
    value: text[name],
    errors: problems(name),
    onChange: (v: string) => setText((t) => ({ ...t, [name]: v })),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      // Unchosen answers are sent as they are, so the API names each one missing beside its field.
      const body = { ...text, planning, fidelityConsistent: fidelity, permanence } as NewAdaptation;
      onLogged(await api.logAdaptation(cycleId, body));
      setText(empty);
      setPlanning('');
      setFidelity('');
      setPermanence('');
    });
  };

  const links = (Object.keys(LABELS) as (keyof NewAdaptation)[]).filter((f) => problems(f)?.length).map((f) => ({ id: `log-${f}`, label: LABELS[f] }));
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Log a change">
      <ErrorSummary error={error} title="The change could not be logged" links={links} />
      <TextField {...field('madeOn')} type="date" />
      <TextArea {...field('whatChanged')} hint="What did you do differently in the programme?" rows={2} />
      <TextField {...field('decidedBy')} hint="Roles, not names: “programme librarian with the volunteer greeters”." />
      <RadioGroup<AdaptationPlanning>
        id="log-planning"
        legend={LABELS.planning}
        options={options(PLANNING_NAMES)}
        value={planning}
        onChange={setPlanning}
        errors={problems('planning')}
      />
      <TextArea {...field('reason')} hint="What led to it: feedback, an event, a plan." rows={2} />
      <RadioGroup<FidelityAnswer>
        id="log-fidelityConsistent"
        legend={LABELS.fidelityConsistent}
        hint="The core is what makes the programme work: its purpose and key activities."
        options={options(FIDELITY_NAMES)}
        value={fidelity}
        onChange={setFidelity}
        errors={problems('fidelityConsistent')}
      />
      <RadioGroup<Permanence>
        id="log-permanence"
        legend={LABELS.permanence}
        options={options(PERMANENCE_NAMES)}
        value={permanence}
        onChange={setPermanence}
        errors={problems('permanence')}
        inline
      />
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : 'Log this change'}
        </button>
      </div>
    </form>
  );
}

/**
 * The cycle's adaptation log in the FRAME framework's terms: each dated change to the programme, who
 * decided it and why, whether it keeps the programme's core. Every run chart marks each one on its date.
 */
export function AdaptationLog({ cycle, canWrite }: { cycle: Cycle; canWrite: boolean }) {
  const log = useLoad(() => api.adaptations(cycle.id), [cycle.id]);
  const [status, setStatus] = useState('');
  const withdrawal = useAction();
  const writable = canWrite && cycle.phase !== 'closed';

  if (!log.data) return log.error ? <LoadFailed error={log.error} retry={log.reload} /> : <Loading what="Loading the adaptation log" />;
  const entries = log.data.items;
  const withdraw = (entry: LoggedAdaptation) =>
    withdrawal.run(async () => {
      await api.withdrawAdaptation(cycle.id, entry.id);
      log.set({ items: entries.filter((e) => e.id !== entry.id), total: log.data!.total - 1 });
      setStatus(`The change of ${formatDate(entry.madeOn)} was withdrawn.`);
    });

  return (
    <div className="adaptation-log">
      <p className="hint">
        Every change to the programme during the cycle, planned or not. Each is marked on the run charts on its date, so a jump in the numbers can be read
        against what changed.
      </p>
      <Status>{status}</Status>
      <ErrorSummary error={withdrawal.error} />
      {entries.length === 0 ? (
        <p className="hint">No change logged in this cycle yet.</p>
      ) : (
        <ol className="adaptation-entries">
          {entries.map((entry) => (
            <Entry key={entry.id} entry={entry} canWithdraw={writable} onWithdraw={() => void withdraw(entry)} />
          ))}
        </ol>
      )}
      {writable && (
        <details className="subform">
          <summary>Log a change</summary>
          <LogForm
            cycleId={cycle.id}
            onLogged={(entry) => {
              log.set({ items: [...entries, entry].sort((a, b) => a.madeOn.localeCompare(b.madeOn)), total: log.data!.total + 1 });
              setStatus(`The change of ${formatDate(entry.madeOn)} was logged.`);
            }}
          />
        </details>
      )}
    </div>
  );
}
