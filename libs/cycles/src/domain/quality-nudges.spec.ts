import type { Hypothesis, Phase, Reflection } from './cycle-types';
import { NudgeCode, NudgeInput, qualityNudges, tallyEvidence } from './quality-nudges';

/** The backtracking versions took 9 s to minutes on these inputs; a bound this wide only fails on them, never on a busy machine. */
const LINEAR_BOUND_MS = 3000;

const ATTENDANCE = 'a0000000-0000-4000-8000-000000000001';
const TRUST = 'a0000000-0000-4000-8000-000000000002';
const WORDS = 'a0000000-0000-4000-8000-000000000003';

const hypothesis = (overrides: Partial<Hypothesis> = {}): Hypothesis => ({
  statement: 'If volunteers greet newcomer families in their own language, more of them will come back.',
  expectedOutcome: 'Attendance rises from 12 to 18',
  rationale: 'Families were unsure they were welcome.',
  learningQuestion: null,
  indicatorIds: [ATTENDANCE, TRUST],
  predictions: [
    { indicatorId: ATTENDANCE, from: 12, to: 18, note: null },
    { indicatorId: TRUST, from: null, to: 4, note: null },
  ],
  ...overrides,
});

const reflection = (overrides: Partial<Reflection> = {}): Reflection => ({
  outcome: 'partly_supported',
  insights: 'We predicted 18 and saw 16: attendance rose, but not as far as we expected.',
  decision: 'adapt',
  nextSteps: 'Add a Dari-speaking volunteer on Saturdays from 4 April; Ana recruits.',
  ...overrides,
});

/** A strong cycle in reflection: predictions for both indicators, several measurements of each, words beside the numbers. */
const strong = (overrides: Partial<NudgeInput> = {}): NudgeInput => ({
  phase: 'reflection',
  hypothesis: hypothesis(),
  reflection: reflection(),
  indicators: [
    { id: ATTENDANCE, name: 'Attendance', kind: 'count' },
    { id: TRUST, name: 'I trust the library', kind: 'scale_1_5' },
    { id: WORDS, name: 'What changed for you', kind: 'text' },
  ],
  evidence: [
    { kind: 'measurement', indicatorId: ATTENDANCE, entries: 4 },
    { kind: 'measurement', indicatorId: TRUST, entries: 11 },
    { kind: 'quote', indicatorId: null, entries: 3 },
  ],
  ...overrides,
});

const codes = (input: NudgeInput): NudgeCode[] => qualityNudges(input).map((n) => n.code);
const messageOf = (input: NudgeInput, code: NudgeCode) => qualityNudges(input).find((n) => n.code === code)?.message;

