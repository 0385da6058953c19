import type { Cycle, Indicator, Member, Prediction, Review, WorkingPhase } from '../../api/types';
import { DECISION_NAMES, formatDate, formatInstant, formatNumber, OUTCOME_NAMES, PHASE_NAMES, VERDICT_NAMES } from '../../ui/words';
import { EvidenceLine } from './evidence-panel';

function Facts({ rows }: { rows: [string, string | number | null | undefined][] }) {
  const shown = rows.filter(([, v]) => v !== null && v !== undefined && v !== '');
  if (!shown.length) return <p className="hint">Nothing recorded yet.</p>;
  return (
    <dl className="facts">
      {shown.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** "Attendance from 12 to 18; I trust the library to 4.2". */
export function predictionsInWords(predictions: Prediction[] | undefined, indicators: Indicator[]): string | null {
  if (!predictions?.length) return null;
  const name = (id: string) => indicators.find((i) => i.id === id)?.name ?? 'An indicator';
  return predictions
    .map((p) => `${name(p.indicatorId)} ${p.from !== null ? `from ${formatNumber(p.from)} ` : ''}to ${formatNumber(p.to)}${p.note ? ` (${p.note})` : ''}`)
    .join('; ');
}

/** One section of a cycle as recorded, for readers who cannot (or need not) change it. */
export function SectionView({ cycle, section, indicators }: { cycle: Cycle; section: WorkingPhase; indicators: Indicator[] }) {
  switch (section) {
    case 'hypothesis': {
      const h = cycle.hypothesis;
      const names = (h?.indicatorIds ?? []).map((id) => indicators.find((i) => i.id === id)?.name ?? 'an indicator').join(', ');
      return (
        <Facts
          rows={[
            ['Hypothesis', h?.statement],
            ['Expected outcome', h?.expectedOutcome],
            ['Why', h?.rationale],
            ['Learning question', h?.learningQuestion],
            ['Indicators', names],
            ['Prediction', predictionsInWords(h?.predictions, indicators)],
          ]}
        />
      );
    }
    case 'adaptation': {
      const a = cycle.adaptation;
      const g = a?.gathering ?? {};
      return (
        <Facts
          rows={[
            ['What changed', a?.description],
            ['Put in place on', a?.implementedOn ? formatDate(a.implementedOn) : null],
            ['Sessions held', a?.sessionsHeld],
            ['Participants reached', a?.participantsReached],
            ['Why gather', g.whyGather],
            ['Desired outcome', g.desiredOutcome],
            ['Invitation', g.invitation],
            ['Opening', g.opening],
            ['Closing', g.closing],
            ['Time to reflect', g.timeToReflect],
          ]}
        />
      );
    }
    case 'evidence':
      return cycle.evidence.length ? (
        <ul className="evidence-list">
          {cycle.evidence.map((entry) => (
            <li key={entry.id}>
              <EvidenceLine entry={entry} indicators={indicators} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">No evidence yet.</p>
      );
    case 'reflection': {
      const r = cycle.reflection;
      return (
        <Facts
          rows={[
            ['Hypothesis was', r?.outcome ? OUTCOME_NAMES[r.outcome] : null],
            ['Insights', r?.insights],
            ['Decision', r?.decision ? DECISION_NAMES[r.decision] : null],
            ['Next steps', r?.nextSteps],
          ]}
        />
      );
    }
  }
}

export function WholeCycle({ cycle, indicators }: { cycle: Cycle; indicators: Indicator[] }) {
  return (
    <>
      {(['hypothesis', 'adaptation', 'evidence', 'reflection'] as const).map((section) => (
        <section key={section} className="cycle-section" aria-labelledby={`whole-${section}`}>
          <h3 id={`whole-${section}`}>
            {PHASE_NAMES[section]}
            {section === 'evidence' && ` (${cycle.evidence.length})`}
          </h3>
          <SectionView cycle={cycle} section={section} indicators={indicators} />
        </section>
      ))}
    </>
  );
}

export function ReviewList({ reviews, members }: { reviews: Review[]; members: Member[] }) {
  if (!reviews.length) return <p className="hint">No reviews or comments yet.</p>;
  const nameOf = (id: string) => members.find((m) => m.userId === id)?.name ?? 'Programme staff';
  return (
    <ol className="reviews">
      {reviews.map((r) => (
        <li key={r.id} className={`review review-${r.verdict}`}>
          <p className="review-head">
            <strong>{VERDICT_NAMES[r.verdict]}</strong>
            {r.returnTo && <> — sent back to {PHASE_NAMES[r.returnTo].toLowerCase()}</>} · {nameOf(r.authorId)} · {formatInstant(r.createdAt)}
          </p>
          <p className="review-body">{r.body}</p>
        </li>
      ))}
    </ol>
  );
}
