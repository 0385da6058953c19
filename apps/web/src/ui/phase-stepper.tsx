import { MouseEvent } from 'react';
import { PHASES, Phase } from '../api/types';
import { PHASE_NAMES } from './words';

const index = (phase: Phase) => PHASES.indexOf(phase);

/** Where a phase's panel sits on the page: the stepper's jump links lead there. */
export const phaseAnchor = (phase: Phase) => `phase-${phase}`;

/**
 * The cycle's phases in order, the current one marked. Each phase already reached is a link to its
 * panel further down (a finished one opens as it is reached); later ones are shown but not links.
 */
export function PhaseStepper({ phase, onJump }: { phase: Phase; onJump(phase: Phase): void }) {
  return (
    <nav aria-label="Phases of this cycle">
      <ol className="stepper">
        {PHASES.map((p, i) => {
          const state = p === phase ? 'current' : i < index(phase) ? 'done' : 'later';
          const reached = state !== 'later' && p !== 'closed';
          const words = state === 'done' ? 'done' : state === 'current' ? 'current phase' : 'not yet';
          const content = (
            <>
              <span className="step-number" aria-hidden="true">
                {state === 'done' ? '✓' : i + 1}
              </span>
              <span className="step-name">{PHASE_NAMES[p]}</span>
              <span className="visually-hidden">, {words}</span>
            </>
          );
          const jump = (event: MouseEvent<HTMLAnchorElement>) => {
            event.preventDefault();
            onJump(p);
          };
          return (
            <li key={p} className={`step step-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              {reached ? (
                <a className="step-link" href={`#${phaseAnchor(p)}`} onClick={jump}>
                  {content}
                </a>
              ) : (
                <span className="step-static">{content}</span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
