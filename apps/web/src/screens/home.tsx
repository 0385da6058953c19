import { useEffect } from 'react';
import { navigate } from '../router';
import { useMe } from '../session';
import { CoachQueue } from './coach-queue';
import { DigestArchive } from './digests';
import { InitiativesList } from './initiatives-list';

/** Where each person starts: a librarian at their initiative, a coach or admin at the review queue, a subscriber at the digests. */
export function Home() {
  const me = useMe();
  const own = me.memberships.filter((m) => m.role === 'librarian');
  const single = me.role === 'librarian' && own.length === 1 ? own[0].initiativeId : null;

  useEffect(() => {
    if (single) navigate(`/initiatives/${single}`, { replace: true });
  }, [single]);

  if (single) return null;
  if (me.role === 'coach' || me.role === 'admin') return <CoachQueue />;
  if (me.role === 'subscriber') return <DigestArchive />;
  return <InitiativesList />;
}
