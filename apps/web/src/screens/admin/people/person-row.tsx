import { useState } from 'react';
import { peopleApi } from '../../../api/people';
import type { Role, User } from '../../../api/types';
import { ErrorSummary, Status } from '../../../ui/feedback';
import { useAction } from '../../../ui/use-action';
import { options, ROLE_NAMES } from '../../../ui/words';
import { roleChangeWords, roleName } from './role-change';

/**
 * One account in the list. Its role select asks for confirmation, in words that say what the person
 * loses, before anything is sent; what happened is told in the row, beside the control used.
 */
export function PersonRow({ person, isMe, onChanged }: { person: User; isMe: boolean; onChanged(user: User): void }) {
  const [asked, setAsked] = useState<Role | null>(null);
  const [status, setStatus] = useState('');
  const { error, busy, run } = useAction();

  const send = async (changes: Partial<{ role: Role; active: boolean }>, words: (user: User) => string) => {
    setStatus('');
    await run(async () => {
      const user = await peopleApi.update(person.id, changes);
      setAsked(null);
      setStatus(words(user));
      onChanged(user);
    });
  };
  const confirmId = `role-confirm-${person.id}`;
  const cancel = () => {
    setAsked(null);
    document.getElementById(`role-${person.id}`)?.focus();
  };

  return (
    <>
      <tr>
        <th scope="row" data-label="Name">
          {person.name}
          {isMe && <span className="meta"> (you)</span>}
        </th>
        <td data-label="Email">{person.email}</td>
        <td data-label="Role">
          <label className="visually-hidden" htmlFor={`role-${person.id}`}>
            Role of {person.name}
          </label>
          <select
            id={`role-${person.id}`}
            value={asked ?? person.role}
            disabled={isMe || busy}
            aria-describedby={asked ? confirmId : undefined}
            onChange={(e) => {
              setStatus('');
              const role = e.target.value as Role;
              setAsked(role === person.role ? null : role);
            }}
          >
            {options(ROLE_NAMES).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </td>
        <td data-label="Account">
          {person.active ? 'Active' : 'Deactivated'}{' '}
          {!isMe && (
            <button
              type="button"
              className="button link"
              disabled={busy}
              onClick={() =>
                void send({ active: !person.active }, (user) =>
                  user.active ? `${user.name} can sign in again.` : `${user.name}’s account is deactivated: they are signed out and cannot sign in.`,
                )
              }
            >
              {person.active ? 'Deactivate' : 'Reactivate'}
              <span className="visually-hidden"> {person.name}</span>
            </button>
          )}
        </td>
      </tr>
      {(asked || status || error) && (
        <tr className="row-feedback">
          <td colSpan={4}>
            <ErrorSummary error={error} title={`${person.name} was not changed`} />
            {asked && (
              <div className="confirm" id={confirmId} role="group" aria-label={`Make ${person.name} ${roleName(asked)}?`}>
                <p className="confirm-question">
                  Make {person.name} {roleName(asked)} instead of {roleName(person.role)}?
                </p>
                <ul>
                  {roleChangeWords(person.name, person.role, asked).map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
                <div className="actions">
                  <button
                    type="button"
                    className={asked === 'admin' ? 'button danger' : 'button'}
                    disabled={busy}
                    onClick={() => void send({ role: asked }, (user) => `${user.name} is now ${roleName(user.role)}.`)}
                  >
                    {busy ? 'Saving…' : `Make ${person.name} ${roleName(asked)}`}
                  </button>
                  <button type="button" className="button secondary" disabled={busy} onClick={cancel}>
                    Cancel
                  </button>
                </div>
              </div>
            )}
            <Status>{status}</Status>
          </td>
        </tr>
      )}
    </>
  );
}
