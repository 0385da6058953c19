import { reviewLoop } from '../../api/review-loop';
import type { Cycle } from '../../api/types';
import { LoadFailed, Loading } from '../../ui/feedback';
import { useLoad } from '../../ui/use-load';
import { RunCharts } from '../summary-parts';

/**
 * The open cycle's run charts: every measurement so far, this cycle's included, with the median and
 * the signals in words, so a librarian sees a shift or a trend as it emerges rather than at the close.
 */
export function OpenCycleCharts({ cycle }: { cycle: Pick<Cycle, 'id' | 'phase' | 'updatedAt' | 'evidence'> }) {
  const draft = useLoad(() => reviewLoop.draftSummary(cycle.id), [cycle.id, cycle.phase, cycle.updatedAt, cycle.evidence.length]);
  if (!draft.data) return draft.error ? <LoadFailed error={draft.error} retry={draft.reload} /> : <Loading what="Loading the run charts" />;
  const charted = draft.data.indicators.filter((i) => i.kind !== 'text');
  return (
    <>
      {charted.length === 0 ? <p className="hint">No indicator was named or measured in this cycle yet.</p> : <RunCharts summary={draft.data} />}
      <p>
        <button type="button" className="button link" onClick={() => void draft.reload()}>
          Redraw the charts with the latest evidence
        </button>
      </p>
    </>
  );
}
