import { Actor, CycleState, Phase, ReviewVerdict, Section } from './cycle-types';
import { CLOSED_REASON, Verdict, allowedMoves, canEdit, canEnter, reviewOutcome } from './phase-rules';

/** A cycle with every section filled in, so only the phase and actor rules can refuse a move. */
function complete(phase: Phase): CycleState {
  return {
    phase,
    hypothesis: {
      statement: 'If we open story circles with a shared meal, then more neighbours will return, because eating together lowers the barrier to talk.',
      expectedOutcome: 'Repeat attendance rises from 4 to 10',
      rationale: 'Gathering checklist: design for connection',
      learningQuestion: 'Does a shared meal bring people back?',
      indicatorIds: ['7d1f0c7e-4c1e-4a57-9d55-0f3f2f1a9c01'],
    },
    adaptation: { description: 'Added a potluck before each circle', implementedOn: '2025-03-04', sessionsHeld: 3, participantsReached: 41 },
    reflection: { outcome: 'partly_supported', insights: 'People stayed longer', decision: 'adapt', nextSteps: 'Invite the seniors centre' },
    evidenceCount: 2,
  };
}

type Tweak = (state: CycleState) => CycleState;

const TWEAKS = {
  complete: (s) => s,
  'no hypothesis': (s) => ({ ...s, hypothesis: null }),
  'blank statement': (s) => ({ ...s, hypothesis: { ...s.hypothesis!, statement: '   ' } }),
  'no indicators': (s) => ({ ...s, hypothesis: { ...s.hypothesis!, indicatorIds: [] } }),
  'no expected outcome or indicators': (s) => ({ ...s, hypothesis: { ...s.hypothesis!, expectedOutcome: '', indicatorIds: [] } }),
  'no adaptation': (s) => ({ ...s, adaptation: null }),
  'no implementation date': (s) => ({ ...s, adaptation: { ...s.adaptation!, implementedOn: '' } }),
  'blank description': (s) => ({ ...s, adaptation: { ...s.adaptation!, description: ' \n ' } }),
  'no evidence': (s) => ({ ...s, evidenceCount: 0 }),
  'no reflection': (s) => ({ ...s, reflection: null }),
  'blank insights': (s) => ({ ...s, reflection: { ...s.reflection!, insights: '' } }),
  'no decision or next steps': (s) => ({ ...s, reflection: { ...s.reflection!, decision: '' as never, nextSteps: ' ' } }),
  'nothing filled in': (s) => ({ ...s, hypothesis: null, adaptation: null, reflection: null, evidenceCount: 0 }),
} satisfies Record<string, Tweak>;

type TweakName = keyof typeof TWEAKS;

const OK = 'allowed';
const CLOSED = CLOSED_REASON;
const BY_APPROVAL = "Cannot move to closed: a cycle is closed by a coach's approval in review";
const ALREADY = 'The cycle is already in the';
const BACK_ONLY_COACH = 'only a coach or an admin can send a cycle back to an earlier phase';
const COACHES_REVIEW = 'coaches review cycles rather than advance them';
const ONE_STEP = 'phases go one step at a time';

function expectVerdict(verdict: Verdict, expected: string): void {
  if (expected === OK) {
    expect(verdict).toEqual({ allowed: true });
    return;
  }
  expect(verdict).toMatchObject({ allowed: false, reason: expect.stringContaining(expected) });
  if (!verdict.allowed) expect(verdict.reason).toMatch(/^[A-Z].*\.$/s);
}

