import { FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { Link } from '../router';
import { useSession } from '../session';
import { ErrorSummary } from '../ui/feedback';
import { TextField } from '../ui/fields';
import { useAction } from '../ui/use-action';

export function SignIn() {
  const { signIn, notice } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { error, setError, busy, run } = useAction();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = 'Sign in · R2C Tracker';
    heading.current?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!email.trim() || !password) {
      setError(new ApiError(400, 'Enter your email address and your password.'));
      return;
    }
    await run(() => signIn(email.trim(), password));
  };

  return (
    <main id="main" className="sign-in">
      <p className="brand-line">R2C Tracker</p>
      <h1 tabIndex={-1} ref={heading}>
        Sign in
      </h1>
      <p className="lead">Research to Change cycles for the coalition’s pilot libraries.</p>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary error={error} title="You are not signed in" />
        <TextField id="email" type="email" label="Email address" autoComplete="username" spellCheck={false} value={email} onChange={setEmail} />
        <TextField id="password" type="password" label="Password" autoComplete="current-password" value={password} onChange={setPassword} />
        <p className="forgot">
          <Link to="/forgot-password">Forgot password?</Link>
        </p>
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="sign-in-more">
        Not part of a pilot, but want the coalition’s news? <Link to="/subscribe">Get the coalition digest by email</Link>.
      </p>
    </main>
  );
}
