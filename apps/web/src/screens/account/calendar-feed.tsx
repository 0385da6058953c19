import { useState } from 'react';
import { calendarFeedApi } from '../../api/calendar-feed';
import { ErrorSummary, LoadFailed, Loading, Status } from '../../ui/feedback';
import { useAction } from '../../ui/use-action';
import { useLoad } from '../../ui/use-load';

/** The address Google Calendar or Outlook subscribes to: check-ins due and planned cycle ends of every initiative of the person. */
export function CalendarFeed() {
  const loaded = useLoad(() => calendarFeedApi.address(), []);
  const { error, busy, run } = useAction();
  const [status, setStatus] = useState('');
  const [confirming, setConfirming] = useState(false);

  const reset = () =>
    run(async () => {
      loaded.set(await calendarFeedApi.reset());
      setConfirming(false);
      setStatus('A new address is ready. The old one no longer works: subscribe again with the new one.');
    });

  if (loaded.error) return <LoadFailed error={loaded.error} retry={loaded.reload} />;
  if (!loaded.data) return <Loading />;
  return (
    <>
      <p>
        Subscribe to this address in Google Calendar (“Other calendars”, then “From URL”), Outlook (“Add calendar”, then “Subscribe from web”) or Apple
        Calendar, and your check-ins and the planned end of each cycle appear there and stay up to date.
      </p>
      <p className="hint">Keep it to yourself: anyone with the address can read these dates. If it was shared by mistake, get a new one.</p>
      <label className="label" htmlFor="calendar-feed-url">
        Your calendar address
      </label>
      <input id="calendar-feed-url" className="copyable" type="text" readOnly value={loaded.data.url} onFocus={(e) => e.currentTarget.select()} />
      <ErrorSummary error={error} title="The address was not changed" />
      <div className="actions">
        {confirming ? (
          <>
            <button type="button" className="button" disabled={busy} onClick={() => void reset()}>
              {busy ? 'Making a new address…' : 'Yes, stop the old address'}
            </button>
            <button type="button" className="button secondary" disabled={busy} onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </>
        ) : (
          <button type="button" className="button secondary" onClick={() => setConfirming(true)}>
            Get a new address
          </button>
        )}
      </div>
      {confirming && <p>Calendars subscribed to the old address stop updating until they subscribe to the new one.</p>}
      <Status>{status}</Status>
    </>
  );
}
