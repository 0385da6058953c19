import { api, ApiError } from '../api/client';
import type { CycleListItem } from '../api/types';
import { Link } from '../router';
import { LoadFailed, Loading } from '../ui/feedback';
import { RunCharts } from './summary-parts';
import { useLoad } from '../ui/use-load';
import { cycleName, formatDate, formatInstant } from '../ui/words';

/**
 * Closed cycles, and each indicator's run chart across them. The charts come from the latest
 * closed cycle's summary, which holds every earlier cycle's mean of the indicators it used.
 */
export function PastCycles({ cycles }: { cycles: CycleListItem[] }) {
  const closed = cycles.filter((c) => c.phase === 'closed').sort((a, b) => b.number - a.number);
  const latest = closed[0];
  const summary = useLoad(async () => {
    if (!latest) return null;
    try {
      return await api.summary(latest.id);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  }, [latest?.id]);

  if (!closed.length) return <p className="hint">No cycle has closed yet. Closed cycles and their run charts appear here.</p>;
  return (
    <>
      <ul className="past-cycles">
        {closed.map((c) => (
          <li key={c.id}>
            <Link to={`/summaries/${c.id}`}>{cycleName(c)}</Link>
            <span className="meta">
              {' '}
              {formatDate(c.plannedStart)} – {formatDate(c.plannedEnd)} · closed {formatInstant(c.closedAt)}
            </span>
          </li>
        ))}
      </ul>
      <h3>Run charts</h3>
      {summary.loading && !summary.data ? (
        <Loading what="Loading the run charts" />
      ) : summary.error ? (
        <LoadFailed error={summary.error} retry={summary.reload} />
      ) : !summary.data ? (
        <p className="hint">The summary of cycle {latest.number} is still being compiled; its run charts appear here in a moment.</p>
      ) : summary.data.indicators.length === 0 ? (
        <p className="hint">No indicator was measured in these cycles.</p>
      ) : (
        <RunCharts summary={summary.data} />
      )}
    </>
  );
}
