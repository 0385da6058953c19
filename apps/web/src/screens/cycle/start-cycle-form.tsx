import { FormEvent, useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { Cycle } from '../../api/types';
import { ErrorSummary } from '../../ui/feedback';
import { TextField } from '../../ui/fields';
import { addDays, today } from '../../ui/words';
import { useAction } from '../../ui/use-action';

/** Starting the initiative's next cycle; six weeks is the usual length. */
export function StartCycleForm({ initiativeId, number, onStarted }: { initiativeId: string; number: number; onStarted(cycle: Cycle): void }) {
  const [title, setTitle] = useState('');
  const [plannedStart, setPlannedStart] = useState(today());
  const [plannedEnd, setPlannedEnd] = useState(addDays(today(), 42));
  const { error, setError, busy, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!title.trim()) {
      setError(
        new ApiError(400, 'Give the cycle a short title.', [
          { field: 'title', problems: ['Give the cycle a short title, such as “Bilingual welcome at the door”.'] },
        ]),
      );
      return;
    }
    await run(async () => {
      onStarted(await api.startCycle(initiativeId, { title: title.trim(), plannedStart, plannedEnd }));
    });
  };
  const errs = (field: string) => (error instanceof ApiError ? error.problemsFor(field) : undefined);

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="start-cycle-title">
      <h3 id="start-cycle-title">Start cycle {number}</h3>
      <ErrorSummary error={error} title="The cycle was not started" />
      <TextField id="cycle-title" label="Title" hint="What this cycle tries, in a few words." value={title} onChange={setTitle} errors={errs('title')} />
      <div className="row">
        <TextField id="cycle-plannedStart" type="date" label="Planned start" value={plannedStart} onChange={setPlannedStart} errors={errs('plannedStart')} />
        <TextField id="cycle-plannedEnd" type="date" label="Planned end" value={plannedEnd} onChange={setPlannedEnd} errors={errs('plannedEnd')} />
      </div>
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Starting…' : `Start cycle ${number}`}
      </button>
    </form>
  );
}
