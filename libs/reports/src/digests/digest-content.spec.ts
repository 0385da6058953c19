import { audienceOf, DigestContent, hasNews, keyInsight, rounded, trendOf } from './digest-content';

const quiet: DigestContent = {
  periodStart: '2026-11-01',
  periodEnd: '2026-11-30',
  timezone: 'America/New_York',
  closedCycles: [],
  evidence: [],
  checkInsHeld: 0,
  overdueCheckIns: [],
  indicatorTrends: [],
};

describe('whether a period has news for the coalition', () => {
  const overdue = { initiativeId: 'i', initiativeTitle: 'Story Circles', libraryName: 'Pine Ridge', dueOn: '2026-11-02', daysOverdue: 29 };
  const tally = {
    initiativeId: 'i',
    initiativeTitle: 'Story Circles',
    libraryName: 'Pine Ridge',
    entries: 1,
    measurements: 1,
    observations: 0,
    quotes: 0,
    stories: 0,
  };
  it.each([
    ['nothing happened', {}, false],
    ['only overdue check-ins', { overdueCheckIns: [overdue] }, false],
    ['a digest compiled before check-ins were counted', { checkInsHeld: undefined }, false],
    ['evidence was logged', { evidence: [tally] }, true],
    ['a check-in was held', { checkInsHeld: 1 }, true],
  ])('%s: %s', (_, change, news) => {
    expect(hasNews({ ...quiet, ...change })).toBe(news);
  });

  it('gives coaches (and admins) the copy that names overdue check-ins, everyone else the coalition’s', () => {
    expect(['coach', 'admin', 'librarian', 'subscriber'].map(audienceOf)).toEqual(['coaches', 'coaches', 'coalition', 'coalition']);
  });
});

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
