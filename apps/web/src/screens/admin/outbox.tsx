import { useState } from 'react';
import { api } from '../../api/client';
import type { OutboxStatus } from '../../api/types';
import { ErrorSummary, LoadFailed, Loading, Status } from '../../ui/feedback';
import { Page } from '../../ui/page';
import { useLoad } from '../../ui/use-load';
import { formatInstant, MAIL_STATUS_NAMES } from '../../ui/words';
import { TableScroll } from '../../ui/table-scroll';
import { useAction } from '../../ui/use-action';

const FILTERS: (OutboxStatus | 'all')[] = ['all', 'failed', 'dead', 'queued', 'sent'];

/** The mail outbox: what was sent, what keeps failing, and a retry for what gave up. */
export function OutboxAdmin() {
  const [filter, setFilter] = useState<OutboxStatus | 'all'>('all');
  const list = useLoad(() => api.outbox(filter === 'all' ? undefined : filter), [filter]);
  const { error, busy, run } = useAction();
  const [status, setStatus] = useState('');
  const dashboard = useAction();

  // The dashboard takes only its own short-lived token, never the session's.
  const openQueues = () => dashboard.run(async () => window.location.assign((await api.queueDashboard()).url));

  const retry = async (id: string, to: string) => {
    setStatus('');
    await run(async () => {
      await api.retryMail(id);
      setStatus(`The email to ${to} will be sent again.`);
      await list.reload();
    });
  };

  return (
    <Page
      title="Mail outbox"
      lead={<p>Every email the tracker sends. Failed emails are retried with growing pauses; after the last try they are marked “gave up”.</p>}
    >
      <div className="actions filters" role="group" aria-label="Show emails that are">
        {FILTERS.map((f) => (
          <button key={f} type="button" className="button secondary" aria-pressed={filter === f} onClick={() => setFilter(f)}>
            {f === 'all' ? 'All' : MAIL_STATUS_NAMES[f]}
          </button>
        ))}
      </div>
      <p>
        <button type="button" className="button secondary" disabled={dashboard.busy} onClick={() => void openQueues()}>
          Open the job queues
        </button>{' '}
        <span className="hint">Sending, reminders, summaries and digests as background jobs, for troubleshooting.</span>
      </p>
      <ErrorSummary error={dashboard.error} title="The job queues did not open" />
      <ErrorSummary error={error} title="The email was not retried" />
      <Status>{status}</Status>
      {!list.data ? (
        list.error ? (
          <LoadFailed error={list.error} retry={list.reload} />
        ) : (
          <Loading />
        )
      ) : list.data.items.length === 0 ? (
        <p className="hint">No emails here.</p>
      ) : (
        <TableScroll label="Emails">
          <table className="cards-on-phone">
            <caption>
              {list.data.items.length} of {list.data.total} emails
            </caption>
            <thead>
              <tr>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
                <th scope="col">State</th>
                <th scope="col">Tries</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((m) => (
                <tr key={m.id}>
                  <th scope="row" data-label="To">
                    {m.to}
                  </th>
                  <td data-label="Subject">
                    {m.subject}
                    {m.lastError && <span className="meta error-text"> Last error: {m.lastError}</span>}
                  </td>
                  <td data-label="State">{MAIL_STATUS_NAMES[m.status]}</td>
                  <td data-label="Tries">{m.attempts}</td>
                  <td data-label="Created">{formatInstant(m.createdAt)}</td>
                  <td>
                    {(m.status === 'failed' || m.status === 'dead') && (
                      <button type="button" className="button secondary" disabled={busy} onClick={() => void retry(m.id, m.to)}>
                        Retry<span className="visually-hidden"> the email to {m.to}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Page>
  );
}
