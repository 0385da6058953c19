import { FormEvent, useState } from 'react';
import { api, ApiError } from '../api/client';
import { reviewLoop } from '../api/review-loop';
import type { DigestPeriodChoice, DigestPreview, DigestSeries } from '../api/review-loop';
import { Link } from '../router';
import { useMe } from '../session';
import { ErrorSummary, LoadFailed, Loading, Status } from '../ui/feedback';
import { SelectField, TextField } from '../ui/fields';
import { Page, Section } from '../ui/page';
import { useLoad } from '../ui/use-load';
import { cycleName, DECISION_NAMES, formatDate, formatInstant, OUTCOME_NAMES, plural } from '../ui/words';
import { useAction } from '../ui/use-action';

const period = (start: string, end: string) => `${formatDate(start)} – ${formatDate(end)}`;

/** The coalition digests, newest first; programme staff can compile one now. */
export function DigestArchive() {
  const me = useMe();
  const list = useLoad(() => api.digests(), []);
  return (
    <Page title="Coalition digests" lead={<p>What the pilots are learning, as sent to every subscriber.</p>}>
      {me.role === 'admin' && (
        <Section title="Compile a digest now" id="run-digest">
          <RunDigest onDone={list.reload} />
        </Section>
      )}
      <Section title="Archive" id="archive">
        {!list.data ? (
          list.error ? (
            <LoadFailed error={list.error} retry={list.reload} />
          ) : (
            <Loading />
          )
        ) : list.data.items.length === 0 ? (
          <p className="hint">No digest has been compiled yet.</p>
        ) : (
          <ul className="queue">
            {list.data.items.map((d) => (
              <li key={d.id}>
                <Link to={`/digests/${d.id}`}>Digest of {period(d.periodStart, d.periodEnd)}</Link>
                <span className="meta">
                  {' '}
                  compiled {formatInstant(d.compiledAt)} · sent to {plural(d.recipients, 'subscriber')}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </Page>
  );
}

const SERIES_NAMES: Record<DigestSeries, string> = { weekly: 'Weekly', monthly: 'Monthly (a calendar month)' };

/** Preview first: what would be sent and to how many people; only then "Send to N people". */
function RunDigest({ onDone }: { onDone(): Promise<void> }) {
  const [periodStart, setPeriodStart] = useState('');
  const [periodEnd, setPeriodEnd] = useState('');
  const [series, setSeries] = useState<DigestSeries>('weekly');
  const [preview, setPreview] = useState<{ choice: DigestPeriodChoice; digest: DigestPreview } | null>(null);
  const { error, setError, busy, run } = useAction();
  const [status, setStatus] = useState('');

  const change = (set: (value: string) => void) => (value: string) => {
    set(value);
    setPreview(null);
    setStatus('');
  };

  const showPreview = async (event: FormEvent) => {
    event.preventDefault();
    setStatus('');
    setPreview(null);
    const problems = [
      ...(periodStart ? [] : [{ field: 'periodStart', problems: ['Enter the first day of the period.'] }]),
      ...(periodEnd ? [] : [{ field: 'periodEnd', problems: ['Enter the last day of the period.'] }]),
    ];
    if (problems.length) {
      setError(new ApiError(400, 'Choose the period to preview.', problems));
      return;
    }
    const choice = { periodStart, periodEnd, series };
    await run(async () => setPreview({ choice, digest: await reviewLoop.previewDigest(choice) }));
  };

  const send = async () => {
    if (!preview) return;
    setStatus('');
    await run(async () => {
      const answer = await reviewLoop.runDigest(preview.choice);
      const words = period(answer.periodStart, answer.periodEnd);
      setStatus(
        answer.status === 'skipped'
          ? `Nothing to report for ${words}: nothing was sent.`
          : answer.status === 'exists'
            ? `The digest of ${words} was already sent; it is not sent twice.`
            : answer.status === 'compiled'
              ? `The digest of ${words} is compiled and on its way to ${plural(preview.digest.recipients, 'person', 'people')}.`
              : `The digest of ${words} is being compiled and sent; reload the archive in a moment.`,
      );
      setPreview(null);
      await onDone();
    });
  };
  const errs = (field: string) => (error instanceof ApiError ? error.problemsFor(field) : undefined);
  const count = preview ? preview.digest.recipients : 0;

  return (
    <>
      <form onSubmit={(e) => void showPreview(e)} noValidate aria-labelledby="run-digest-title">
        <ErrorSummary error={error} title="The digest was not sent" />
        <p className="hint">Preview the digest of a period first: nothing is stored or sent until you confirm. Each period gets exactly one digest.</p>
        <div className="row">
          <TextField id="digest-periodStart" type="date" label="First day" value={periodStart} onChange={change(setPeriodStart)} errors={errs('periodStart')} />
          <TextField id="digest-periodEnd" type="date" label="Last day" value={periodEnd} onChange={change(setPeriodEnd)} errors={errs('periodEnd')} />
          <SelectField
            id="digest-series"
            label="Series"
            options={(Object.keys(SERIES_NAMES) as DigestSeries[]).map((value) => ({ value, label: SERIES_NAMES[value] }))}
            value={series}
            onChange={(value) => change(() => setSeries(value as DigestSeries))(value)}
            errors={errs('series')}
          />
        </div>
        <button type="submit" className="button secondary" disabled={busy}>
          {busy ? 'Preparing the preview…' : 'Preview'}
        </button>
      </form>
      {preview && (
        <div className="digest-preview" aria-labelledby="digest-preview-title">
          <h3 id="digest-preview-title">Preview: {preview.digest.subject}</h3>
          <p>
            {plural(preview.digest.cyclesClosed, 'cycle')} closed in {period(preview.choice.periodStart, preview.choice.periodEnd)} · it would go to{' '}
            {plural(count, 'person', 'people')}.
          </p>
          {preview.digest.sendsNothing && <p className="callout">{preview.digest.sendsNothing}</p>}
          {/* A sandbox with no permissions: the email's HTML cannot run scripts or reach this page. */}
          <iframe className="email-preview" title="The digest email, as it would be sent" sandbox="" srcDoc={preview.digest.html} />
          <details>
            <summary>The plain-text version</summary>
            <pre className="email-text">{preview.digest.text}</pre>
          </details>
          <div className="actions">
            {!preview.digest.sendsNothing && (
              <button type="button" className="button" disabled={busy || count === 0} onClick={() => void send()}>
                {busy ? 'Sending…' : `Send to ${plural(count, 'person', 'people')}`}
              </button>
            )}
            <button type="button" className="button secondary" disabled={busy} onClick={() => setPreview(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      <Status>{status}</Status>
    </>
  );
}

/** One digest: its closed cycles with links to their summaries, and the email as subscribers see it. */
export function DigestPage({ id }: { id: string }) {
  const digest = useLoad(() => api.digest(id), [id]);
  const [view, setView] = useState<'html' | 'text' | null>(null);
  const preview = useLoad(async () => (view ? api.digestText(id, view) : ''), [id, view]);

  if (!digest.data) return <Page title="Digest">{digest.error ? <LoadFailed error={digest.error} retry={digest.reload} /> : <Loading />}</Page>;
  const d = digest.data;
  const content = d.content;
  return (
    <Page
      title={`Digest of ${period(d.periodStart, d.periodEnd)}`}
      lead={
        <p className="meta">
          Compiled {formatInstant(d.compiledAt)} · sent to {plural(d.recipients, 'subscriber')}
        </p>
      }
    >
      <Section title={`Cycles closed (${content.closedCycles.length})`} id="closed">
        {content.closedCycles.length === 0 ? (
          <p className="hint">No cycle closed in this period.</p>
        ) : (
          <ul className="cards">
            {content.closedCycles.map((c) => (
              <li key={c.cycleId} className="card">
                <h3>
                  <Link to={`/summaries/${c.cycleId}`}>
                    {c.initiativeTitle}: {cycleName({ number: c.cycleNumber, title: c.cycleTitle })}
                  </Link>
                </h3>
                <p className="meta">
                  {c.libraryName}
                  {c.outcome && ` · hypothesis ${OUTCOME_NAMES[c.outcome].toLowerCase()}`}
                  {c.decision && ` · decision: ${DECISION_NAMES[c.decision].toLowerCase()}`}
                </p>
                {c.keyInsight && <p>{c.keyInsight}</p>}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="The email" id="email">
        <div className="actions" role="group" aria-label="Show the email as">
          <button type="button" className="button secondary" aria-pressed={view === 'html'} onClick={() => setView('html')}>
            Preview the HTML email
          </button>
          <button type="button" className="button secondary" aria-pressed={view === 'text'} onClick={() => setView('text')}>
            Show the plain text
          </button>
        </div>
        {view &&
          (preview.error ? (
            <LoadFailed error={preview.error} retry={preview.reload} />
          ) : preview.loading ? (
            <Loading what="Loading the email" />
          ) : view === 'html' ? (
            // A sandbox with no permissions: the email's HTML cannot run scripts or reach this page.
            <iframe className="email-preview" title="The digest email as subscribers see it" sandbox="" srcDoc={preview.data} />
          ) : (
            <pre className="email-text">{preview.data}</pre>
          ))}
      </Section>
    </Page>
  );
}
