import { keyInsight, rounded, trendOf } from './digest-content';

describe('the key insight of a reflection', () => {
  it.each([
    ['Attendance rose; trust rose a little. Saturdays work best.', 'Attendance rose; trust rose a little.'],
    ['  Families came back!\n\nMore next time.', 'Families came back!'],
    ['No full stop at all', 'No full stop at all'],
    ['Version 2.5 of the flyer worked. Really.', 'Version 2.5 of the flyer worked.'],
    ['', null],
    [null, null],
  ])('of %j is %j', (insights, expected) => {
    expect(keyInsight(insights)).toBe(expected);
  });

  it('is cut to 280 characters with an ellipsis', () => {
    const long = `${'word '.repeat(100)}end.`;
    const insight = keyInsight(long)!;
    expect(insight).toHaveLength(280);
    expect(insight.endsWith('…')).toBe(true);
  });
});

describe('indicator trends', () => {
  it.each([
    [16, 12, 'increase', 'better'],
    [10, 12, 'increase', 'worse'],
    [10, 12, 'decrease', 'better'],
    [12, 12, 'increase', 'unchanged'],
    [12, null, 'increase', 'new'],
  ] as const)('mean %s against %s (%s is good) is %s', (mean, previous, direction, trend) => {
    expect(trendOf(mean, previous, direction)).toBe(trend);
  });

  it('rounds means to two decimals', () => {
    expect(rounded(4.266666)).toBe(4.27);
    expect(rounded(16)).toBe(16);
  });
});
