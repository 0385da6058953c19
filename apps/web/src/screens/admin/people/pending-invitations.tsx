import { useEffect, useState } from 'react';
import { Invitation, INVITATIONS_PAGE_SIZE, peopleApi } from '../../../api/people';
import type { Initiative, Page } from '../../../api/types';
import { ErrorSummary, LoadFailed, Loading, Status } from '../../../ui/feedback';
import { Loaded } from '../../../ui/use-load';
import { useAction } from '../../../ui/use-action';
import { formatInstant, formatNumber, ROLE_NAMES } from '../../../ui/words';
import { Pager } from './pager';

/** Invitations not yet used: each can be sent again (a fresh link; the old one stops working) or revoked. */
export function PendingInvitations({
  list,
  initiatives,
  offset,
  onTurn,
}: {
  list: Loaded<Page<Invitation>>;
  initiatives: Initiative[];
  offset: number;
  onTurn(offset: number): void;
}) {
  if (!list.data) return list.error ? <LoadFailed error={list.error} retry={list.reload} /> : <Loading />;
  const { items, total } = list.data;
  const pager = (
    <Pager label="Pages of pending invitations" offset={offset} pageSize={INVITATIONS_PAGE_SIZE} total={total} busy={list.loading} onTurn={onTurn} />
  );
  if (!items.length && offset > 0)
    // Emptied meanwhile (invitations accepted or revoked elsewhere): offer the way back rather than a dead end.
    return (
      <p>
        No pending invitation is left on this page.{' '}
        <button type="button" className="button link" onClick={() => onTurn(0)}>
          Show the newest invitations
        </button>
      </p>
    );
  if (!items.length) return <p>No invitation is waiting to be accepted.</p>;
  const titles = new Map(initiatives.map((i) => [i.id, i.title]));
  return (
    <>
      {total > INVITATIONS_PAGE_SIZE && (
        <p className="status" role="status" aria-live="polite">
          {formatNumber(offset + 1)}–{formatNumber(offset + items.length)} of {formatNumber(total)} pending invitations, newest first
        </p>
      )}
      <table className="cards-on-phone">
        <caption className="visually-hidden">Pending invitations</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Invited as</th>
            <th scope="col">Link</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((invitation) => (
            // Keyed by email (one pending invitation per email): sending again keeps the row and what it says.
            <InvitationRow
              key={invitation.email}
              sent={invitation}
              initiativeTitle={invitation.initiativeId ? (titles.get(invitation.initiativeId) ?? 'an initiative') : null}
            />
          ))}
        </tbody>
      </table>
      {pager}
    </>
  );
}

/** A revoked invitation stays in its row, saying so, until the list is loaded again. */
function InvitationRow({ sent, initiativeTitle }: { sent: Invitation; initiativeTitle: string | null }) {
  const [invitation, setInvitation] = useState(sent);
  const [revoked, setRevoked] = useState(false);
  const { error, busy, run } = useAction();
  const [status, setStatus] = useState('');
  useEffect(() => {
    setInvitation(sent);
    setRevoked(false);
  }, [sent]);

  const act = (work: () => Promise<void>, words: string) =>
    run(async () => {
      setStatus('');
      await work();
      setStatus(words);
    });
  const sendAgain = () =>
    act(
      async () =>
        setInvitation(
          await peopleApi.invite({
            email: invitation.email,
            name: invitation.name,
            role: invitation.role,
            ...(invitation.initiativeId ? { initiativeId: invitation.initiativeId } : {}),
            ...(invitation.memberRole ? { memberRole: invitation.memberRole } : {}),
          }),
        ),
      `A new invitation is on its way to ${invitation.email}; the link in the earlier email no longer works.`,
    );
  const revoke = () =>
    act(async () => {
      await peopleApi.revokeInvitation(invitation.id);
      setRevoked(true);
    }, `The invitation to ${invitation.email} is revoked: its link no longer works.`);

  return (
    <tr>
      <th scope="row" data-label="Name">
        {invitation.name}
      </th>
      <td data-label="Email">{invitation.email}</td>
      <td data-label="Invited as">{initiativeTitle ? `${ROLE_NAMES[invitation.role]} of ${initiativeTitle}` : ROLE_NAMES[invitation.role]}</td>
      <td data-label="Link">
        {revoked ? (
          <strong>Revoked</strong>
        ) : invitation.expired ? (
          <strong>Expired {formatInstant(invitation.expiresAt)}</strong>
        ) : (
          `Works until ${formatInstant(invitation.expiresAt)}`
        )}
      </td>
      <td data-label="Actions">
        {!revoked && (
          <div className="actions compact">
            <button type="button" className="button secondary" disabled={busy} onClick={() => void sendAgain()}>
              Send again<span className="visually-hidden"> to {invitation.email}</span>
            </button>
            <button type="button" className="button link" disabled={busy} onClick={() => void revoke()}>
              Revoke<span className="visually-hidden"> the invitation to {invitation.email}</span>
            </button>
          </div>
        )}
        <ErrorSummary error={error} title="Nothing changed" />
        <Status>{status}</Status>
      </td>
    </tr>
  );
}
