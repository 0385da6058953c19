import type { Direction } from './cycle-types';
import { checkPredictions, PredictedIndicator, PredictionInput, predictedDirection, predictionMet } from './prediction-rules';

const ATTENDANCE = 'a0000000-0000-4000-8000-000000000001';
const TRUST = 'a0000000-0000-4000-8000-000000000002';
const SHARE = 'a0000000-0000-4000-8000-000000000003';
const WORDS = 'a0000000-0000-4000-8000-000000000004';
const UNCHOSEN = 'a0000000-0000-4000-8000-000000000005';

const indicators = new Map<string, PredictedIndicator>([
  [ATTENDANCE, { id: ATTENDANCE, name: 'Attendance', kind: 'count' }],
  [TRUST, { id: TRUST, name: 'I trust the library', kind: 'scale_1_5' }],
  [SHARE, { id: SHARE, name: 'Share of newcomers', kind: 'percent' }],
  [WORDS, { id: WORDS, name: 'What changed for you', kind: 'text' }],
  [UNCHOSEN, { id: UNCHOSEN, name: 'Partners engaged', kind: 'count' }],
]);
const chosen = [ATTENDANCE, TRUST, SHARE, WORDS];

describe('checkPredictions', () => {
  const OK = 'allowed';
  const rows: [predictions: PredictionInput[], expected: string, field: string | null][] = [
    [[], OK, null],
    [[{ indicatorId: ATTENDANCE, from: 12, to: 18 }], OK, null],
    [[{ indicatorId: ATTENDANCE, to: 18 }], OK, null],
    [[{ indicatorId: ATTENDANCE, from: null, to: 18 }], OK, null],
    [
      [
        { indicatorId: TRUST, from: 3.1, to: 3.8 },
        { indicatorId: SHARE, to: 40 },
      ],
      OK,
      null,
    ],
    [[{ indicatorId: ATTENDANCE, from: 18, to: 12 }], OK, null],
    [
      [{ indicatorId: ATTENDANCE, to: 18.5 }],
      'In the prediction for "Attendance", to: the value of a count must be a whole number of 0 or more, not 18.5.',
      'predictions.0.to',
    ],
    [
      [{ indicatorId: ATTENDANCE, from: -2, to: 18 }],
      'In the prediction for "Attendance", from: the value of a count must be a whole number',
      'predictions.0.from',
    ],
    [
      [{ indicatorId: TRUST, to: 6 }],
      'In the prediction for "I trust the library", to: the value of a 1–5 scale score must be between 1 and 5',
      'predictions.0.to',
    ],
    [
      [
        { indicatorId: SHARE, to: 40 },
        { indicatorId: SHARE, from: 140, to: 40 },
      ],
      'In the prediction for "Share of newcomers", from: the value of a percentage must be between 0 and 100',
      'predictions.1.from',
    ],
    [[{ indicatorId: WORDS, to: 3 }], '"What changed for you" is a text indicator: a prediction needs a number', 'predictions.0.indicatorId'],
    [[{ indicatorId: UNCHOSEN, to: 3 }], 'A prediction is about one of the hypothesis’s indicators', 'predictions.0.indicatorId'],
    [[{ indicatorId: 'b0000000-0000-4000-8000-000000000009', to: 3 }], 'A prediction is about one of the hypothesis’s indicators', 'predictions.0.indicatorId'],
    [[{ to: 3 }], 'A prediction needs the indicator it is about in indicatorId.', 'predictions.0.indicatorId'],
    [
      [
        { indicatorId: ATTENDANCE, to: 18 },
        { indicatorId: ATTENDANCE, to: 20 },
      ],
      '"Attendance" has more than one prediction; give one per indicator.',
      'predictions.1.indicatorId',
    ],
  ];

  it.each(rows)('%j: %s', (predictions, expected, field) => {
    const verdict = checkPredictions(predictions, chosen, indicators);
    if (expected === OK) return expect(verdict).toEqual({ allowed: true });
    expect(verdict).toMatchObject({ allowed: false, reason: expect.stringContaining(expected), field });
  });
});

describe('predictionMet', () => {
  const rows: [from: number | null, to: number, direction: Direction, observed: number | null, met: boolean | null][] = [
    [12, 18, 'increase', 19.33, true],
    [12, 18, 'increase', 18, true],
    [12, 18, 'increase', 16, false],
    [null, 18, 'increase', 18.5, true],
    [null, 18, 'increase', 17, false],
    [null, 2, 'decrease', 1.5, true],
    [null, 2, 'decrease', 3, false],
    // the prediction's own direction wins over the indicator's: a librarian expected a drop
    [18, 12, 'increase', 11, true],
    [18, 12, 'increase', 15, false],
    [12, 12, 'increase', 12, true],
    [12, 18, 'increase', null, null],
  ];

  it.each(rows)('from %p to %p (%s), observed %p: met %p', (from, to, direction, observed, met) => {
    expect(predictionMet({ from, to }, direction, observed)).toBe(met);
  });

  it('reads the predicted direction from from and to, else from the indicator', () => {
    expect(predictedDirection({ from: 18, to: 12 }, 'increase')).toBe('decrease');
    expect(predictedDirection({ from: null, to: 12 }, 'decrease')).toBe('decrease');
    expect(predictedDirection({ from: 5, to: 5 }, 'increase')).toBe('increase');
  });
});
