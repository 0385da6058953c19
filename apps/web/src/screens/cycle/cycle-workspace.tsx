import { useEffect, useRef, useState } from 'react';
import { PHASES } from '../../api/types';
import type { Cycle, Indicator, Member, Phase, WorkingPhase } from '../../api/types';
import { Link } from '../../router';
import type { Standing } from '../../session';
import { Status } from '../../ui/feedback';
import { PhaseStepper } from '../../ui/phase-stepper';
import { formatDate, formatInstant, PHASE_NAMES } from '../../ui/words';
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

/** The open cycle: its phases as a stepper, and the current phase's form (earlier ones stay editable). */
export function CycleWorkspace({ cycle, indicators, members, standing, onChange, onIndicatorAdded }: Props) {
  const [selected, setSelected] = useState<Phase>(cycle.phase);
  const [status, setStatus] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    setSelected(cycle.phase);
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
  const select = (phase: Phase) => {
    setSelected(phase);
    setStatus('');
    // On a long page the panel may be far below the stepper: bring it into view.
    requestAnimationFrame(() => heading.current?.scrollIntoView({ block: 'start' }));
  };

  const latestVerdict = [...cycle.reviews].reverse().find((r) => r.verdict !== 'comment');
  const sentBack = latestVerdict?.verdict === 'request_changes' && !frozen ? latestVerdict : null;
  const isCurrent = selected === cycle.phase;
  const sectionProps = { cycle, isCurrent, onChange: change };

  let panel;
  if (selected === 'review' || selected === 'closed') {
    panel = (
      <div>
        {cycle.phase === 'review' ? (
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
        )}
      </div>
    );
  } else if (!editable(selected)) {
    panel = <SectionView cycle={cycle} section={selected} indicators={indicators} />;
  } else if (selected === 'hypothesis') {
    panel = <HypothesisForm {...sectionProps} initiativeId={cycle.initiativeId} indicators={indicators} onIndicatorAdded={onIndicatorAdded} />;
  } else if (selected === 'adaptation') {
    panel = <AdaptationForm {...sectionProps} />;
  } else if (selected === 'evidence') {
    panel = <EvidencePanel {...sectionProps} indicators={indicators} editable />;
  } else {
    panel = <ReflectionForm {...sectionProps} indicators={indicators} />;
  }

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
      <PhaseStepper phase={cycle.phase} selected={selected} onSelect={select} />
      <Status>{status}</Status>
      {sentBack && (
        <div className="callout" role="note">
          <h3>Your coach asked for changes</h3>
          <p>{sentBack.body}</p>
        </div>
      )}
      <Nudges nudges={cycle.nudges ?? []} id="cycle-nudges" />
      <div className="phase-panel">
        <h3 id="phase-title" tabIndex={-1} ref={heading}>
          {PHASE_NAMES[selected]}
          {isCurrent && isWorking(selected) && <span className="hint"> — current phase</span>}
          {!isCurrent && isWorking(selected) && editable(selected) && <span className="hint"> — earlier phase, still editable</span>}
        </h3>
        <div key={`${cycle.id}-${selected}`}>{panel}</div>
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
