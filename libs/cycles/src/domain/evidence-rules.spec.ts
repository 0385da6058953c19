import { EvidenceKind, IndicatorKind } from './cycle-types';
import { EvidenceInput, MeasuredIndicator, checkEvidenceEntry, checkMeasurement, checkMeasurementValue } from './evidence-rules';
import { Verdict } from './verdict';

const OK = 'allowed';

function expectVerdict(verdict: Verdict, expected: string, field: string | null = null): void {
  if (expected === OK) {
    expect(verdict).toEqual({ allowed: true });
    return;
  }
  expect(verdict).toMatchObject({ allowed: false, reason: expect.stringContaining(expected) });
  if (!verdict.allowed) expect(verdict.reason).toMatch(/^[A-Z].*\.$/);
  if (field) expect(verdict).toMatchObject({ field });
}

describe('checkMeasurementValue', () => {
  const WHOLE = 'The value of a count must be a whole number of 0 or more';
  const SCALE = 'The value of a 1–5 scale score must be between 1 and 5';
  const PERCENT = 'The value of a percentage must be between 0 and 100';
  const rows: [kind: IndicatorKind, value: unknown, expected: string][] = [
    ['count', 0, OK],
    ['count', 1, OK],
    ['count', 250, OK],
    ['count', -1, `${WHOLE}, not -1.`],
    ['count', 2.5, `${WHOLE}, not 2.5.`],
    ['count', '12', 'The value must be a number, not "12".'],
    ['count', NaN, 'The value must be a number, not NaN.'],
    ['count', Infinity, 'The value must be a number, not Infinity.'],
    ['count', true, 'The value must be a number, not true.'],
    ['count', null, 'The value must be a number, not null.'],
    ['count', undefined, 'The value must be a number, not undefined.'],
    ['scale_1_5', 1, OK],
    ['scale_1_5', 3, OK],
    ['scale_1_5', 3.8, OK],
    ['scale_1_5', 5, OK],
    ['scale_1_5', 0, `${SCALE} (a survey mean such as 3.8 is fine), not 0.`],
    ['scale_1_5', 0.99, `${SCALE}`],
    ['scale_1_5', 5.01, `${SCALE}`],
    ['scale_1_5', 7, `${SCALE}`],
    ['scale_1_5', '4', 'The value must be a number, not "4".'],
    ['percent', 0, OK],
    ['percent', 62.5, OK],
    ['percent', 100, OK],
    ['percent', -0.1, `${PERCENT}, not -0.1.`],
    ['percent', 120, `${PERCENT}, not 120.`],
    ['percent', [50], 'The value must be a number, not a list.'],
    ['percent', { value: 50 }, 'The value must be a number, not an object.'],
    ['text', 3, 'A text indicator is measured in words: put the answer in text and leave value empty.'],
    ['text', 'many', 'A text indicator is measured in words'],
  ];

  it.each(rows)('%s indicator, value %p: %s', (kind, value, expected) => {
    expectVerdict(checkMeasurementValue(kind, value), expected, expected === OK ? null : 'value');
  });

  it('refuses an indicator kind that does not exist', () => {
    expectVerdict(checkMeasurementValue('rating' as IndicatorKind, 3), 'There is no indicator kind called "rating"');
  });
});

describe('checkMeasurement', () => {
  const rows: [kind: IndicatorKind, value: unknown, text: unknown, expected: string, field: string | null][] = [
    ['count', 14, undefined, OK, null],
    ['count', 14, 'Two families came with grandparents', OK, null],
    ['count', undefined, undefined, 'A measurement of a count indicator needs a number in value.', 'value'],
    ['count', null, 'fourteen', 'A measurement of a count indicator needs a number in value.', 'value'],
    ['count', -3, undefined, 'The value of a count must be a whole number of 0 or more', 'value'],
    ['scale_1_5', 4.2, null, OK, null],
    ['scale_1_5', undefined, undefined, 'A measurement of a 1–5 scale indicator needs a number in value.', 'value'],
    ['scale_1_5', 6, undefined, 'between 1 and 5', 'value'],
    ['percent', 40, undefined, OK, null],
    ['percent', undefined, undefined, 'A measurement of a percentage indicator needs a number in value.', 'value'],
    ['percent', 101, undefined, 'between 0 and 100', 'value'],
    ['text', undefined, 'People asked for a Spanish-language session', OK, null],
    ['text', null, 'People asked for a Spanish-language session', OK, null],
    ['text', 3, 'Three people asked for more', 'put the answer in text and leave value empty.', 'value'],
    ['text', undefined, undefined, 'A measurement of a text indicator needs the answer in text.', 'text'],
    ['text', undefined, '   ', 'A measurement of a text indicator needs the answer in text.', 'text'],
  ];

  it.each(rows)('%s indicator, value %p, text %p: %s', (kind, value, text, expected, field) => {
    expectVerdict(checkMeasurement({ kind }, { value, text }), expected, field);
  });
});

describe('checkEvidenceEntry', () => {
  const COUNT: MeasuredIndicator = { kind: 'count' };
  const ID = '7d1f0c7e-4c1e-4a57-9d55-0f3f2f1a9c01';
  const rows: [entry: EvidenceInput, indicator: MeasuredIndicator | null, expected: string, field: string | null][] = [
    [{ kind: 'measurement', indicatorId: ID, value: 23 }, COUNT, OK, null],
    [{ kind: 'measurement', indicatorId: ID, value: 23.5 }, COUNT, 'whole number', 'value'],
    [{ kind: 'measurement', indicatorId: ID }, COUNT, 'needs a number in value', 'value'],
    [{ kind: 'measurement', value: 23 }, null, 'A measurement needs the indicator it measures in indicatorId.', 'indicatorId'],
    [{ kind: 'measurement', indicatorId: ' ', value: 23 }, COUNT, 'A measurement needs the indicator it measures in indicatorId.', 'indicatorId'],
    [{ kind: 'measurement', indicatorId: ID, value: 23 }, null, "needs one of this initiative's indicators in indicatorId", 'indicatorId'],
    [{ kind: 'measurement', indicatorId: ID, text: 'They felt heard' }, { kind: 'text' }, OK, null],
    [{ kind: 'observation', text: 'Two tables mixed without prompting' }, null, OK, null],
    [{ kind: 'observation', indicatorId: ID, text: 'Teens stayed to help clear up' }, COUNT, OK, null],
    [{ kind: 'observation' }, null, 'An observation needs what was seen in text.', 'text'],
    [{ kind: 'quote', text: '"I did not know the library did this."' }, null, OK, null],
    [{ kind: 'quote', text: '' }, null, "A quote needs the participant's words in text.", 'text'],
    [{ kind: 'story', text: 'A grandmother brought her neighbour the second week.' }, null, OK, null],
    [{ kind: 'story', text: null }, null, 'A story needs its telling in text.', 'text'],
    [{ kind: 'quote', text: 'Great!', value: 5 }, null, 'Only a measurement carries a value', 'value'],
    [{ kind: 'feeling' as EvidenceKind, text: 'x' }, null, 'There is no evidence kind called "feeling"', 'kind'],
  ];

  it.each(rows)('%j with indicator %j: %s', (entry, indicator, expected, field) => {
    expectVerdict(checkEvidenceEntry(entry, indicator), expected, field);
  });
});
