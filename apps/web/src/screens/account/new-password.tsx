import { FormEvent, ReactNode, useState } from 'react';
import { ApiError } from '../../api/client';
import { ErrorSummary } from '../../ui/feedback';
import { TextField } from '../../ui/fields';
import { useAction } from '../../ui/use-action';
import { problemsInWords } from './field-words';

/** The API's rule (at least 10 characters, a zxcvbn score of 3 or more), in words a person can follow. */
export const PASSWORD_RULE_WORDS =
  'At least 10 characters and hard to guess. A few unrelated words work well, such as “lantern orchard bicycle”; names, dates and keyboard rows do not.';

const MISMATCH = 'The two passwords are not the same: type the same password in both.';

/**
 * A new password, typed twice, with the rule said before anything is typed. `choose` sends it; a
 * refusal that names `password` (the API's field; `newPassword` for a change) is shown beside it.
 */
export function NewPasswordFields({
  id,
  label = 'New password',
  submitLabel,
  busyLabel,
  apiField = 'password',
  errorTitle,
  choose,
  before,
}: {
  id: string;
  label?: string;
  submitLabel: string;
  busyLabel: string;
  apiField?: string;
  errorTitle: string;
  /** Sends the password; may throw an ApiError (shown by the form) or answer nothing. */
  choose(password: string): Promise<void>;
  /** Fields that come before the new password (the current one, for a change). */
  before?: (errorsFor: (field: string, label: string) => string[] | undefined) => ReactNode;
}) {
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const { error, setError, busy, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!password)
      return setError(new ApiError(400, `Enter the ${label.toLowerCase()}.`, [{ field: apiField, problems: [`Enter the ${label.toLowerCase()}.`] }]));
    if (password !== again) return setError(new ApiError(400, MISMATCH, [{ field: `${id}-again`, problems: [MISMATCH] }]));
    await run(() => choose(password));
  };
  const errorsFor = (field: string, fieldLabel = field === apiField ? label : 'Type it again') => problemsInWords(error, field, fieldLabel);
  const links = [
    ...(errorsFor(apiField)?.length ? [{ id, label: errorsFor(apiField)!.join(' ') }] : []),
    ...(errorsFor(`${id}-again`)?.length ? [{ id: `${id}-again`, label: MISMATCH }] : []),
  ];

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <ErrorSummary error={error} title={errorTitle} links={links} />
      {before?.(errorsFor)}
      <TextField
        id={id}
        type="password"
        label={label}
        hint={PASSWORD_RULE_WORDS}
        autoComplete="new-password"
        value={password}
        onChange={setPassword}
        errors={errorsFor(apiField)}
      />
      <TextField
        id={`${id}-again`}
        type="password"
        label="Type it again"
        autoComplete="new-password"
        value={again}
        onChange={setAgain}
        errors={errorsFor(`${id}-again`)}
      />
      <button type="submit" className="button" disabled={busy}>
        {busy ? busyLabel : submitLabel}
      </button>
    </form>
  );
}