describe('canEnter', () => {
  const rows: [from: Phase, to: Phase, actor: Actor, tweak: TweakName, expected: string][] = [
    // from hypothesis
    ['hypothesis', 'hypothesis', 'librarian', 'complete', ALREADY],
    ['hypothesis', 'hypothesis', 'coach', 'complete', ALREADY],
    ['hypothesis', 'hypothesis', 'admin', 'complete', ALREADY],
    ['hypothesis', 'adaptation', 'librarian', 'complete', OK],
    ['hypothesis', 'adaptation', 'coach', 'complete', COACHES_REVIEW],
    ['hypothesis', 'adaptation', 'admin', 'complete', OK],
    ['hypothesis', 'evidence', 'librarian', 'complete', ONE_STEP],
    ['hypothesis', 'evidence', 'coach', 'complete', COACHES_REVIEW],
    ['hypothesis', 'evidence', 'admin', 'complete', ONE_STEP],
    ['hypothesis', 'reflection', 'librarian', 'complete', ONE_STEP],
    ['hypothesis', 'reflection', 'coach', 'complete', COACHES_REVIEW],
    ['hypothesis', 'reflection', 'admin', 'complete', ONE_STEP],
    ['hypothesis', 'review', 'librarian', 'complete', ONE_STEP],
    ['hypothesis', 'review', 'coach', 'complete', COACHES_REVIEW],
    ['hypothesis', 'review', 'admin', 'complete', ONE_STEP],
    ['hypothesis', 'closed', 'librarian', 'complete', BY_APPROVAL],
    ['hypothesis', 'closed', 'coach', 'complete', BY_APPROVAL],
    ['hypothesis', 'closed', 'admin', 'complete', BY_APPROVAL],
    // from adaptation
    ['adaptation', 'hypothesis', 'librarian', 'complete', BACK_ONLY_COACH],
    ['adaptation', 'hypothesis', 'coach', 'complete', OK],
    ['adaptation', 'hypothesis', 'admin', 'complete', OK],
    ['adaptation', 'adaptation', 'librarian', 'complete', ALREADY],
    ['adaptation', 'adaptation', 'coach', 'complete', ALREADY],
    ['adaptation', 'adaptation', 'admin', 'complete', ALREADY],
    ['adaptation', 'evidence', 'librarian', 'complete', OK],
    ['adaptation', 'evidence', 'coach', 'complete', COACHES_REVIEW],
    ['adaptation', 'evidence', 'admin', 'complete', OK],
    ['adaptation', 'reflection', 'librarian', 'complete', ONE_STEP],
    ['adaptation', 'reflection', 'coach', 'complete', COACHES_REVIEW],
    ['adaptation', 'reflection', 'admin', 'complete', ONE_STEP],
    ['adaptation', 'review', 'librarian', 'complete', ONE_STEP],
    ['adaptation', 'review', 'coach', 'complete', COACHES_REVIEW],
    ['adaptation', 'review', 'admin', 'complete', ONE_STEP],
    ['adaptation', 'closed', 'librarian', 'complete', BY_APPROVAL],
    ['adaptation', 'closed', 'coach', 'complete', BY_APPROVAL],
    ['adaptation', 'closed', 'admin', 'complete', BY_APPROVAL],
    // from evidence
    ['evidence', 'hypothesis', 'librarian', 'complete', BACK_ONLY_COACH],
    ['evidence', 'hypothesis', 'coach', 'complete', OK],
    ['evidence', 'hypothesis', 'admin', 'complete', OK],
    ['evidence', 'adaptation', 'librarian', 'complete', BACK_ONLY_COACH],
    ['evidence', 'adaptation', 'coach', 'complete', OK],
    ['evidence', 'adaptation', 'admin', 'complete', OK],
    ['evidence', 'evidence', 'librarian', 'complete', ALREADY],
    ['evidence', 'evidence', 'coach', 'complete', ALREADY],
    ['evidence', 'evidence', 'admin', 'complete', ALREADY],
    ['evidence', 'reflection', 'librarian', 'complete', OK],
    ['evidence', 'reflection', 'coach', 'complete', COACHES_REVIEW],
    ['evidence', 'reflection', 'admin', 'complete', OK],
    ['evidence', 'review', 'librarian', 'complete', ONE_STEP],
    ['evidence', 'review', 'coach', 'complete', COACHES_REVIEW],
    ['evidence', 'review', 'admin', 'complete', ONE_STEP],
    ['evidence', 'closed', 'librarian', 'complete', BY_APPROVAL],
    ['evidence', 'closed', 'coach', 'complete', BY_APPROVAL],
    ['evidence', 'closed', 'admin', 'complete', BY_APPROVAL],
    // from reflection
    ['reflection', 'hypothesis', 'librarian', 'complete', BACK_ONLY_COACH],
    ['reflection', 'hypothesis', 'coach', 'complete', OK],
    ['reflection', 'hypothesis', 'admin', 'complete', OK],
    ['reflection', 'adaptation', 'librarian', 'complete', BACK_ONLY_COACH],
    ['reflection', 'adaptation', 'coach', 'complete', OK],
    ['reflection', 'adaptation', 'admin', 'complete', OK],
    ['reflection', 'evidence', 'librarian', 'complete', BACK_ONLY_COACH],
    ['reflection', 'evidence', 'coach', 'complete', OK],
    ['reflection', 'evidence', 'admin', 'complete', OK],
    ['reflection', 'reflection', 'librarian', 'complete', ALREADY],
    ['reflection', 'reflection', 'coach', 'complete', ALREADY],
    ['reflection', 'reflection', 'admin', 'complete', ALREADY],
    ['reflection', 'review', 'librarian', 'complete', OK],
    ['reflection', 'review', 'coach', 'complete', COACHES_REVIEW],
    ['reflection', 'review', 'admin', 'complete', OK],
    ['reflection', 'closed', 'librarian', 'complete', BY_APPROVAL],
    ['reflection', 'closed', 'coach', 'complete', BY_APPROVAL],
    ['reflection', 'closed', 'admin', 'complete', BY_APPROVAL],
    // from review
    ['review', 'hypothesis', 'librarian', 'complete', BACK_ONLY_COACH],
    ['review', 'hypothesis', 'coach', 'complete', OK],
    ['review', 'hypothesis', 'admin', 'complete', OK],
    ['review', 'adaptation', 'librarian', 'complete', BACK_ONLY_COACH],
    ['review', 'adaptation', 'coach', 'complete', OK],
    ['review', 'adaptation', 'admin', 'complete', OK],
    ['review', 'evidence', 'librarian', 'complete', BACK_ONLY_COACH],
    ['review', 'evidence', 'coach', 'complete', OK],
    ['review', 'evidence', 'admin', 'complete', OK],
    ['review', 'reflection', 'librarian', 'complete', BACK_ONLY_COACH],
    ['review', 'reflection', 'coach', 'complete', OK],
    ['review', 'reflection', 'admin', 'complete', OK],
    ['review', 'review', 'librarian', 'complete', ALREADY],
    ['review', 'review', 'coach', 'complete', ALREADY],
    ['review', 'review', 'admin', 'complete', ALREADY],
    ['review', 'closed', 'librarian', 'complete', BY_APPROVAL],
    ['review', 'closed', 'coach', 'complete', BY_APPROVAL],
    ['review', 'closed', 'admin', 'complete', BY_APPROVAL],
    // from closed
    ['closed', 'hypothesis', 'librarian', 'complete', CLOSED],
    ['closed', 'hypothesis', 'coach', 'complete', CLOSED],
    ['closed', 'hypothesis', 'admin', 'complete', CLOSED],
    ['closed', 'adaptation', 'librarian', 'complete', CLOSED],
    ['closed', 'adaptation', 'coach', 'complete', CLOSED],
    ['closed', 'adaptation', 'admin', 'complete', CLOSED],
    ['closed', 'evidence', 'librarian', 'complete', CLOSED],
    ['closed', 'evidence', 'coach', 'complete', CLOSED],
    ['closed', 'evidence', 'admin', 'complete', CLOSED],
    ['closed', 'reflection', 'librarian', 'complete', CLOSED],
    ['closed', 'reflection', 'coach', 'complete', CLOSED],
    ['closed', 'reflection', 'admin', 'complete', CLOSED],
    ['closed', 'review', 'librarian', 'complete', CLOSED],
    ['closed', 'review', 'coach', 'complete', CLOSED],
    ['closed', 'review', 'admin', 'complete', CLOSED],
    ['closed', 'closed', 'librarian', 'complete', CLOSED],
    ['closed', 'closed', 'coach', 'complete', CLOSED],
    ['closed', 'closed', 'admin', 'complete', CLOSED],

    // what the phase being left must hold (full reasons, naming everything that is missing)
    ['hypothesis', 'adaptation', 'librarian', 'no hypothesis', 'Cannot move to adaptation: the hypothesis has no statement, no expected outcome and no indicator.'],
    ['hypothesis', 'adaptation', 'admin', 'no hypothesis', 'Cannot move to adaptation: the hypothesis has no statement, no expected outcome and no indicator.'],
    ['hypothesis', 'adaptation', 'librarian', 'blank statement', 'Cannot move to adaptation: the hypothesis has no statement.'],
    ['hypothesis', 'adaptation', 'librarian', 'no indicators', 'Cannot move to adaptation: the hypothesis has no indicator.'],
    ['hypothesis', 'adaptation', 'librarian', 'no expected outcome or indicators', 'Cannot move to adaptation: the hypothesis has no expected outcome and no indicator.'],
    ['adaptation', 'evidence', 'librarian', 'no adaptation', 'Cannot move to evidence: the adaptation has no description and no implementation date.'],
    ['adaptation', 'evidence', 'admin', 'no implementation date', 'Cannot move to evidence: the adaptation has no implementation date.'],
    ['adaptation', 'evidence', 'librarian', 'blank description', 'Cannot move to evidence: the adaptation has no description.'],
    ['evidence', 'reflection', 'librarian', 'no evidence', 'Cannot move to reflection: the cycle has no evidence yet; add at least one evidence entry.'],
    ['evidence', 'reflection', 'admin', 'no evidence', 'Cannot move to reflection: the cycle has no evidence yet'],
    ['reflection', 'review', 'librarian', 'no reflection', 'Cannot move to review: the reflection has no outcome, no insights, no decision and no next steps.'],
    ['reflection', 'review', 'librarian', 'blank insights', 'Cannot move to review: the reflection has no insights.'],
    ['reflection', 'review', 'admin', 'no decision or next steps', 'Cannot move to review: the reflection has no decision and no next steps.'],
    // only the phase being left is checked
    ['adaptation', 'evidence', 'librarian', 'no hypothesis', OK],
    ['adaptation', 'evidence', 'librarian', 'no evidence', OK],
    ['evidence', 'reflection', 'librarian', 'no reflection', OK],
    ['hypothesis', 'adaptation', 'librarian', 'no adaptation', OK],
    // the actor and order rules come before what is missing
    ['hypothesis', 'adaptation', 'coach', 'no hypothesis', COACHES_REVIEW],
    ['evidence', 'review', 'librarian', 'no evidence', ONE_STEP],
    ['closed', 'reflection', 'admin', 'nothing filled in', CLOSED],
    // moving back never needs anything filled in
    ['review', 'hypothesis', 'coach', 'nothing filled in', OK],
    ['reflection', 'evidence', 'admin', 'nothing filled in', OK],
    ['review', 'reflection', 'librarian', 'nothing filled in', BACK_ONLY_COACH],
  ];

  it.each(rows)('%s → %s by %s (%s): %s', (from, to, actor, tweak, expected) => {
    expectVerdict(canEnter(TWEAKS[tweak](complete(from)), to, actor), expected);
  });

  it.each([
    ['no hypothesis', 'hypothesis', 'adaptation', ['hypothesis.statement', 'hypothesis.expectedOutcome', 'hypothesis.indicatorIds']],
    ['no indicators', 'hypothesis', 'adaptation', ['hypothesis.indicatorIds']],
    ['no implementation date', 'adaptation', 'evidence', ['adaptation.implementedOn']],
    ['no adaptation', 'adaptation', 'evidence', ['adaptation.description', 'adaptation.implementedOn']],
    ['no evidence', 'evidence', 'reflection', ['evidence']],
    ['no decision or next steps', 'reflection', 'review', ['reflection.decision', 'reflection.nextSteps']],
  ] as [TweakName, Phase, Phase, string[]][])('with %s, %s → %s names the fields %j', (tweak, from, to, fields) => {
    expect(canEnter(TWEAKS[tweak](complete(from)), to, 'librarian')).toMatchObject({ allowed: false, field: fields[0], fields });
  });

  it('refuses a phase that does not exist, naming the field to', () => {
    expect(canEnter(complete('evidence'), 'archived' as Phase, 'admin')).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('There is no phase called "archived"'),
      field: 'to',
    });
  });
});

