import { FormEvent, useState } from 'react';
import { api, ApiError } from '../api/client';
import type { Member } from '../api/types';
import { ErrorSummary, LoadFailed, Loading, Status } from '../ui/feedback';
import { TextArea } from '../ui/fields';
import { useLoad } from '../ui/use-load';
import { daysBetween, formatDate, formatInstant, plural, today } from '../ui/words';
import { useAction } from '../ui/use-action';

export function DueDate({ dueOn }: { dueOn: string }) {
  const late = daysBetween(dueOn, today());
  return (
    <p className={late > 0 ? 'due overdue' : 'due'}>
      Next check-in due <strong>{formatDate(dueOn, true)}</strong>
      {late > 0 && <> — overdue by {plural(late, 'day')}</>}
    </p>
  );
}

/** Short progress notes between phases, and when the next one is due. */
export function CheckIns({ initiativeId, canWrite, members }: { initiativeId: string; canWrite: boolean; members: Member[] }) {
  const list = useLoad(() => api.checkIns(initiativeId), [initiativeId]);
  const [note, setNote] = useState('');
  const [blockers, setBlockers] = useState('');
  const [helpWanted, setHelpWanted] = useState('');
  const { error, setError, busy, run } = useAction();
  const [status, setStatus] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setStatus('');
    if (!note.trim()) {
      setError(
        new ApiError(400, 'Write a short note of what happened.', [
          { field: 'note', problems: ['Write a short note of what happened since the last check-in.'] },
        ]),
      );
      return;
    }
    await run(async () => {
      const posted = await api.checkIn(initiativeId, { note, ...(blockers.trim() ? { blockers } : {}), ...(helpWanted.trim() ? { helpWanted } : {}) });
      setNote('');
      setBlockers('');
      setHelpWanted('');
      setStatus(`Check-in posted. The next one is due ${formatDate(posted.nextDueOn, true)}.`);
      await list.reload();
    });
  };
  const errs = (field: string) => (error instanceof ApiError ? error.problemsFor(field) : undefined);
  const nameOf = (id: string) => members.find((m) => m.userId === id)?.name ?? 'Programme staff';

  return (
    <>
      {list.data ? <DueDate dueOn={list.data.nextDueOn} /> : list.error ? <LoadFailed error={list.error} retry={list.reload} /> : <Loading />}
      {canWrite && (
        <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="check-in-form-title" className="subform">
          <h3 id="check-in-form-title">Post a check-in</h3>
          <ErrorSummary error={error} title="The check-in was not posted" />
          <TextArea id="check-in-note" label="What happened" value={note} onChange={setNote} errors={errs('note')} />
          <TextArea id="check-in-blockers" label="Blockers" optional value={blockers} onChange={setBlockers} errors={errs('blockers')} rows={2} />
          <TextArea id="check-in-helpWanted" label="Help wanted" optional value={helpWanted} onChange={setHelpWanted} errors={errs('helpWanted')} rows={2} />
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Posting…' : 'Post check-in'}
          </button>
        </form>
      )}
      <Status>{status}</Status>
      {list.data && list.data.items.length > 0 && (
        <>
          <h3>Recent check-ins</h3>
          <ul className="check-ins">
            {list.data.items.map((c) => (
              <li key={c.id}>
                <p className="meta">
                  {formatInstant(c.createdAt)} · {nameOf(c.authorId)}
                </p>
                <p>{c.note}</p>
                {c.blockers && (
                  <p>
                    <strong>Blockers:</strong> {c.blockers}
                  </p>
                )}
                {c.helpWanted && (
                  <p>
                    <strong>Help wanted:</strong> {c.helpWanted}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
