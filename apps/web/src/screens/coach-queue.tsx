import { api } from '../api/client';
import type { CycleListItem, Initiative, Me } from '../api/types';
import { Link } from '../router';
import { useMe } from '../session';
import { LoadFailed, Loading } from '../ui/feedback';
import { Page, Section } from '../ui/page';
import { useLoad } from '../ui/use-load';
import { cycleName, daysBetween, formatDate, formatInstant, plural, today } from '../ui/words';

interface QueueItem {
  initiative: Pick<Initiative, 'id' | 'title'>;
  latest: CycleListItem | undefined;
  nextDueOn: string;
}

/** The initiatives the person reviews: their own as coach; every active one for programme staff. */
async function reviewedInitiatives(me: Me): Promise<Pick<Initiative, 'id' | 'title'>[]> {
  if (me.role === 'admin') return (await api.initiatives('active')).items;
  return me.memberships.filter((m) => m.role === 'coach').map((m) => ({ id: m.initiativeId, title: m.title }));
}

async function loadQueue(me: Me): Promise<QueueItem[]> {
  const initiatives = await reviewedInitiatives(me);
  return Promise.all(
    initiatives.map(async (initiative) => {
      const [cycles, checkIns] = await Promise.all([api.cycles(initiative.id, 1), api.checkIns(initiative.id, 1)]);
      return { initiative, latest: cycles.items[0], nextDueOn: checkIns.nextDueOn };
    }),
  );
}

/** What waits for a coach: cycles sent for review, and initiatives whose check-in is overdue. */
export function CoachQueue() {
  const me = useMe();
  const queue = useLoad(() => loadQueue(me), [me.id, me.memberships.length]);
  const now = today();

  if (!queue.data) return <Page title="Review queue">{queue.error ? <LoadFailed error={queue.error} retry={queue.reload} /> : <Loading />}</Page>;
  const inReview = queue.data.filter((q) => q.latest?.phase === 'review');
  const overdue = queue.data.filter((q) => q.nextDueOn < now).sort((a, b) => a.nextDueOn.localeCompare(b.nextDueOn));

  return (
    <Page title="Review queue" lead={<p>Across {plural(queue.data.length, 'initiative')} you {me.role === 'admin' ? 'oversee' : 'coach'}.</p>}>
      <Section title={`Cycles waiting for review (${inReview.length})`} id="waiting">
        {inReview.length === 0 ? (
          <p className="hint">No cycle is waiting for review.</p>
        ) : (
          <ul className="queue">
            {inReview.map(({ initiative, latest }) => (
              <li key={latest!.id}>
                <Link to={`/cycles/${latest!.id}/review`}>Review {cycleName(latest!)}</Link>
                <span className="meta">
                  {' '}
                  {initiative.title} · sent {formatInstant(latest!.updatedAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title={`Overdue check-ins (${overdue.length})`} id="overdue">
        {overdue.length === 0 ? (
          <p className="hint">Every initiative is up to date with its check-ins.</p>
        ) : (
          <ul className="queue">
            {overdue.map(({ initiative, nextDueOn }) => (
              <li key={initiative.id}>
                <Link to={`/initiatives/${initiative.id}`}>{initiative.title}</Link>
                <span className="meta">
                  {' '}
                  due {formatDate(nextDueOn)} · {plural(daysBetween(nextDueOn, now), 'day')} overdue
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="All your initiatives" id="all">
        <ul className="queue">
          {queue.data.map(({ initiative, latest }) => (
            <li key={initiative.id}>
              <Link to={`/initiatives/${initiative.id}`}>{initiative.title}</Link>
              <span className="meta"> {latest ? `cycle ${latest.number} in ${latest.phase}` : 'no cycle yet'}</span>
            </li>
          ))}
        </ul>
      </Section>
    </Page>
  );
}