describe('allowedMoves', () => {
  it.each([
    ['hypothesis', 'librarian', 'complete', ['adaptation']],
    ['hypothesis', 'librarian', 'no hypothesis', []],
    ['hypothesis', 'coach', 'complete', []],
    ['evidence', 'librarian', 'complete', ['reflection']],
    ['evidence', 'coach', 'complete', ['hypothesis', 'adaptation']],
    ['evidence', 'admin', 'no evidence', ['hypothesis', 'adaptation']],
    ['review', 'librarian', 'complete', []],
    ['review', 'coach', 'complete', ['hypothesis', 'adaptation', 'evidence', 'reflection']],
    ['closed', 'admin', 'complete', []],
  ] as [Phase, Actor, TweakName, Phase[]][])('in %s, a %s (%s) can move to %j', (phase, actor, tweak, moves) => {
    expect(allowedMoves(TWEAKS[tweak](complete(phase)), actor)).toEqual(moves);
  });
});

describe('canEdit', () => {
  const IN_REVIEW = 'while the cycle is in review; a coach must first request changes.';
  const rows: [phase: Phase, section: Section, expected: string][] = [
    ['hypothesis', 'hypothesis', OK],
    ['hypothesis', 'adaptation', 'Cannot change the adaptation yet: the cycle is still in the hypothesis phase.'],
    ['hypothesis', 'evidence', 'Cannot change the evidence yet: the cycle is still in the hypothesis phase.'],
    ['hypothesis', 'reflection', 'Cannot change the reflection yet: the cycle is still in the hypothesis phase.'],
    ['adaptation', 'hypothesis', OK],
    ['adaptation', 'adaptation', OK],
    ['adaptation', 'evidence', 'Cannot change the evidence yet: the cycle is still in the adaptation phase.'],
    ['adaptation', 'reflection', 'Cannot change the reflection yet: the cycle is still in the adaptation phase.'],
    ['evidence', 'hypothesis', OK],
    ['evidence', 'adaptation', OK],
    ['evidence', 'evidence', OK],
    ['evidence', 'reflection', 'Cannot change the reflection yet: the cycle is still in the evidence phase.'],
    ['reflection', 'hypothesis', OK],
    ['reflection', 'adaptation', OK],
    ['reflection', 'evidence', OK],
    ['reflection', 'reflection', OK],
    ['review', 'hypothesis', `Cannot change the hypothesis ${IN_REVIEW}`],
    ['review', 'adaptation', `Cannot change the adaptation ${IN_REVIEW}`],
    ['review', 'evidence', `Cannot change the evidence ${IN_REVIEW}`],
    ['review', 'reflection', `Cannot change the reflection ${IN_REVIEW}`],
    ['closed', 'hypothesis', CLOSED],
    ['closed', 'adaptation', CLOSED],
    ['closed', 'evidence', CLOSED],
    ['closed', 'reflection', CLOSED],
  ];

  it.each(rows)('in %s, %s: %s', (phase, section, expected) => {
    expectVerdict(canEdit(complete(phase), section), expected);
  });

  it('names the section as the field when it refuses an edit', () => {
    expect(canEdit(complete('adaptation'), 'reflection')).toMatchObject({ allowed: false, field: 'reflection' });
  });
});

