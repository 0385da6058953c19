import type { Cycle, Indicator, Member, Prediction, Review, WorkingPhase } from '../../api/types';
import type { ChangesSinceRequest } from '../../api/review-loop';
import { DECISION_NAMES, formatDate, formatInstant, formatNumber, OUTCOME_NAMES, PHASE_NAMES, plural, VERDICT_NAMES } from '../../ui/words';
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

/** Every review and comment, oldest first: the verdict in words, the coach's note, who, when, and the round. */
export function ReviewList({ reviews, members }: { reviews: Review[]; members: Member[] }) {
  if (!reviews.length) return <p className="hint">No reviews or comments yet.</p>;
  const nameOf = (r: Review) => r.authorName || members.find((m) => m.userId === r.authorId)?.name || 'Programme staff';
  const rounds = new Set(reviews.map((r) => r.round ?? 1)).size > 1;
  return (
    <ol className="reviews">
      {reviews.map((r) => (
        <li key={r.id} className={`review review-${r.verdict}`}>
          <p className="review-head">
            <strong>{VERDICT_NAMES[r.verdict]}</strong>
            {r.returnTo && <> — sent back to {PHASE_NAMES[r.returnTo].toLowerCase()}</>} · {nameOf(r)} · {formatInstant(r.createdAt)}
            {rounds && <> · round {r.round ?? 1}</>}
          </p>
          <p className="review-body">{r.body}</p>
        </li>
      ))}
    </ol>
  );
}

const FIELD_NAMES: Record<string, string> = {
  statement: 'the hypothesis',
  expectedOutcome: 'expected outcome',
  rationale: 'why',
  learningQuestion: 'learning question',
  indicatorIds: 'indicators',
  predictions: 'prediction',
  description: 'what changed',
  implementedOn: 'date put in place',
  sessionsHeld: 'sessions held',
  participantsReached: 'participants reached',
  gathering: 'gathering checklist',
  outcome: 'whether the hypothesis was supported',
  insights: 'insights',
  decision: 'decision',
  nextSteps: 'next steps',
};

/** "Round 2": a cycle back in review after a coach asked for changes. */
export function RoundBadge({ round }: { round: number }) {
  if (round < 2) return null;
  return <span className="round-badge">Round {round}</span>;
}

/** What the librarians changed since the coach's latest request for changes. */
export function ChangesSince({ changes }: { changes: ChangesSinceRequest }) {
  const evidence = [
    changes.evidenceAdded ? plural(changes.evidenceAdded, 'entry', 'entries') + ' added' : null,
    changes.evidenceRemoved ? plural(changes.evidenceRemoved, 'entry', 'entries') + ' removed' : null,
  ].filter(Boolean);
  const nothing = !changes.sections.length && !evidence.length;
  return (
    <div className="changes-since" role="note" aria-labelledby="changes-since-title">
      <h3 id="changes-since-title">What changed since changes were requested on {formatInstant(changes.requestedAt)}</h3>
      <p className="meta">The request: “{changes.note}”</p>
      {nothing ? (
        <p>Nothing was changed since the request.</p>
      ) : (
        <ul>
          {changes.sections.map((s) => (
            <li key={s.section}>
              <strong>{PHASE_NAMES[s.section]}</strong> edited: {s.fields.map((f) => FIELD_NAMES[f] ?? f).join(', ')}
            </li>
          ))}
          {evidence.length > 0 && (
            <li>
              <strong>Evidence</strong>: {evidence.join(', ')}
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
