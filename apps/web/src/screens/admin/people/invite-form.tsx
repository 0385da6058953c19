import { FormEvent, useState } from 'react';
import { ApiError } from '../../../api/client';
import { peopleApi } from '../../../api/people';
import type { Initiative, Role } from '../../../api/types';
import { ErrorSummary, FieldLink, Status } from '../../../ui/feedback';
import { SelectField, TextField } from '../../../ui/fields';
import { useAction } from '../../../ui/use-action';
import { options, ROLE_NAMES } from '../../../ui/words';
import { problemsInWords } from '../../account/field-words';

const LABELS = { name: 'Name', email: 'Email address', role: 'Role', initiativeId: 'Initiative', memberRole: 'Initiative' } as const;
type Field = keyof typeof LABELS;
const FIELD_IDS: Record<Field, string> = {
  name: 'invite-name',
  email: 'invite-email',
  role: 'invite-role',
  initiativeId: 'invite-initiative',
  memberRole: 'invite-initiative',
};

/** Only a librarian or a coach account joins an initiative, and in its own role. */
const joinsInitiatives = (role: Role | '') => role === 'librarian' || role === 'coach';

/** Invite someone by email: they choose their own password from the link, and join the initiative if one is chosen. */
export function InviteForm({ initiatives, onInvited }: { initiatives: Initiative[]; onInvited(): void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [initiativeId, setInitiativeId] = useState('');
  const [status, setStatus] = useState('');
  const { error, setError, busy, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setStatus('');
    const missing = [
      !name.trim() && { field: 'name', problems: ['Enter the person’s name.'] },
      !email.trim() && { field: 'email', problems: ['Enter the email address the invitation goes to.'] },
      !role && { field: 'role', problems: ['Choose the role of the account.'] },
    ].filter((p): p is { field: string; problems: string[] } => Boolean(p));
    if (missing.length) return setError(new ApiError(400, 'Some of what the invitation needs is missing.', missing));
    const joins = joinsInitiatives(role) && initiativeId;
    await run(async () => {
      const invitation = await peopleApi.invite({ name: name.trim(), email: email.trim(), role: role as Role, ...(joins ? { initiativeId } : {}) });
      const title = joins ? initiatives.find((i) => i.id === initiativeId)?.title : undefined;
      setStatus(
        `Invitation sent to ${invitation.email}${title ? `, to join ${title} as its ${invitation.role}` : ''}. The link works once, for 7 days; it is listed under Pending invitations until it is used.`,
      );
      setName('');
      setEmail('');
      setRole('');
      setInitiativeId('');
      onInvited();
    });
  };
  const errorsFor = (field: Field) => problemsInWords(error, field, LABELS[field]);
  const links: FieldLink[] = (Object.keys(LABELS) as Field[])
    .filter((field) => errorsFor(field)?.length)
    .map((field) => ({ id: FIELD_IDS[field], label: errorsFor(field)!.join(' ') }));

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="invite-title">
      <p>The person gets an email with a link to choose their own password. Nobody but them ever knows it.</p>
      <ErrorSummary error={error} title="The invitation was not sent" links={links} />
      <div className="row">
        <TextField id="invite-name" label={LABELS.name} autoComplete="off" value={name} onChange={setName} errors={errorsFor('name')} />
        <TextField
          id="invite-email"
          type="email"
          label={LABELS.email}
          autoComplete="off"
          spellCheck={false}
          value={email}
          onChange={setEmail}
          errors={errorsFor('email')}
        />
      </div>
      <div className="row">
        <SelectField
          id="invite-role"
          label={LABELS.role}
          placeholder="Choose"
          options={options(ROLE_NAMES)}
          value={role}
          onChange={(v) => setRole(v as Role)}
          errors={errorsFor('role')}
        />
        {joinsInitiatives(role) && (
          <SelectField
            id="invite-initiative"
            label={LABELS.initiativeId}
            optional
            hint={`They join it as its ${role} when they accept.`}
            placeholder="None for now"
            options={initiatives.map((i) => ({ value: i.id, label: i.title }))}
            value={initiativeId}
            onChange={setInitiativeId}
            errors={[...(errorsFor('initiativeId') ?? []), ...(errorsFor('memberRole') ?? [])]}
          />
        )}
      </div>
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Sending…' : 'Send invitation'}
      </button>
      <Status>{status}</Status>
    </form>
  );
}
