import { api } from '../api/client';
import { Link } from '../router';
import { useMe } from '../session';
import { LoadFailed, Loading } from '../ui/feedback';
import { Page } from '../ui/page';
import { useLoad } from '../ui/use-load';
import { STATUS_NAMES } from '../ui/words';

/** The initiatives the person may see (their own; all of them for programme staff). */
export function InitiativesList() {
  const me = useMe();
  const list = useLoad(() => api.initiatives(), [me.id]);
  const roleIn = (id: string) => me.memberships.find((m) => m.initiativeId === id)?.role;
  return (
    <Page title="Initiatives">
      {!list.data ? (
        list.error ? (
          <LoadFailed error={list.error} retry={list.reload} />
        ) : (
          <Loading />
        )
      ) : list.data.items.length === 0 ? (
        <p>You are not part of any initiative yet. Programme staff add people to initiatives.</p>
      ) : (
        <ul className="cards">
          {list.data.items.map((i) => (
            <li key={i.id} className="card">
              <h2>
                <Link to={`/initiatives/${i.id}`}>{i.title}</Link>
              </h2>
              <p className="meta">
                {STATUS_NAMES[i.status]}
                {roleIn(i.id) && ` · you are a ${roleIn(i.id)}`}
              </p>
              <p>{i.summary}</p>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
