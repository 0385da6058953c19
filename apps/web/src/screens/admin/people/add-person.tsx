import { FormEvent, useState } from 'react';
import { api, ApiError } from '../../../api/client';
import type { Role } from '../../../api/types';
import { ErrorSummary, Status } from '../../../ui/feedback';
import { SelectField, TextField } from '../../../ui/fields';
import { useAction } from '../../../ui/use-action';
import { options, ROLE_NAMES } from '../../../ui/words';

/** An account with a first password the admin hands over in person: for someone who cannot receive the invitation email. */
export function AddPerson({ onAdded }: { onAdded(): Promise<void> }) {
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
        {busy ? 'Adding…' : 'Add person'}
      </button>
      <Status>{status}</Status>
    </form>
  );
}