describe('reviewOutcome', () => {
  type Expected = { nextPhase: Phase } | 'no phase change' | { refused: string };
  const NOT_REVIEW_APPROVE = 'only a cycle in review can be approved.';
  const NOT_REVIEW_CHANGES = 'not in review; leave a comment instead.';
  const WHERE_BACK = 'changes go back to hypothesis, adaptation, evidence or reflection.';
  const rows: [phase: Phase, verdict: ReviewVerdict, returnTo: Phase | null | undefined, expected: Expected][] = [
    // approve closes a cycle in review, and only then
    ['hypothesis', 'approve', undefined, { refused: `Cannot approve: the cycle is in the hypothesis phase, and ${NOT_REVIEW_APPROVE}` }],
    ['adaptation', 'approve', undefined, { refused: NOT_REVIEW_APPROVE }],
    ['evidence', 'approve', undefined, { refused: NOT_REVIEW_APPROVE }],
    ['reflection', 'approve', undefined, { refused: NOT_REVIEW_APPROVE }],
    ['review', 'approve', undefined, { nextPhase: 'closed' }],
    ['review', 'approve', 'hypothesis', { nextPhase: 'closed' }],
    ['closed', 'approve', undefined, { refused: CLOSED }],
    // request_changes sends a cycle in review back, to reflection unless the coach names another phase
    ['hypothesis', 'request_changes', undefined, { refused: `Cannot request changes: the cycle is in the hypothesis phase, ${NOT_REVIEW_CHANGES}` }],
    ['adaptation', 'request_changes', undefined, { refused: NOT_REVIEW_CHANGES }],
    ['evidence', 'request_changes', undefined, { refused: NOT_REVIEW_CHANGES }],
    ['reflection', 'request_changes', 'hypothesis', { refused: NOT_REVIEW_CHANGES }],
    ['review', 'request_changes', undefined, { nextPhase: 'reflection' }],
    ['review', 'request_changes', null, { nextPhase: 'reflection' }],
    ['review', 'request_changes', 'hypothesis', { nextPhase: 'hypothesis' }],
    ['review', 'request_changes', 'adaptation', { nextPhase: 'adaptation' }],
    ['review', 'request_changes', 'evidence', { nextPhase: 'evidence' }],
    ['review', 'request_changes', 'reflection', { nextPhase: 'reflection' }],
    ['review', 'request_changes', 'review', { refused: `Cannot send the cycle back to review: ${WHERE_BACK}` }],
    ['review', 'request_changes', 'closed', { refused: `Cannot send the cycle back to closed: ${WHERE_BACK}` }],
    ['closed', 'request_changes', undefined, { refused: CLOSED }],
    ['closed', 'request_changes', 'hypothesis', { refused: CLOSED }],
    // comments are welcome on any open cycle and move nothing
    ['hypothesis', 'comment', undefined, 'no phase change'],
    ['adaptation', 'comment', undefined, 'no phase change'],
    ['evidence', 'comment', undefined, 'no phase change'],
    ['reflection', 'comment', undefined, 'no phase change'],
    ['review', 'comment', undefined, 'no phase change'],
    ['review', 'comment', 'hypothesis', 'no phase change'],
    ['closed', 'comment', undefined, { refused: CLOSED }],
  ];

  it.each(rows)('in %s, %s (returnTo %s): %j', (phase, verdict, returnTo, expected) => {
    const result = reviewOutcome(complete(phase), verdict, returnTo);
    if (expected === 'no phase change') {
      expect(result).toEqual({ allowed: true });
    } else if ('nextPhase' in expected) {
      expect(result).toEqual({ allowed: true, nextPhase: expected.nextPhase });
    } else {
      expectVerdict(result, expected.refused);
    }
  });

  it('names returnTo as the field when the coach names a phase changes cannot go back to', () => {
    expect(reviewOutcome(complete('review'), 'request_changes', 'closed')).toMatchObject({ allowed: false, field: 'returnTo' });
  });

  it('refuses a verdict that does not exist, naming the field verdict', () => {
    expect(reviewOutcome(complete('review'), 'reject' as ReviewVerdict)).toMatchObject({ allowed: false, field: 'verdict' });
  });
});