describe('qualityNudges', () => {
  it('has nothing to say about a strong cycle', () => {
    expect(qualityNudges(strong())).toEqual([]);
  });

  const rows: [name: string, input: NudgeInput, expected: NudgeCode[]][] = [
    ['no hypothesis at all', strong({ phase: 'hypothesis', hypothesis: null, reflection: null, evidence: [] }), ['no_prediction']],
    ['a hypothesis saved before predictions existed', strong({ hypothesis: hypothesis({ predictions: undefined }) }), ['no_prediction']],
    ['no predictions', strong({ hypothesis: hypothesis({ predictions: [] }) }), ['no_prediction']],
    [
      'a numeric indicator without a prediction',
      strong({ hypothesis: hypothesis({ predictions: [{ indicatorId: ATTENDANCE, from: 12, to: 18, note: null }] }) }),
      ['no_prediction'],
    ],
    [
      'a text indicator without a prediction (it cannot have one)',
      strong({
        hypothesis: hypothesis({ indicatorIds: [ATTENDANCE, TRUST, WORDS] }),
        evidence: [...strong().evidence, { kind: 'measurement', indicatorId: WORDS, entries: 2 }],
      }),
      [],
    ],
    [
      'a single measurement of one indicator',
      strong({
        evidence: [
          { kind: 'measurement', indicatorId: ATTENDANCE, entries: 1 },
          { kind: 'measurement', indicatorId: TRUST, entries: 9 },
          { kind: 'story', indicatorId: null, entries: 1 },
        ],
      }),
      ['single_data_point'],
    ],
    [
      'no measurement of a chosen indicator once evidence is gathered',
      strong({
        evidence: [
          { kind: 'measurement', indicatorId: ATTENDANCE, entries: 3 },
          { kind: 'quote', indicatorId: null, entries: 2 },
        ],
      }),
      ['single_data_point'],
    ],
    ['too few data points before the evidence phase (too early to say)', strong({ phase: 'adaptation', reflection: null, evidence: [] }), []],
    [
      'only measurements',
      strong({
        evidence: [
          { kind: 'measurement', indicatorId: ATTENDANCE, entries: 4 },
          { kind: 'measurement', indicatorId: TRUST, entries: 11 },
        ],
      }),
      ['one_kind_of_evidence'],
    ],
    [
      'only quotes',
      strong({ hypothesis: hypothesis({ indicatorIds: [], predictions: [] }), evidence: [{ kind: 'quote', indicatorId: null, entries: 5 }] }),
      ['no_prediction', 'one_kind_of_evidence'],
    ],
    [
      'a reflection that does not mention the prediction',
      strong({ reflection: reflection({ insights: 'Families liked the greeting and stayed longer.' }) }),
      ['reflection_ignores_prediction'],
    ],
    [
      'a reflection naming the predicted number',
      strong({ reflection: reflection({ insights: 'We hoped for more; attendance reached 18 on two Saturdays.' }) }),
      [],
    ],
    [
      'a reflection naming the number only as part of another',
      strong({ reflection: reflection({ insights: 'Attendance was 184 over the term; 4.5 stars from families.' }) }),
      ['reflection_ignores_prediction'],
    ],
    ['a decision without next steps', strong({ reflection: reflection({ nextSteps: '' }) }), ['decision_without_next_steps']],
    ['next steps that only hold a place', strong({ reflection: reflection({ nextSteps: 'TBD.' }) }), ['decision_without_next_steps']],
    ['next steps and no decision yet', strong({ reflection: reflection({ decision: null as never, nextSteps: '' }) }), []],
  ];

  it.each(rows)('%s: %j', (_name, input, expected) => {
    expect(codes(input)).toEqual(expected);
  });

  it('reads next steps made of a long run of dots in linear time', () => {
    const started = Date.now();
    expect(codes(strong({ reflection: reflection({ nextSteps: `${'.'.repeat(200_000)}x` }) }))).toEqual([]);
    expect(codes(strong({ reflection: reflection({ nextSteps: '.!'.repeat(100_000) }) }))).toEqual(['decision_without_next_steps']);
    expect(Date.now() - started).toBeLessThan(LINEAR_BOUND_MS);
  });

  it('lists every weakness of a deliberately weak cycle, in the order a librarian meets them', () => {
    const weak = strong({
      hypothesis: hypothesis({ predictions: [] }),
      reflection: reflection({ insights: 'It went well.', nextSteps: '' }),
      evidence: [{ kind: 'measurement', indicatorId: ATTENDANCE, entries: 1 }],
    });
    expect(codes(weak)).toEqual(['no_prediction', 'single_data_point', 'one_kind_of_evidence', 'decision_without_next_steps']);
    const withPrediction = { ...weak, hypothesis: hypothesis() };
    expect(codes(withPrediction)).toEqual(['single_data_point', 'one_kind_of_evidence', 'reflection_ignores_prediction', 'decision_without_next_steps']);
  });

  it('names the indicators it is about and says what to do', () => {
    expect(messageOf(strong({ hypothesis: hypothesis({ predictions: [{ indicatorId: ATTENDANCE, from: 12, to: 18, note: null }] }) }), 'no_prediction')).toBe(
      'No prediction for "I trust the library": say what you expect it to show, as you did for the others.',
    );
    expect(
      messageOf(
        strong({
          evidence: [
            { kind: 'measurement', indicatorId: ATTENDANCE, entries: 1 },
            { kind: 'quote', indicatorId: null, entries: 1 },
          ],
        }),
        'single_data_point',
      ),
    ).toBe(
      '"Attendance" has a single measurement and "I trust the library" has no measurement: one number cannot show a change. Measure each indicator more than once (at every session, or before and after).',
    );
    expect(messageOf(strong({ reflection: reflection({ decision: 'stop', nextSteps: '' }) }), 'decision_without_next_steps')).toBe(
      'The decision to stop has no next steps: name what happens next, who does it and by when.',
    );
    for (const nudge of qualityNudges(
      strong({
        phase: 'evidence' as Phase,
        hypothesis: hypothesis({ predictions: [] }),
        reflection: reflection({ insights: 'ok', nextSteps: '' }),
        evidence: [{ kind: 'quote', indicatorId: null, entries: 1 }],
      }),
    )) {
      expect(nudge.message).toMatch(/^[A-Z"].*\.$/);
    }
  });
});

describe('tallyEvidence', () => {
  it('counts entries per kind and indicator', () => {
    const tallies = tallyEvidence([
      { kind: 'measurement', indicatorId: ATTENDANCE },
      { kind: 'measurement', indicatorId: ATTENDANCE },
      { kind: 'measurement', indicatorId: TRUST },
      { kind: 'quote', indicatorId: null },
    ]);
    expect(tallies).toEqual([
      { kind: 'measurement', indicatorId: ATTENDANCE, entries: 2 },
      { kind: 'measurement', indicatorId: TRUST, entries: 1 },
      { kind: 'quote', indicatorId: null, entries: 1 },
    ]);
  });
});
