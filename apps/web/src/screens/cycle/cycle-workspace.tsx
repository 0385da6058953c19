import { useEffect, useRef, useState } from 'react';
import { PHASES, WORKING_PHASES } from '../../api/types';
import type { Cycle, Indicator, Member, Phase, WorkingPhase } from '../../api/types';
import { Link } from '../../router';
import type { Standing } from '../../session';
import { Status } from '../../ui/feedback';
import { phaseAnchor, PhaseStepper } from '../../ui/phase-stepper';
import { formatDate, formatInstant, OUTCOME_NAMES, PHASE_NAMES, plural } from '../../ui/words';
import { AdaptationForm } from './adaptation-form';
import { AdaptationLog } from './adaptation-log';
import { ReviewList, RoundBadge, SectionView } from './cycle-view';
import { EvidencePanel } from './evidence-panel';
import { HypothesisForm } from './hypothesis-form';
import { Nudges } from './nudges';
import { OpenCycleCharts } from './open-cycle-charts';
import { ReflectionForm } from './reflection-form';

const at = (phase: Phase) => PHASES.indexOf(phase);
const isWorking = (phase: Phase): phase is WorkingPhase => at(phase) <= at('reflection');

interface Props {
  cycle: Cycle;
  indicators: Indicator[];
  members: Member[];
  standing: Standing;
  onChange(cycle: Cycle): void;
  onIndicatorAdded(indicator: Indicator): void;
}

/** One line saying what a finished phase holds, shown while its panel is folded away. */
function phaseSummary(cycle: Cycle, phase: WorkingPhase): string {
  const clip = (text: string | null | undefined) => (!text ? null : text.length > 90 ? `${text.slice(0, 90)}…` : text);
  switch (phase) {
    case 'hypothesis':
      return clip(cycle.hypothesis?.statement) ?? 'Nothing recorded yet.';
    case 'adaptation': {
      const a = cycle.adaptation;
      const on = a?.implementedOn ? ` (put in place on ${formatDate(a.implementedOn)})` : '';
      return a?.description ? `${clip(a.description)}${on}` : 'Nothing recorded yet.';
    }
    case 'evidence':
      return cycle.evidence.length ? `${plural(cycle.evidence.length, 'entry', 'entries')}.` : 'No evidence yet.';
    case 'reflection':
      return cycle.reflection?.outcome ? `Hypothesis ${OUTCOME_NAMES[cycle.reflection.outcome].toLowerCase()}.` : 'Nothing recorded yet.';
  }
}

/**
 * The open cycle: its phases as a sticky stepper of jump links, the current phase's panel open, and
 * each finished phase folded to a summary line (opened from its step or its own summary; earlier
 * phases stay editable until the cycle is sent for review).
 */
