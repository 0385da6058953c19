import { FormEvent, useState } from 'react';
import { ApiError } from '../api/client';
import { digestChoices, DigestFrequency, DigestPreferences } from '../api/digest-choices';
import { useMe } from '../session';
import { CalendarFeed } from './account/calendar-feed';
import { ChangePassword } from './account/change-password';
import { ErrorSummary, LoadFailed, Loading, Status } from '../ui/feedback';
import { RadioGroup } from '../ui/fields';
import { Page, Section } from '../ui/page';
import { useLoad } from '../ui/use-load';
import { useAction } from '../ui/use-action';

const FREQUENCY_NAMES: Record<DigestFrequency, string> = { weekly: 'Every week', monthly: 'Once a month', none: 'No digest' };

const SAVED: Record<DigestFrequency, string> = {
  weekly: 'Saved. You will get the digest every week.',
  monthly: 'Saved. You will get the digest once a month.',
  none: 'Saved. You will not be sent the digest; you can still read it here under Digests.',
};

/** "Monthly: only the digest …" as "Only the digest …", to stand under the choice named "Once a month". */
const withoutLabel = (rule: string) => rule.replace(/^monthly:\s*/i, '').replace(/^./, (first) => first.toUpperCase());

/** How often the signed-in person is emailed the coalition digest. */
export function Settings() {
  const loaded = useLoad(() => digestChoices.mine(), []);
  return (
    <Page title="Settings">
      <Section title="The coalition digest" id="digest-frequency">
        <p>An email with what the coalition’s initiatives learned: the cycles they closed, their insights and how their measures moved.</p>
        {loaded.data ? (
          <FrequencyForm preferences={loaded.data} onSaved={loaded.set} />
        ) : loaded.error ? (
          <LoadFailed error={loaded.error} retry={loaded.reload} />
        ) : (
          <Loading />
        )}
      </Section>
      <Section title="Your calendar" id="calendar-feed">
        <CalendarFeed />
      </Section>
      <Section title="Change your password" id="change-password">
        <ChangePassword />
      </Section>
    </Page>
  );
}

function NotSent() {
  const me = useMe();
  return (
    <p className="notice">
      {me.role === 'admin'
        ? 'Programme staff accounts are not emailed the digest, whatever is chosen here. You can read every digest under Digests.'
        : 'Your account is not active, so it is not emailed the digest.'}{' '}
      Your choice is kept in case that changes.
    </p>
  );
}

function FrequencyForm({ preferences, onSaved }: { preferences: DigestPreferences; onSaved(preferences: DigestPreferences): void }) {
  const [frequency, setFrequency] = useState<DigestFrequency>(preferences.frequency);
  const { error, busy, run } = useAction();
  const [status, setStatus] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setStatus('');
    await run(async () => {
      const saved = await digestChoices.chooseMine(frequency);
      onSaved(saved);
      setFrequency(saved.frequency);
      setStatus(saved.receivesDigest ? SAVED[saved.frequency] : 'Saved.');
    });
  };
  const problems = error instanceof ApiError ? error.problemsFor('frequency') : [];
  const hints: Record<DigestFrequency, string> = {
    weekly: 'Every digest, each covering the week before.',
    monthly: withoutLabel(preferences.monthlyRule),
    none: 'No email. The same as unsubscribing; you can choose again here at any time.',
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="digest-frequency-title">
      {!preferences.receivesDigest && <NotSent />}
      <ErrorSummary error={error} title="Your choice was not saved" links={problems.length ? [{ id: 'frequency', label: problems.join(' ') }] : []} />
      <RadioGroup<DigestFrequency>
        id="frequency"
        legend="How often do you want the digest?"
        options={(Object.keys(FREQUENCY_NAMES) as DigestFrequency[]).map((value) => ({ value, label: FREQUENCY_NAMES[value], hint: hints[value] }))}
        value={frequency}
        onChange={setFrequency}
        errors={problems}
      />
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Saving…' : 'Save'}
      </button>
      <Status>{status}</Status>
    </form>
  );
}
