import { FormEvent, useEffect, useState } from 'react';
import { reviewLoop } from '../api/review-loop';
import type { InboxItem, NotificationKind, ReviewEmails } from '../api/review-loop';
import type { Role } from '../api/types';
import { Link } from '../router';
import { useMe } from '../session';
import { ErrorSummary, LoadFailed, Loading, Status } from '../ui/feedback';
import { RadioGroup } from '../ui/fields';
import { Page, Section } from '../ui/page';
import { useAction } from '../ui/use-action';
import { useLoad } from '../ui/use-load';
import { formatInstant } from '../ui/words';

const KIND_NAMES: Record<NotificationKind, string> = {
  review_requested: 'Sent for review',
  changes_requested: 'Changes requested',
  approved: 'Approved',
  comment: 'Comment',
};

/** The screen each event is about: coaches review, librarians rework the cycle or read the summary. */
export function notificationLink(item: Pick<InboxItem, 'kind' | 'cycleId'>, role: Role): string {
  if (item.kind === 'approved') return `/cycles/${item.cycleId}/summary`;
  if (item.kind === 'review_requested') return `/cycles/${item.cycleId}/review`;
  if (item.kind === 'comment' && (role === 'coach' || role === 'admin')) return `/cycles/${item.cycleId}/review`;
  return `/cycles/${item.cycleId}`;
}

/** Tells the header the unread count changed, so its badge need not wait for the next page. */
export const INBOX_CHANGED = 'r2c:inbox-changed';
const inboxChanged = () => window.dispatchEvent(new Event(INBOX_CHANGED));

/** The review loop's events for the signed-in person, newest first, and how they want them by email. */
export function NotificationsPage() {
  const me = useMe();
  const inbox = useLoad(() => reviewLoop.inbox(), []);
  const { error, busy, run } = useAction();
  const [status, setStatus] = useState('');

  const markRead = async (ids?: string[]) => {
    setStatus('');
    const done = await run(async () => {
      await reviewLoop.markRead(ids);
      await inbox.reload();
    });
    if (done) {
      setStatus(ids ? 'Marked as read.' : 'Everything is marked as read.');
      inboxChanged();
    }
  };

  return (
    <Page title="Notifications" lead={<p>Reviews sent, changes requested, approvals and comments on the cycles you work on.</p>}>
      <Section title="Inbox" id="inbox">
        <ErrorSummary error={error} title="This could not be marked as read" />
        {!inbox.data ? (
          inbox.error ? (
            <LoadFailed error={inbox.error} retry={inbox.reload} />
          ) : (
            <Loading />
          )
        ) : inbox.data.items.length === 0 ? (
          <p className="hint">Nothing here yet. When a cycle you work on is sent for review, reviewed or commented on, it appears here.</p>
        ) : (
          <>
            <p>
              {inbox.data.unread === 0 ? 'Everything is read.' : `${inbox.data.unread} unread.`}{' '}
              {inbox.data.unread > 0 && (
                <button type="button" className="button secondary" disabled={busy} onClick={() => void markRead()}>
                  Mark all as read
                </button>
              )}
            </p>
            <ul className="inbox">
              {inbox.data.items.map((item) => (
                <li key={item.id} className={item.readAt ? 'inbox-item' : 'inbox-item unread'}>
                  <p className="inbox-head">
                    {!item.readAt && <span className="unread-dot">New: </span>}
                    <strong>{KIND_NAMES[item.kind] ?? item.kind}</strong> · {formatInstant(item.createdAt)}
                  </p>
                  <p>
                    <Link
                      to={notificationLink(item, me.role)}
                      onClick={() => !item.readAt && void reviewLoop.markRead([item.id]).then(inboxChanged, () => undefined)}
                    >
                      {item.title}
                    </Link>
                  </p>
                  {item.body && <p className="inbox-body">{item.body}</p>}
                  {!item.readAt && (
                    <button type="button" className="button link" disabled={busy} onClick={() => void markRead([item.id])}>
                      Mark as read<span className="visually-hidden">: {item.title}</span>
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
        <Status>{status}</Status>
      </Section>
      <Section title="Review emails" id="review-emails">
        <ReviewEmailChoice />
      </Section>
    </Page>
  );
}

const EMAIL_CHOICES: { value: ReviewEmails; label: string; hint: string }[] = [
  { value: 'immediately', label: 'Immediately', hint: 'one email for each event, as it happens' },
  { value: 'daily', label: 'Once a day', hint: 'one email at 09:00 listing everything since the last one' },
  { value: 'off', label: 'Off', hint: 'no review emails; events still appear in this inbox' },
];

function ReviewEmailChoice() {
  const current = useLoad(() => reviewLoop.reviewEmails(), []);
  const [choice, setChoice] = useState<ReviewEmails | ''>('');
  const { error, busy, run } = useAction();
  const [status, setStatus] = useState('');

  useEffect(() => {
    if (current.data) setChoice(current.data.reviewEmails);
  }, [current.data]);

  if (!current.data) return current.error ? <LoadFailed error={current.error} retry={current.reload} /> : <Loading />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!choice) return;
    setStatus('');
    await run(async () => {
      const saved = await reviewLoop.chooseReviewEmails(choice);
      current.set(saved);
      setStatus(`Saved: ${EMAIL_CHOICES.find((c) => c.value === saved.reviewEmails)?.label.toLowerCase() ?? saved.reviewEmails}.`);
    });
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <ErrorSummary error={error} title="Your choice was not saved" />
      <RadioGroup<ReviewEmails> id="review-emails-choice" legend="Email me about reviews" value={choice} onChange={setChoice} options={EMAIL_CHOICES} />
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Saving…' : 'Save'}
      </button>
      <Status>{status}</Status>
    </form>
  );
}
