import { PHASES, Phase } from '../api/types';
import { PHASE_NAMES } from './words';

const index = (phase: Phase) => PHASES.indexOf(phase);

/**
 * The cycle's phases in order, the current one marked. Phases already reached can be opened to
 * read or correct them; later ones are shown but not yet open.
 */
export function PhaseStepper({ phase, selected, onSelect }: { phase: Phase; selected: Phase; onSelect(phase: Phase): void }) {
  return (
    <nav aria-label="Phases of this cycle">
      <ol className="stepper">
        {PHASES.map((p, i) => {
          const state = p === phase ? 'current' : i < index(phase) ? 'done' : 'later';
          const reached = state !== 'later' && p !== 'closed';
          const words = state === 'done' ? 'done' : state === 'current' ? 'current phase' : 'not yet';
          return (
            <li key={p} className={`step step-${state}${p === selected ? ' step-selected' : ''}`} aria-current={state === 'current' ? 'step' : undefined}>
              {reached ? (
                <button type="button" onClick={() => onSelect(p)} aria-pressed={p === selected}>
                  <span className="step-number" aria-hidden="true">
                    {state === 'done' ? '✓' : i + 1}
                  </span>
                  <span className="step-name">{PHASE_NAMES[p]}</span>
                  <span className="visually-hidden">, {words}</span>
                </button>
              ) : (
                <span className="step-static">
                  <span className="step-number" aria-hidden="true">
                    {state === 'done' ? '✓' : i + 1}
                  </span>
                  <span className="step-name">{PHASE_NAMES[p]}</span>
                  <span className="visually-hidden">, {words}</span>
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
