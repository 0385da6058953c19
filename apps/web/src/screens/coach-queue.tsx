import { api } from '../api/client';
import type { Initiative, Me } from '../api/types';
import { Link } from '../router';
import { useMe } from '../session';
import { LoadFailed, Loading } from '../ui/feedback';
import { Page, Section } from '../ui/page';
import { useLoad } from '../ui/use-load';
import { cycleName, formatDate, formatInstant, plural } from '../ui/words';
import { RoundBadge } from './cycle/cycle-view';

/** The initiatives the person reviews: their own as coach; every active one for programme staff. */
async function reviewedInitiatives(me: Me): Promise<Pick<Initiative, 'id' | 'title'>[]> {
  if (me.role === 'admin') return (await api.initiatives('active')).items;
  return me.memberships.filter((m) => m.role === 'coach').map((m) => ({ id: m.initiativeId, title: m.title }));
}

async function loadQueue(me: Me) {
  const [queue, initiatives] = await Promise.all([api.reviewQueue(), reviewedInitiatives(me)]);
  return { ...queue, initiatives };
}

/** What waits for a coach: cycles sent for review with what would make each weak, and overdue check-ins. */
export function CoachQueue() {
  const me = useMe();
  const queue = useLoad(() => loadQueue(me), [me.id, me.memberships.length]);

  if (!queue.data) return <Page title="Review queue">{queue.error ? <LoadFailed error={queue.error} retry={queue.reload} /> : <Loading />}</Page>;
  const { cyclesInReview, overdueCheckIns, initiatives } = queue.data;

  return (
    <Page
      title="Review queue"
      lead={
        <p>
          Across {plural(initiatives.length, 'initiative')} you {me.role === 'admin' ? 'oversee' : 'coach'}.
        </p>
      }
    >
      <Section title={`Cycles waiting for review (${cyclesInReview.length})`} id="waiting">
        {cyclesInReview.length === 0 ? (
          <p className="hint">No cycle is waiting for review.</p>
        ) : (
          <ul className="queue">
            {cyclesInReview.map((cycle) => (
              <li key={cycle.id}>
                <Link to={`/cycles/${cycle.id}/review`}>Review {cycleName(cycle)}</Link>
                <span className="meta">
                  {' '}
                  {cycle.initiativeTitle} · {cycle.libraryName} · sent {formatInstant(cycle.inReviewSince)}
                </span>{' '}
                <RoundBadge round={cycle.round ?? 1} />
                {cycle.nudges.length > 0 ? (
                  <details className="queue-nudges">
                    <summary>{plural(cycle.nudges.length, 'thing', 'things')} that would make it stronger</summary>
                    <ul>
                      {cycle.nudges.map((n) => (
                        <li key={n.code} data-nudge={n.code}>
                          {n.message}
                        </li>
                      ))}
                    </ul>
                  </details>
                ) : (
                  <p className="meta">Prediction, repeated measurements, more than one kind of evidence, reflection and next steps: all there.</p>
                )}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title={`Overdue check-ins (${overdueCheckIns.length})`} id="overdue">
        {overdueCheckIns.length === 0 ? (
          <p className="hint">Every initiative is up to date with its check-ins.</p>
        ) : (
          <ul className="queue">
            {overdueCheckIns.map((o) => (
              <li key={o.initiativeId}>
                <Link to={`/initiatives/${o.initiativeId}`}>{o.initiativeTitle}</Link>
                <span className="meta">
                  {' '}
                  {o.libraryName} · due {formatDate(o.dueOn)} · {plural(o.daysOverdue, 'day')} overdue
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="All your initiatives" id="all">
        <ul className="queue">
          {initiatives.map((initiative) => (
            <li key={initiative.id}>
              <Link to={`/initiatives/${initiative.id}`}>{initiative.title}</Link>
            </li>
          ))}
        </ul>
      </Section>
    </Page>
  );
}