export function CycleWorkspace({ cycle, indicators, members, standing, onChange, onIndicatorAdded }: Props) {
  const [unfolded, setUnfolded] = useState<Partial<Record<Phase, boolean>>>({});
  const [status, setStatus] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    if (firstRender.current) firstRender.current = false;
    else heading.current?.focus();
  }, [cycle.phase]);

  // A link to this cycle (`/cycles/:id`, from an email) lands on its initiative's page at this spot.
  useEffect(() => {
    if (window.location.hash === `#cycle-${cycle.id}`) document.getElementById(`cycle-${cycle.id}`)?.scrollIntoView();
  }, [cycle.id]);

  const canWrite = standing === 'librarian' || standing === 'admin';
  const frozen = cycle.phase === 'review' || cycle.phase === 'closed';
  const editable = (section: WorkingPhase) => canWrite && !frozen && at(section) <= at(cycle.phase);
  const change = (next: Cycle, words?: string) => {
    onChange(next);
    if (words) setStatus(words);
  };
  const jump = (phase: Phase) => {
    if (phase !== cycle.phase) setUnfolded((u) => ({ ...u, [phase]: true }));
    // On a long page the panel may be far below the stepper: bring it into view once it has opened.
    requestAnimationFrame(() => {
      const panel = document.getElementById(phaseAnchor(phase));
      panel?.scrollIntoView({ block: 'start' });
      panel?.querySelector<HTMLElement>('summary, h3')?.focus({ preventScroll: true });
    });
  };

  const latestVerdict = [...cycle.reviews].reverse().find((r) => r.verdict !== 'comment');
  const sentBack = latestVerdict?.verdict === 'request_changes' && !frozen ? latestVerdict : null;

  const panelFor = (phase: WorkingPhase) => {
    const sectionProps = { cycle, isCurrent: phase === cycle.phase, onChange: change };
    if (!editable(phase)) return <SectionView cycle={cycle} section={phase} indicators={indicators} />;
    if (phase === 'hypothesis')
      return <HypothesisForm {...sectionProps} initiativeId={cycle.initiativeId} indicators={indicators} onIndicatorAdded={onIndicatorAdded} />;
    if (phase === 'adaptation') return <AdaptationForm {...sectionProps} />;
    if (phase === 'evidence') return <EvidencePanel {...sectionProps} indicators={indicators} editable />;
    return <ReflectionForm {...sectionProps} indicators={indicators} />;
  };
  const finished = WORKING_PHASES.filter((p) => at(p) < at(cycle.phase));

  const current = isWorking(cycle.phase) ? (
    panelFor(cycle.phase)
  ) : cycle.phase === 'review' ? (
    <p>
      Sent for review. A coach of the initiative approves it, which closes the cycle, or asks for changes.
      {(standing === 'coach' || standing === 'admin') && (
        <>
          {' '}
          <Link to={`/cycles/${cycle.id}/review`}>Review this cycle</Link>
        </>
      )}
    </p>
  ) : (
    <p>Closed on {formatInstant(cycle.closedAt)}.</p>
  );

  return (
    <div className="workspace" id={`cycle-${cycle.id}`}>
      <p className="meta">
        Planned {formatDate(cycle.plannedStart)} to {formatDate(cycle.plannedEnd)} · now in the <strong>{PHASE_NAMES[cycle.phase].toLowerCase()}</strong> phase{' '}
        <RoundBadge round={cycle.round ?? 1} />
      </p>
      {(standing === 'coach' || standing === 'admin') && cycle.phase !== 'review' && (
        <p>
          <Link to={`/cycles/${cycle.id}/review`}>Comment on this cycle</Link>
        </p>
      )}
      <PhaseStepper phase={cycle.phase} onJump={jump} />
      <Status>{status}</Status>
      {sentBack && (
        <div className="callout" role="note">
          <h3>Your coach asked for changes</h3>
          <p>{sentBack.body}</p>
        </div>
      )}
      <Nudges nudges={cycle.nudges ?? []} id="cycle-nudges" />
      {finished.map((phase) => (
        <details
          key={phase}
          id={phaseAnchor(phase)}
          className="phase-panel phase-finished"
          open={!!unfolded[phase]}
          onToggle={(event) => {
            const open = event.currentTarget.open;
            setUnfolded((u) => (!!u[phase] === open ? u : { ...u, [phase]: open }));
          }}
        >
          <summary>
            <span className="phase-finished-name">{PHASE_NAMES[phase]}</span>
            <span className="hint"> — done{editable(phase) ? ', still editable' : ''}: </span>
            <span className="phase-finished-line">{phaseSummary(cycle, phase)}</span>
          </summary>
          {unfolded[phase] && <div key={`${cycle.id}-${phase}`}>{panelFor(phase)}</div>}
        </details>
      ))}
      <div className="phase-panel" id={phaseAnchor(cycle.phase)}>
        <h3 id="phase-title" tabIndex={-1} ref={heading}>
          {PHASE_NAMES[cycle.phase]}
          {isWorking(cycle.phase) && <span className="hint"> — current phase</span>}
        </h3>
        <div key={`${cycle.id}-${cycle.phase}`}>{current}</div>
      </div>
      {standing !== null && cycle.phase !== 'closed' && (
        <section className="phase-panel" aria-labelledby="cycle-charts-title">
          <h3 id="cycle-charts-title">Run charts so far</h3>
          <OpenCycleCharts cycle={cycle} />
        </section>
      )}
      <section className="phase-panel" aria-labelledby="cycle-reviews-title">
        <h3 id="cycle-reviews-title">Reviews and comments</h3>
        <ReviewList reviews={cycle.reviews} members={members} />
      </section>
      <section className="phase-panel" aria-labelledby="adaptation-log-title">
        <h3 id="adaptation-log-title">Adaptation log</h3>
        <p className="hint">
          The Adaptation phase describes the change this cycle tests; this log keeps the other changes made along the way, so the numbers can be read against
          them.
        </p>
        <AdaptationLog cycle={cycle} canWrite={canWrite} />
      </section>
    </div>
  );
}
