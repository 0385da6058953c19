import { daysIn, digestJobId, digestMailKey, holdsMonthEnd, periodInstants, periodLabel, requestedPeriod, weekBefore } from './digest-period';

const NY = 'America/New_York';

describe('the default digest period', () => {
  it('is Monday to Sunday before a Monday 08:00 run in New York', () => {
    expect(weekBefore(new Date('2026-03-16T12:00:00Z'), NY)).toEqual({ start: '2026-03-09', end: '2026-03-15' });
  });

  it('reads the run day in DIGEST_TIMEZONE, not in UTC', () => {
    // Monday 01:30 UTC is still Sunday evening in New York: the week ends on Saturday.
    expect(weekBefore(new Date('2026-03-16T01:30:00Z'), NY)).toEqual({ start: '2026-03-08', end: '2026-03-14' });
    expect(weekBefore(new Date('2026-03-16T01:30:00Z'), 'UTC')).toEqual({ start: '2026-03-09', end: '2026-03-15' });
  });

  it('keeps whole days across the spring daylight-saving change', () => {
    const period = weekBefore(new Date('2026-03-09T12:00:00Z'), NY);
    expect(period).toEqual({ start: '2026-03-02', end: '2026-03-08' });
    const { from, until } = periodInstants(period, NY);
    expect(from.toISOString()).toBe('2026-03-02T05:00:00.000Z');
    // 8 March has 23 hours in New York: the week ends at midnight EDT.
    expect(until.toISOString()).toBe('2026-03-09T04:00:00.000Z');
  });
});

describe('a requested period', () => {
  const now = new Date('2026-03-16T12:00:00Z');

  it.each([
    [{}, { start: '2026-03-09', end: '2026-03-15' }],
    [
      { periodStart: '2026-03-01', periodEnd: '2026-03-31' },
      { start: '2026-03-01', end: '2026-03-31' },
    ],
    [
      { periodStart: '2026-03-02', periodEnd: '2026-03-02' },
      { start: '2026-03-02', end: '2026-03-02' },
    ],
    [{ periodStart: '2026-03-02' }, { start: '2026-03-02', end: '2026-03-08' }],
    [{ periodEnd: '2026-03-08' }, { start: '2026-03-02', end: '2026-03-08' }],
  ])('%j covers %j', (request, period) => {
    expect(requestedPeriod(request, now, NY)).toEqual({ period });
  });

  it('refuses a start after the end, naming both dates', () => {
    expect(requestedPeriod({ periodStart: '2026-03-15', periodEnd: '2026-03-09' }, now, NY)).toEqual({
      field: 'periodStart',
      problem: 'periodStart (2026-03-15) must be on or before periodEnd (2026-03-09)',
    });
  });

  it('refuses a period longer than a year', () => {
    expect(requestedPeriod({ periodStart: '2025-01-01', periodEnd: '2026-03-01' }, now, NY)).toMatchObject({
      field: 'periodEnd',
      problem: expect.stringContaining('at most 366 days'),
    });
    expect(requestedPeriod({ periodStart: '2025-03-01', periodEnd: '2026-02-28' }, now, NY)).toHaveProperty('period');
  });

  it('counts its days, both ends included', () => {
    expect(daysIn({ start: '2026-03-09', end: '2026-03-15' }, NY)).toBe(7);
    expect(daysIn({ start: '2026-03-02', end: '2026-03-08' }, NY)).toBe(7);
  });
});

describe('period names', () => {
  it.each([
    [{ start: '2026-03-09', end: '2026-03-15' }, '9–15 March 2026'],
    [{ start: '2026-02-23', end: '2026-03-01' }, '23 February – 1 March 2026'],
    [{ start: '2025-12-28', end: '2026-01-03' }, '28 December 2025 – 3 January 2026'],
    [{ start: '2026-03-09', end: '2026-03-09' }, '9 March 2026'],
  ])('labels %j as "%s"', (period, label) => {
    expect(periodLabel(period)).toBe(label);
  });

  it('makes a job id without ":" (BullMQ refuses it in custom ids) and an outbox key per person', () => {
    const period = { start: '2026-03-09', end: '2026-03-15' };
    expect(digestJobId(period)).toBe('digest-2026-03-09-2026-03-15');
    expect(digestJobId(period)).not.toContain(':');
    expect(digestMailKey(period, 'u1')).toBe('digest:2026-03-09_2026-03-15:u1');
  });
});

describe('the digest monthly readers get', () => {
  it('is the one whose period holds the last day of a month', () => {
    expect(holdsMonthEnd({ start: '2026-03-09', end: '2026-03-15' })).toBe(false);
    expect(holdsMonthEnd({ start: '2026-03-30', end: '2026-04-05' })).toBe(true);
    expect(holdsMonthEnd({ start: '2026-03-25', end: '2026-03-31' })).toBe(true);
    expect(holdsMonthEnd({ start: '2026-04-01', end: '2026-04-07' })).toBe(false);
    expect(holdsMonthEnd({ start: '2026-02-23', end: '2026-03-01' })).toBe(true);
    expect(holdsMonthEnd({ start: '2025-12-29', end: '2026-01-04' })).toBe(true);
  });

  it('comes once a month on a weekly schedule', () => {
    let monthly = 0;
    for (let week = 0; week < 52; week++) {
      const start = new Date(Date.UTC(2026, 0, 5 + 7 * week));
      const end = new Date(start.getTime() + 6 * 86400000);
      if (holdsMonthEnd({ start: start.toISOString().slice(0, 10), end: end.toISOString().slice(0, 10) })) monthly++;
    }
    expect(monthly).toBe(12);
  });
});
