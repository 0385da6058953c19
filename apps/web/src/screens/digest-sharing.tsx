import { FormEvent, useState } from 'react';
import { ApiError } from '../api/client';
import { digestChoices, DigestSharing, SharingInitiative } from '../api/digest-choices';
import type { Standing } from '../session';
import { ErrorSummary, Status } from '../ui/feedback';
import { RadioGroup } from '../ui/fields';
import { useAction } from '../ui/use-action';

const SHARING_NAMES: Record<DigestSharing, string> = { everything: 'Everything', closed_cycles: 'Closed cycles only', nothing: 'Nothing' };

const SHARING_HINTS: Record<DigestSharing, string> = {
  everything: 'Closed cycles with what was decided and learned, how the measures moved, how much evidence was logged, and overdue check-ins.',
  closed_cycles: 'Closed cycles with what was decided and learned, and how the measures moved; not the evidence logged or overdue check-ins.',
  nothing: 'This initiative does not appear in the digest at all.',
};

const APPLIES = 'The choice applies to digests compiled from now on; a digest already sent does not change.';

/**
 * What of the initiative reaches the coalition digest: its librarians and programme staff choose,
 * its coaches see the choice.
 */
export function DigestSharingChoice({ initiative, standing }: { initiative: SharingInitiative; standing: Standing }) {
  const [current, setCurrent] = useState<DigestSharing>(initiative.digestSharing ?? 'everything');
  const canChange = standing === 'librarian' || standing === 'admin';
  if (!canChange) {
    return (
      <>
        <p>
          What this initiative shares with the coalition digest: <strong>{SHARING_NAMES[current]}</strong>. {SHARING_HINTS[current]}
        </p>
        <p className="hint">The initiative’s librarians choose this.</p>
      </>
    );
  }
  return <SharingForm initiativeId={initiative.id} current={current} onSaved={setCurrent} />;
}

function SharingForm({ initiativeId, current, onSaved }: { initiativeId: string; current: DigestSharing; onSaved(sharing: DigestSharing): void }) {
  const [sharing, setSharing] = useState<DigestSharing>(current);
  const { error, busy, run } = useAction();
  const [status, setStatus] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setStatus('');
    await run(async () => {
      const saved = (await digestChoices.share(initiativeId, sharing)).digestSharing;
      onSaved(saved);
      setStatus(`Saved. This initiative shares ${SHARING_NAMES[saved].toLowerCase()} with the coalition digest.`);
    });
  };
  const problems = error instanceof ApiError ? error.problemsFor('digestSharing') : [];

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="coalition-digest-title">
      <ErrorSummary error={error} title="The choice was not saved" links={problems.length ? [{ id: 'digest-sharing', label: problems.join(' ') }] : []} />
      <RadioGroup<DigestSharing>
        id="digest-sharing"
        legend="What does this initiative share with the coalition digest?"
        hint={APPLIES}
        options={(Object.keys(SHARING_NAMES) as DigestSharing[]).map((value) => ({ value, label: SHARING_NAMES[value], hint: SHARING_HINTS[value] }))}
        value={sharing}
        onChange={setSharing}
        errors={problems}
      />
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Saving…' : 'Save sharing'}
      </button>
      <Status>{status}</Status>
    </form>
  );
}
