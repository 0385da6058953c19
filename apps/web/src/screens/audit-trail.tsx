import { useState } from 'react';
import { api, get } from '../api/client';
import type { Page as ApiPage } from '../api/types';
import { useMe } from '../session';
import { LoadFailed, Loading } from '../ui/feedback';
import { Page } from '../ui/page';
import { useLoad } from '../ui/use-load';
import { formatInstant } from '../ui/words';

interface AuditEntry {
  id: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  initiativeId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  at: string;
}

const PAGE = 50;

const THINGS: Record<string, string> = {
  user: 'account',
  library: 'library',
  initiative: 'initiative',
  membership: 'membership',
  indicator: 'indicator',
  cycle: 'cycle',
  evidence: 'evidence entry',
  review: 'review',
  check_in: 'check-in',
  digest: 'digest',
  adaptation: 'logged change',
  survey: 'survey',
  survey_item: 'survey statement',
  survey_import: 'survey import',
  invitation: 'invitation',
};

const DONE: Record<string, string> = {
  create: 'added',
  update: 'changed',
  delete: 'removed',
  restore: 'brought back',
  transition: 'moved',
};

/** The words that name a record best, from whichever of its fields it has. */
function nameOf(entry: AuditEntry): string | null {
  const record = entry.after ?? entry.before ?? {};
  for (const key of ['title', 'name', 'text', 'statement', 'description', 'subject', 'email']) {
    const value = record[key];
    if (typeof value === 'string' && value.trim()) return value.length > 80 ? `${value.slice(0, 80)}…` : value;
  }
  return null;
}

const phaseMove = (entry: AuditEntry) => {
  const from = entry.before?.phase;
  const to = entry.after?.phase;
  return typeof from === 'string' && typeof to === 'string' && from !== to ? ` from ${from} to ${to}` : '';
};

/** Who changed what, and when: every audited change in the initiatives the reader may see. */
export function AuditTrail() {
  const me = useMe();
  const [offset, setOffset] = useState(0);
  const list = useLoad(async () => {
    const page = await get<ApiPage<AuditEntry>>(`/api/v1/audit?limit=${PAGE}&offset=${offset}`);
    const names = new Map<string, string>();
    if (me.role === 'admin') for (const u of (await api.users()).items) names.set(u.id, u.name);
    const initiatives = [...new Set(page.items.map((e) => e.initiativeId).filter((id): id is string => Boolean(id)))];
    for (const id of initiatives) {
      const initiative = await api.initiative(id).catch(() => null);
      for (const m of initiative?.members ?? []) names.set(m.userId, m.name);
    }
    return { page, names };
  }, [offset]);

  const who = (entry: AuditEntry, names: Map<string, string>) =>
    entry.actorId === me.id ? 'You' : entry.actorId ? (names.get(entry.actorId) ?? 'Programme staff') : 'The tracker itself';

  return (
    <Page title="Audit trail" lead={<p>Who changed what, and when, newest first.</p>}>
      {!list.data ? (
        list.error ? (
          <LoadFailed error={list.error} retry={list.reload} />
        ) : (
          <Loading />
        )
      ) : list.data.page.items.length === 0 ? (
        <p className="hint">No changes recorded yet.</p>
      ) : (
        <>
          <ol className="audit-list">
            {list.data.page.items.map((entry) => {
              const name = nameOf(entry);
              return (
                <li key={entry.id}>
                  <span className="meta">{formatInstant(entry.at)}</span> <strong>{who(entry, list.data!.names)}</strong>{' '}
                  {DONE[entry.action] ?? entry.action.replace(/_/g, ' ')} {THINGS[entry.entityType] ?? 'a record'}
                  {phaseMove(entry)}
                  {name && <>: “{name}”</>}
                </li>
              );
            })}
          </ol>
          <div className="actions">
            {offset > 0 && (
              <button type="button" className="button secondary" onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                Newer changes
              </button>
            )}
            {offset + PAGE < list.data.page.total && (
              <button type="button" className="button secondary" onClick={() => setOffset(offset + PAGE)}>
                Older changes
              </button>
            )}
          </div>
        </>
      )}
    </Page>
  );
}
