import { CycleState, Phase, ReviewVerdict, Section } from './cycle-types';
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
  const rows: [from: Phase, to: Phase, tweak: TweakName, expected: string][] = [
    // from hypothesis
    ['hypothesis', 'hypothesis', 'complete', ALREADY],
    ['hypothesis', 'adaptation', 'complete', OK],
    ['hypothesis', 'evidence', 'complete', ONE_STEP],
    ['hypothesis', 'reflection', 'complete', ONE_STEP],
    ['hypothesis', 'review', 'complete', ONE_STEP],
    ['hypothesis', 'closed', 'complete', BY_APPROVAL],
    // from adaptation
    ['adaptation', 'hypothesis', 'complete', OK],
    ['adaptation', 'adaptation', 'complete', ALREADY],
    ['adaptation', 'evidence', 'complete', OK],
    ['adaptation', 'reflection', 'complete', ONE_STEP],
    ['adaptation', 'review', 'complete', ONE_STEP],
    ['adaptation', 'closed', 'complete', BY_APPROVAL],
    // from evidence
    ['evidence', 'hypothesis', 'complete', OK],
    ['evidence', 'adaptation', 'complete', OK],
    ['evidence', 'evidence', 'complete', ALREADY],
    ['evidence', 'reflection', 'complete', OK],
    ['evidence', 'review', 'complete', ONE_STEP],
    ['evidence', 'closed', 'complete', BY_APPROVAL],
    // from reflection
    ['reflection', 'hypothesis', 'complete', OK],
    ['reflection', 'adaptation', 'complete', OK],
    ['reflection', 'evidence', 'complete', OK],
    ['reflection', 'reflection', 'complete', ALREADY],
    ['reflection', 'review', 'complete', OK],
    ['reflection', 'closed', 'complete', BY_APPROVAL],
    // from review
    ['review', 'hypothesis', 'complete', OK],
    ['review', 'adaptation', 'complete', OK],
    ['review', 'evidence', 'complete', OK],
    ['review', 'reflection', 'complete', OK],
    ['review', 'review', 'complete', ALREADY],
    ['review', 'closed', 'complete', BY_APPROVAL],
    // from closed
    ['closed', 'hypothesis', 'complete', CLOSED],
    ['closed', 'adaptation', 'complete', CLOSED],
    ['closed', 'evidence', 'complete', CLOSED],
    ['closed', 'reflection', 'complete', CLOSED],
    ['closed', 'review', 'complete', CLOSED],
    ['closed', 'closed', 'complete', CLOSED],

    // what the phase being left must hold (full reasons, naming everything that is missing)
    ['hypothesis', 'adaptation', 'no hypothesis', 'Cannot move to adaptation: the hypothesis has no statement, no expected outcome and no indicator.'],
    ['hypothesis', 'adaptation', 'blank statement', 'Cannot move to adaptation: the hypothesis has no statement.'],
    ['hypothesis', 'adaptation', 'no indicators', 'Cannot move to adaptation: the hypothesis has no indicator.'],
    ['hypothesis', 'adaptation', 'no expected outcome or indicators', 'Cannot move to adaptation: the hypothesis has no expected outcome and no indicator.'],
    ['adaptation', 'evidence', 'no adaptation', 'Cannot move to evidence: the adaptation has no description and no implementation date.'],
    ['adaptation', 'evidence', 'no implementation date', 'Cannot move to evidence: the adaptation has no implementation date.'],
    ['adaptation', 'evidence', 'blank description', 'Cannot move to evidence: the adaptation has no description.'],
    ['evidence', 'reflection', 'no evidence', 'Cannot move to reflection: the cycle has no evidence yet; add at least one evidence entry.'],
    ['reflection', 'review', 'no reflection', 'Cannot move to review: the reflection has no outcome, no insights, no decision and no next steps.'],
    ['reflection', 'review', 'blank insights', 'Cannot move to review: the reflection has no insights.'],
    ['reflection', 'review', 'no decision or next steps', 'Cannot move to review: the reflection has no decision and no next steps.'],
    // only the phase being left is checked
    ['adaptation', 'evidence', 'no hypothesis', OK],
    ['adaptation', 'evidence', 'no evidence', OK],
    ['evidence', 'reflection', 'no reflection', OK],
    ['hypothesis', 'adaptation', 'no adaptation', OK],
    // the order rules come before what is missing
    ['evidence', 'review', 'no evidence', ONE_STEP],
    ['closed', 'reflection', 'nothing filled in', CLOSED],
    // moving back never needs anything filled in
    ['review', 'hypothesis', 'nothing filled in', OK],
    ['reflection', 'evidence', 'nothing filled in', OK],
  ];

  it.each(rows)('%s → %s (%s): %s', (from, to, tweak, expected) => {
    expectVerdict(canEnter(TWEAKS[tweak](complete(from)), to), expected);
  });

  it.each([
    ['no hypothesis', 'hypothesis', 'adaptation', ['hypothesis.statement', 'hypothesis.expectedOutcome', 'hypothesis.indicatorIds']],
    ['no indicators', 'hypothesis', 'adaptation', ['hypothesis.indicatorIds']],
    ['no implementation date', 'adaptation', 'evidence', ['adaptation.implementedOn']],
    ['no adaptation', 'adaptation', 'evidence', ['adaptation.description', 'adaptation.implementedOn']],
    ['no evidence', 'evidence', 'reflection', ['evidence']],
    ['no decision or next steps', 'reflection', 'review', ['reflection.decision', 'reflection.nextSteps']],
  ] as [TweakName, Phase, Phase, string[]][])('with %s, %s → %s names the fields %j', (tweak, from, to, fields) => {
    expect(canEnter(TWEAKS[tweak](complete(from)), to)).toMatchObject({ allowed: false, field: fields[0], fields });
  });

  it('refuses a phase that does not exist, naming the field to', () => {
    expect(canEnter(complete('evidence'), 'archived' as Phase)).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('There is no phase called "archived"'),
      field: 'to',
    });
  });
});

describe('allowedMoves', () => {
  // Which directions the caller may take is the access policy's; these are a librarian's, a coach's and an admin's.
  const LIBRARIAN = { forward: true, back: false };
  const COACH = { forward: false, back: true };
  const ADMIN = { forward: true, back: true };
  it.each([
    ['hypothesis', 'librarian', LIBRARIAN, 'complete', ['adaptation']],
    ['hypothesis', 'librarian', LIBRARIAN, 'no hypothesis', []],
    ['hypothesis', 'coach', COACH, 'complete', []],
    ['evidence', 'librarian', LIBRARIAN, 'complete', ['reflection']],
    ['evidence', 'coach', COACH, 'complete', ['hypothesis', 'adaptation']],
    ['evidence', 'admin', ADMIN, 'no evidence', ['hypothesis', 'adaptation']],
    ['evidence', 'admin', ADMIN, 'complete', ['hypothesis', 'adaptation', 'reflection']],
    ['review', 'librarian', LIBRARIAN, 'complete', []],
    ['review', 'coach', COACH, 'complete', ['hypothesis', 'adaptation', 'evidence', 'reflection']],
    ['closed', 'admin', ADMIN, 'complete', []],
  ] as [Phase, string, { forward: boolean; back: boolean }, TweakName, Phase[]][])(
    'in %s, a %s (%s, %s) can move to %j',
    (phase, _who, mayMove, tweak, moves) => {
      expect(allowedMoves(TWEAKS[tweak](complete(phase)), mayMove)).toEqual(moves);
    },
  );
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
