import { FormEvent, useState } from 'react';
import { PEOPLE_PAGE_SIZE, peopleApi, PeopleSearch } from '../../../api/people';
import type { Role, User } from '../../../api/types';
import { useMe } from '../../../session';
import { LoadFailed, Loading } from '../../../ui/feedback';
import { SelectField, TextField } from '../../../ui/fields';
import { useLoad } from '../../../ui/use-load';
import { formatNumber, options, ROLE_NAMES } from '../../../ui/words';
import { Pager } from './pager';
import { PersonRow } from './person-row';

const STATES = { true: 'Active', false: 'Deactivated' };

/** Every account, found by name or email, filtered by role and state, a page at a time. */
export function PeopleList({ version }: { version: number }) {
  const me = useMe();
  const [draft, setDraft] = useState<PeopleSearch>({ q: '', role: '', active: '' });
  const [search, setSearch] = useState<PeopleSearch>({ ...draft, offset: 0 });
  const list = useLoad(() => peopleApi.search(search), [search, version]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSearch({ ...draft, offset: 0 });
  };
  const turn = (offset: number) => setSearch((s) => ({ ...s, offset }));
  const changed = (user: User) => list.data && list.set({ ...list.data, items: list.data.items.map((u) => (u.id === user.id ? user : u)) });

  const offset = search.offset ?? 0;
  const total = list.data?.total ?? 0;
  const shown = list.data?.items.length ?? 0;

  return (
    <>
      <form className="search" role="search" aria-label="People" onSubmit={submit}>
        <div className="row">
          <TextField
            id="people-q"
            type="search"
            label="Name or email contains"
            autoComplete="off"
            spellCheck={false}
            value={draft.q ?? ''}
            onChange={(q) => setDraft((d) => ({ ...d, q }))}
          />
          <SelectField
            id="people-role"
            label="Role"
            placeholder="Any role"
            options={options(ROLE_NAMES)}
            value={draft.role ?? ''}
            onChange={(role) => setDraft((d) => ({ ...d, role: role as Role | '' }))}
          />
          <SelectField
            id="people-active"
            label="Account"
            placeholder="Active or not"
            options={options(STATES)}
            value={draft.active ?? ''}
            onChange={(active) => setDraft((d) => ({ ...d, active: active as PeopleSearch['active'] }))}
          />
        </div>
        <button type="submit" className="button">
          Search
        </button>
      </form>
      {!list.data ? (
        list.error ? (
          <LoadFailed error={list.error} retry={list.reload} />
        ) : (
          <Loading />
        )
      ) : (
        <>
          <p className="status" role="status" aria-live="polite">
            {total === 0
              ? 'Nobody matches.'
              : `${formatNumber(offset + 1)}–${formatNumber(offset + shown)} of ${formatNumber(total)} ${total === 1 ? 'person' : 'people'}`}
          </p>
          {shown > 0 && (
            <table className="cards-on-phone people-table">
              <caption className="visually-hidden">People</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Account</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((person) => (
                  <PersonRow key={person.id} person={person} isMe={person.id === me.id} onChanged={changed} />
                ))}
              </tbody>
            </table>
          )}
          <Pager label="Pages of people" offset={offset} pageSize={PEOPLE_PAGE_SIZE} total={total} busy={list.loading} onTurn={turn} />
        </>
      )}
    </>
  );
}
