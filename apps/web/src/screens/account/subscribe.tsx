import { FormEvent, useState } from 'react';
import { ApiError } from '../../api/client';
import { accountApi } from '../../api/people';
import { ErrorSummary, FieldLink, Status } from '../../ui/feedback';
import { TextField } from '../../ui/fields';
import { useAction } from '../../ui/use-action';
import { problemsInWords } from './field-words';
import { PublicPage } from './public-page';

const LABELS = { name: 'Your name', email: 'Email address' } as const;

/** Anyone in the network asks for the coalition digest; an emailed link confirms the address (double opt-in). */
export function Subscribe() {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState('');
  const [closed, setClosed] = useState<string | null>(null);
  const { error, setError, busy, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSentTo('');
    const missing = (Object.keys(LABELS) as (keyof typeof LABELS)[])
      .filter((field) => !{ name, email }[field].trim())
      .map((field) => ({ field, problems: [`Enter ${field === 'name' ? 'your name' : 'your email address'}.`] }));
    if (missing.length) return setError(new ApiError(400, 'Enter your name and your email address.', missing));
    await run(async () => {
      try {
        await accountApi.subscribe(email.trim(), name.trim());
        setSentTo(email.trim());
      } catch (refusal) {
        if (refusal instanceof ApiError && refusal.status === 404) return setClosed(refusal.message);
        throw refusal;
      }
    });
  };
  const errorsFor = (field: keyof typeof LABELS) => problemsInWords(error, field, LABELS[field]);
  const links: FieldLink[] = (Object.keys(LABELS) as (keyof typeof LABELS)[])
    .filter((field) => errorsFor(field)?.length)
    .map((field) => ({ id: `subscribe-${field}`, label: errorsFor(field)!.join(' ') }));

  if (closed)
    return (
      <PublicPage title="Get the coalition digest">
        <p className="notice" role="status">
          {closed}
        </p>
      </PublicPage>
    );

  return (
    <PublicPage
      title="Get the coalition digest"
      lead="An email with what the coalition’s libraries learned: the cycles they closed, their insights and how their measures moved. Free for anyone in the network; unsubscribe from any digest with one click."
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary error={error} title="You are not signed up yet" links={links} />
        <TextField id="subscribe-name" label={LABELS.name} autoComplete="name" value={name} onChange={setName} errors={errorsFor('name')} />
        <TextField
          id="subscribe-email"
          type="email"
          label={LABELS.email}
          autoComplete="email"
          spellCheck={false}
          value={email}
          onChange={setEmail}
          errors={errorsFor('email')}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Sending…' : 'Sign me up'}
        </button>
        <Status>
          {sentTo &&
            `Check your email. We sent a message to ${sentTo}: open the link in it to confirm, and the digest starts coming. No link, no digest. If nothing arrived after a few minutes, look in your spam folder.`}
        </Status>
      </form>
    </PublicPage>
  );
}
