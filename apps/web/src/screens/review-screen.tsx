import { FormEvent, useState } from 'react';
import { api, ApiError } from '../api/client';
import { WORKING_PHASES } from '../api/types';
import type { Verdict, WorkingPhase } from '../api/types';
import { Link } from '../router';
import { standingIn, useMe } from '../session';
import { ErrorSummary, LoadFailed, Loading, Status } from '../ui/feedback';
import { RadioGroup, SelectField, TextArea } from '../ui/fields';
import { Page, Section } from '../ui/page';
import { useLoad } from '../ui/use-load';
import { cycleName, PHASE_NAMES } from '../ui/words';
import { AdaptationLog } from './cycle/adaptation-log';
import { ChangesSince, ReviewList, RoundBadge, WholeCycle } from './cycle/cycle-view';
import { PredictionTable, RunCharts } from './summary-parts';
import { reviewLoop } from '../api/review-loop';
import { Nudges } from './cycle/nudges';
import { useAction } from '../ui/use-action';

async function loadReview(cycleId: string) {
  const cycle = await api.cycle(cycleId);
  const [initiative, indicators] = await Promise.all([api.initiative(cycle.initiativeId), api.indicators(cycle.initiativeId)]);
  return { cycle, initiative, indicators: indicators.items };
}

/** What the librarians will read once the cycle is approved: each prediction beside its result, and the run charts. */
function AsTheLibrariansSeeIt({ cycleId, version }: { cycleId: string; version: string }) {
  const draft = useLoad(() => reviewLoop.draftSummary(cycleId), [cycleId, version]);
  if (!draft.data) return draft.error ? <LoadFailed error={draft.error} retry={draft.reload} /> : <Loading what="Loading the results" />;
  const s = draft.data;
  return (
    <>
      <PredictionTable predictions={s.predictions} />
      <h3>Run charts</h3>
      {s.indicators.length === 0 ? <p className="hint">No indicator was named or measured in this cycle.</p> : <RunCharts summary={s} />}
    </>
  );
}

const BODY_LABELS: Record<Verdict, string> = {
  approve: 'Your note to the librarians',
  request_changes: 'What should change',
  comment: 'Comment',
};

const DONE: Record<Verdict, string> = {
  approve: 'Approved. The cycle is closed and its summary is being compiled.',
  request_changes: 'Changes requested. The librarians have been sent back to',
  comment: 'Comment added.',
};

/** A coach's review: the whole cycle as recorded, then approve, request changes, or comment. */
export function ReviewScreen({ cycleId }: { cycleId: string }) {
  const me = useMe();
  const loaded = useLoad(() => loadReview(cycleId), [cycleId]);
  const [verdict, setVerdict] = useState<Verdict | ''>('');
  const [returnTo, setReturnTo] = useState<WorkingPhase>('reflection');
  const [body, setBody] = useState('');
  const { error, setError, busy, run } = useAction();
  const [status, setStatus] = useState('');

  if (!loaded.data) return <Page title="Review">{loaded.error ? <LoadFailed error={loaded.error} retry={loaded.reload} /> : <Loading />}</Page>;
  const { cycle, initiative, indicators } = loaded.data;
  const standing = standingIn(me, initiative.id);
  const canReview = standing === 'coach' || standing === 'admin';
  const inReview = cycle.phase === 'review';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setStatus('');
    const problems: { field: string; problems: string[] }[] = [];
    if (!verdict) problems.push({ field: 'verdict', problems: ['Choose approve, request changes or comment.'] });
    if (!body.trim()) problems.push({ field: 'body', problems: ['Write a few words for the librarians.'] });
    if (problems.length) {
      setError(new ApiError(400, 'The review is not complete yet.', problems));
      return;
    }
    await run(async () => {
      const v = verdict as Verdict;
      const updated = await api.review(cycle.id, { verdict: v, body, ...(v === 'request_changes' ? { returnTo } : {}) });
      loaded.set({ ...loaded.data!, cycle: updated });
      setStatus(v === 'request_changes' ? `${DONE[v]} ${PHASE_NAMES[returnTo].toLowerCase()}.` : DONE[v]);
      setBody('');
      setVerdict('');
    });
  };
  const errs = (field: string) => (error instanceof ApiError ? error.problemsFor(field) : undefined);

  return (
    <Page
      title={`Review ${cycleName(cycle)}`}
      lead={
        <p>
          <Link to={`/initiatives/${initiative.id}`}>{initiative.title}</Link> · now in the <strong>{PHASE_NAMES[cycle.phase].toLowerCase()}</strong> phase{' '}
          <RoundBadge round={cycle.round ?? 1} />
        </p>
      }
    >
      {cycle.changesSinceRequest && <ChangesSince changes={cycle.changesSinceRequest} />}
      {cycle.phase === 'closed' && (
        <p>
          Approved and closed. <Link to={`/cycles/${cycle.id}/summary`}>Read its summary</Link>
        </p>
      )}
      <Section title="Results, as the librarians will see them" id="results">
        <AsTheLibrariansSeeIt cycleId={cycle.id} version={cycle.updatedAt} />
      </Section>
      <Section title="The cycle as recorded" id="recorded">
        <Nudges nudges={cycle.nudges ?? []} id="review-nudges" heading="What would make this cycle stronger" />
        <WholeCycle cycle={cycle} indicators={indicators} />
        <h3>Adaptation log</h3>
        <AdaptationLog cycle={cycle} canWrite={false} />
      </Section>
      <Section title="Reviews and comments" id="reviews">
        <ReviewList reviews={cycle.reviews} members={initiative.members} />
      </Section>
      {canReview && cycle.phase !== 'closed' && (
        <Section title="Your review" id="your-review">
          {!inReview && (
            <p className="hint">This cycle is not in review yet: you can leave a comment now, and approve it once the librarians send it for review.</p>
          )}
          <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="your-review-title">
            <ErrorSummary error={error} title="The review was not saved" />
            <RadioGroup<Verdict>
              id="review-verdict"
              legend="Your verdict"
              value={verdict}
              onChange={setVerdict}
              errors={errs('verdict')}
              options={[
                { value: 'approve', label: 'Approve', hint: 'closes the cycle and compiles its summary', disabled: !inReview },
                { value: 'request_changes', label: 'Request changes', hint: 'sends the cycle back to a phase you choose', disabled: !inReview },
                { value: 'comment', label: 'Comment only', hint: 'the cycle stays where it is' },
              ]}
            />
            {verdict === 'request_changes' && (
              <SelectField
                id="review-returnTo"
                label="Send it back to"
                options={WORKING_PHASES.map((p) => ({ value: p, label: PHASE_NAMES[p] }))}
                value={returnTo}
                onChange={(p) => setReturnTo(p as WorkingPhase)}
                errors={errs('returnTo')}
              />
            )}
            <TextArea id="review-body" label={BODY_LABELS[verdict || 'comment']} value={body} onChange={setBody} errors={errs('body')} rows={4} />
            <button type="submit" className="button" disabled={busy}>
              {busy ? 'Saving…' : verdict === 'approve' ? 'Approve and close the cycle' : verdict === 'request_changes' ? 'Request changes' : 'Save review'}
            </button>
          </form>
        </Section>
      )}
      <Status>{status}</Status>
      {status && (
        <p>
          <Link to="/">Back to the review queue</Link>
        </p>
      )}
    </Page>
  );
}
