import { FormEvent, useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { Role, User } from '../../api/types';
import { ErrorSummary, LoadFailed, Loading, Status } from '../../ui/feedback';
import { SelectField, TextField } from '../../ui/fields';
import { Page, Section } from '../../ui/page';
import { useMe } from '../../session';
import { useLoad } from '../../ui/use-load';
import { options, ROLE_NAMES } from '../../ui/words';
import { TableScroll } from '../../ui/table-scroll';
import { useAction } from '../../ui/use-action';

export function PeopleAdmin() {
  const me = useMe();
  const list = useLoad(() => api.users(), []);
  const { error, busy, run } = useAction();
  const [status, setStatus] = useState('');

  const change = async (user: User, changes: Partial<Pick<User, 'role' | 'active'>>, words: string) => {
    setStatus('');
    await run(async () => {
      await api.updateUser(user.id, changes);
      setStatus(words);
      await list.reload();
    });
  };

  return (
    <Page title="People">
      <Section title="Accounts" id="accounts">
        <ErrorSummary error={error} title="The account was not changed" />
        <Status>{status}</Status>
        {!list.data ? (
          list.error ? (
            <LoadFailed error={list.error} retry={list.reload} />
          ) : (
            <Loading />
          )
        ) : (
          <TableScroll label="People">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Account</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((u) => (
                  <tr key={u.id}>
                    <th scope="row">{u.name}</th>
                    <td>{u.email}</td>
                    <td>
                      <label className="visually-hidden" htmlFor={`role-${u.id}`}>
                        Role of {u.name}
                      </label>
                      <select
                        id={`role-${u.id}`}
                        value={u.role}
                        disabled={u.id === me.id}
                        onChange={(e) =>
                          void change(u, { role: e.target.value as Role }, `${u.name} is now a ${ROLE_NAMES[e.target.value as Role].toLowerCase()}.`)
                        }
                      >
                        {options(ROLE_NAMES).map((o) => (
                          <option key={o.value} value={o.value}>
                            {o.label}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      {u.active ? 'Active' : 'Deactivated'}{' '}
                      {u.id === me.id ? (
                        <span className="meta">(you)</span>
                      ) : (
                        <button
                          type="button"
                          className="button link"
                          disabled={busy}
                          onClick={() => void change(u, { active: !u.active }, `${u.name}’s account is ${u.active ? 'deactivated' : 'active again'}.`)}
                        >
                          {u.active ? 'Deactivate' : 'Reactivate'}
                          <span className="visually-hidden"> {u.name}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Section>
      <Section title="Add a person" id="add-person">
        <AddPerson onAdded={list.reload} />
      </Section>
    </Page>
  );
}

function AddPerson({ onAdded }: { onAdded(): Promise<void> }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [password, setPassword] = useState('');
  const { error, busy, run } = useAction();
  const [status, setStatus] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setStatus('');
    await run(async () => {
      const user = await api.createUser({ name, email, role: role as Role, password });
      setStatus(`${user.name} can now sign in as ${user.email}. Give them the password in person or by phone.`);
      setName('');
      setEmail('');
      setRole('');
      setPassword('');
      await onAdded();
    });
  };
  const errs = (field: string) => (error instanceof ApiError ? error.problemsFor(field) : undefined);

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="add-person-title">
      <ErrorSummary error={error} title="The person was not added" />
      <div className="row">
        <TextField id="person-name" label="Name" autoComplete="off" value={name} onChange={setName} errors={errs('name')} />
        <TextField id="person-email" type="email" label="Email address" autoComplete="off" value={email} onChange={setEmail} errors={errs('email')} />
      </div>
      <div className="row">
        <SelectField
          id="person-role"
          label="Role"
          placeholder="Choose"
          options={options(ROLE_NAMES)}
          value={role}
          onChange={(v) => setRole(v as Role)}
          errors={errs('role')}
        />
        <TextField
          id="person-password"
          type="password"
          label="First password"
          hint="At least 10 characters and hard to guess: a few unrelated words work well."
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
          errors={errs('password')}
        />
      </div>
      <button type="submit" className="button" disabled={busy}>
        Add person
      </button>
      <Status>{status}</Status>
    </form>
  );
}
