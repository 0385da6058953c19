import { CycleState, Phase, PHASES, ReviewVerdict, Section, WORKING_PHASES, WorkingPhase, isPhase, phaseIndex } from './cycle-types';
import { ALLOWED, Verdict, isBlank, listInWords, refuse } from './verdict';

export type { Verdict } from './verdict';

export type ReviewResult = Verdict & { nextPhase?: Phase };

export const CLOSED_REASON = 'This cycle is closed and can no longer change.';

/** What is missing, as the input field and the words a reason uses for it ("no statement"). */
interface Gap {
  field: string;
  words: string;
}

function gap(field: string, words: string): Gap {
  return { field, words };
}

function hypothesisGaps(state: CycleState): Gap[] {
  const h = state.hypothesis;
  const gaps: Gap[] = [];
  if (isBlank(h?.statement)) gaps.push(gap('hypothesis.statement', 'no statement'));
  if (isBlank(h?.expectedOutcome)) gaps.push(gap('hypothesis.expectedOutcome', 'no expected outcome'));
  if (!h?.indicatorIds?.length) gaps.push(gap('hypothesis.indicatorIds', 'no indicator'));
  return gaps;
}

function adaptationGaps(state: CycleState): Gap[] {
  const a = state.adaptation;
  const gaps: Gap[] = [];
  if (isBlank(a?.description)) gaps.push(gap('adaptation.description', 'no description'));
  if (isBlank(a?.implementedOn)) gaps.push(gap('adaptation.implementedOn', 'no implementation date'));
  return gaps;
}

function reflectionGaps(state: CycleState): Gap[] {
  const r = state.reflection;
  const gaps: Gap[] = [];
  if (isBlank(r?.outcome)) gaps.push(gap('reflection.outcome', 'no outcome'));
  if (isBlank(r?.insights)) gaps.push(gap('reflection.insights', 'no insights'));
  if (isBlank(r?.decision)) gaps.push(gap('reflection.decision', 'no decision'));
  if (isBlank(r?.nextSteps)) gaps.push(gap('reflection.nextSteps', 'no next steps'));
  return gaps;
}

function refuseGaps(to: Phase, subject: string, gaps: Gap[]): Verdict {
  if (gaps.length === 0) return ALLOWED;
  const reason = `Cannot move to ${to}: ${subject} has ${listInWords(gaps.map((g) => g.words))}.`;
  return refuse(
    reason,
    gaps.map((g) => g.field),
  );
}

/** What the phase being left must hold before the cycle may enter `to`, the phase right after it. */
function readyFor(state: CycleState, to: Phase): Verdict {
  switch (to) {
    case 'adaptation':
      return refuseGaps(to, 'the hypothesis', hypothesisGaps(state));
    case 'evidence':
      return refuseGaps(to, 'the adaptation', adaptationGaps(state));
    case 'reflection':
      return state.evidenceCount > 0
        ? ALLOWED
        : refuse('Cannot move to reflection: the cycle has no evidence yet; add at least one evidence entry.', ['evidence']);
    case 'review':
      return refuseGaps(to, 'the reflection', reflectionGaps(state));
    default:
      return ALLOWED;
  }
}

function moveForward(state: CycleState, to: Phase): Verdict {
  const next = PHASES[phaseIndex(state.phase) + 1];
  if (to !== next) {
    return refuse(`Cannot move to ${to}: phases go one step at a time, and the next one after ${state.phase} is ${next}.`, ['to']);
  }
  return readyFor(state, to);
}

/**
 * Does the cycle's state let it move from its current phase to `to` with a transition? Moving back
 * needs nothing; who may move forward and who may send a cycle back is the access policy's
 * (cycle.advance, cycle.return).
 */
export function canEnter(state: CycleState, to: Phase): Verdict {
  if (state.phase === 'closed') return refuse(CLOSED_REASON);
  if (!isPhase(to)) return refuse(`There is no phase called "${String(to)}"; the phases are ${listInWords([...PHASES])}.`, ['to']);
  if (to === 'closed') {
    return refuse("Cannot move to closed: a cycle is closed by a coach's approval in review, not by a transition.", ['to']);
  }
  if (to === state.phase) return refuse(`The cycle is already in the ${to} phase.`, ['to']);
  if (phaseIndex(to) < phaseIndex(state.phase)) return ALLOWED;
  return moveForward(state, to);
}

/** Is `to` an earlier phase than the cycle's (a move that sends it back)? */
export function isMoveBack(state: Pick<CycleState, 'phase'>, to: Phase): boolean {
  return phaseIndex(to) < phaseIndex(state.phase);
}

/**
 * The phases the cycle could move to right now, forward and back; the caller keeps those whose
 * direction they may take (handy for showing only the buttons that work).
 */
export function allowedMoves(state: CycleState, mayMove: { forward: boolean; back: boolean }): Phase[] {
  return PHASES.filter((to) => (isMoveBack(state, to) ? mayMove.back : mayMove.forward) && canEnter(state, to).allowed);
}

const SECTION_NAMES: Record<Section, string> = {
  hypothesis: 'the hypothesis',
  adaptation: 'the adaptation',
  evidence: 'the evidence',
  reflection: 'the reflection',
};

/**
 * May a section of the cycle be changed now? A section stays editable once its phase is reached, so a
 * librarian can correct earlier work without moving back; review freezes everything so the coach
 * judges what they see.
 */
export function canEdit(state: CycleState, section: Section): Verdict {
  const name = SECTION_NAMES[section];
  if (!name) return refuse(`There is no section called "${String(section)}".`, ['section']);
  if (state.phase === 'closed') return refuse(CLOSED_REASON);
  if (state.phase === 'review') {
    return refuse(`Cannot change ${name} while the cycle is in review; a coach must first request changes.`, [section]);
  }
  if (phaseIndex(section) > phaseIndex(state.phase)) {
    return refuse(`Cannot change ${name} yet: the cycle is still in the ${state.phase} phase.`, [section]);
  }
  return ALLOWED;
}

function approve(state: CycleState): ReviewResult {
  if (state.phase !== 'review') {
    return refuse(`Cannot approve: the cycle is in the ${state.phase} phase, and only a cycle in review can be approved.`);
  }
  return { allowed: true, nextPhase: 'closed' };
}

function requestChanges(state: CycleState, returnTo: Phase): ReviewResult {
  if (state.phase !== 'review') {
    return refuse(`Cannot request changes: the cycle is in the ${state.phase} phase, not in review; leave a comment instead.`);
  }
  if (!(WORKING_PHASES as readonly string[]).includes(returnTo)) {
    return refuse(`Cannot send the cycle back to ${String(returnTo)}: changes go back to ${listInWords([...WORKING_PHASES], 'or')}.`, ['returnTo']);
  }
  return { allowed: true, nextPhase: returnTo as WorkingPhase };
}

/**
 * What a coach's review does to the cycle. Comments are welcome in any phase of an open cycle;
 * `returnTo` only matters for request_changes.
 */
export function reviewOutcome(state: CycleState, verdict: ReviewVerdict, returnTo?: Phase | null): ReviewResult {
  if (state.phase === 'closed') return refuse(CLOSED_REASON);
  switch (verdict) {
    case 'approve':
      return approve(state);
    case 'request_changes':
      return requestChanges(state, returnTo ?? 'reflection');
    case 'comment':
      return ALLOWED;
    default:
      return refuse(`There is no review verdict called "${String(verdict)}"; use approve, request_changes or comment.`, ['verdict']);
  }
}
