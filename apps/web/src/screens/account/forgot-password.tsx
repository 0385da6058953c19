import { FormEvent, useState } from 'react';
import { ApiError } from '../../api/client';
import { accountApi } from '../../api/people';
import { Link } from '../../router';
import { ErrorSummary, Status } from '../../ui/feedback';
import { TextField } from '../../ui/fields';
import { useAction } from '../../ui/use-action';
import { problemsInWords } from './field-words';
import { PublicPage } from './public-page';

const ENTER_EMAIL = 'Enter the email address you sign in with.';

/** Asks for a reset link. The answer is the same for any address, so it never tells who has an account. */
export function ForgotPassword() {
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState('');
  const { error, setError, busy, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSentTo('');
    if (!email.trim()) return setError(new ApiError(400, ENTER_EMAIL, [{ field: 'email', problems: [ENTER_EMAIL] }]));
    await run(async () => {
      await accountApi.requestReset(email.trim());
      setSentTo(email.trim());
    });
  };
  const problems = problemsInWords(error, 'email', 'Email address');

  return (
    <PublicPage title="Forgot your password?" lead="Enter the email address you sign in with. We will email you a link to choose a new password.">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary error={error} title="No link was sent" links={problems ? [{ id: 'reset-email', label: problems.join(' ') }] : []} />
        <TextField
          id="reset-email"
          type="email"
          label="Email address"
          autoComplete="username"
          spellCheck={false}
          value={email}
          onChange={setEmail}
          errors={problems}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Sending…' : 'Email me a reset link'}
        </button>
        <Status>
          {sentTo &&
            `Check your email. If ${sentTo} belongs to an account here, a link to choose a new password is on its way. It works once, for one hour. Nothing arrived after a few minutes? Look in your spam folder, or ask your programme team.`}
        </Status>
      </form>
      <p>
        <Link to="/">Back to sign in</Link>
      </p>
    </PublicPage>
  );
}
