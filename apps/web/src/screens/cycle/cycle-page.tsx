import { useEffect } from 'react';
import { api, ApiError } from '../../api/client';
import { Link, navigate } from '../../router';
import { standingIn, useMe } from '../../session';
import { LoadFailed, Loading } from '../../ui/feedback';
import { Page, Section } from '../../ui/page';
import { useLoad } from '../../ui/use-load';
import { cycleName, formatInstant, VERDICT_NAMES } from '../../ui/words';
import { ReviewList, RoundBadge, WholeCycle } from './cycle-view';

async function loadCycle(cycleId: string) {
  const cycle = await api.cycle(cycleId);
  if (cycle.phase !== 'closed') return { cycle, initiative: null, indicators: [], summaryReady: false };
  const [initiative, indicators, summaryReady] = await Promise.all([
    api.initiative(cycle.initiativeId),
    api.indicators(cycle.initiativeId),
    api.summary(cycleId).then(
      () => true,
      (e: unknown) => {
        if (e instanceof ApiError && e.status === 404) return false;
        throw e;
      },
    ),
  ]);
  return { cycle, initiative, indicators: indicators.items, summaryReady };
}

/**
 * A cycle by its address (the links in review emails). An open cycle is worked on in its initiative's
 * page, so it opens there; a closed one shows its reviews, the coach's approval and its summary.
 */
export function CyclePage({ cycleId }: { cycleId: string }) {
  const me = useMe();
  const loaded = useLoad(() => loadCycle(cycleId), [cycleId]);
  const open = loaded.data && loaded.data.cycle.phase !== 'closed' ? loaded.data.cycle : null;

  useEffect(() => {
    if (open) navigate(`/initiatives/${open.initiativeId}#cycle-${open.id}`, { replace: true });
  }, [open]);

  if (!loaded.data || open) return <Page title="Cycle">{loaded.error ? <LoadFailed error={loaded.error} retry={loaded.reload} /> : <Loading />}</Page>;
  const { cycle, initiative, indicators, summaryReady } = loaded.data;
  const approval = [...cycle.reviews].reverse().find((r) => r.verdict === 'approve');
  const standing = initiative ? standingIn(me, initiative.id) : null;

  return (
    <Page
      title={cycleName(cycle)}
      lead={
        <p className="meta">
          {initiative && <Link to={`/initiatives/${initiative.id}`}>{initiative.title}</Link>} · closed {formatInstant(cycle.closedAt)}{' '}
          <RoundBadge round={cycle.round ?? 1} />
        </p>
      }
    >
      {approval && (
        <div className="callout approval" role="note" aria-labelledby="approval-title">
          <h2 id="approval-title">
            {VERDICT_NAMES.approve} by {approval.authorName || 'your coach'} on {formatInstant(approval.createdAt)}
          </h2>
          <p className="review-body">{approval.body}</p>
        </div>
      )}
      <Section title="Summary" id="summary">
        {summaryReady ? (
          <p>
            <Link to={`/cycles/${cycle.id}/summary`}>Read the summary of {cycleName(cycle).toLowerCase()}</Link>
          </p>
        ) : (
          <p className="hint">
            The summary is being compiled; it appears here and under <Link to="/summaries">Summaries</Link> in a moment.{' '}
            <button type="button" className="button link" onClick={() => void loaded.reload()}>
              Check again
            </button>
          </p>
        )}
      </Section>
      <Section title="Reviews and comments" id="reviews">
        <ReviewList reviews={cycle.reviews} members={initiative?.members ?? []} />
      </Section>
      <Section title="The cycle as recorded" id="recorded">
        <WholeCycle cycle={cycle} indicators={indicators} />
      </Section>
      {(standing === 'coach' || standing === 'admin') && (
        <p>
          <Link to={`/cycles/${cycle.id}/review`}>Open the review screen</Link>
        </p>
      )}
    </Page>
  );
}
