import {
  daysIn,
  digestJobId,
  digestMailKey,
  monthBefore,
  monthlyCron,
  monthOf,
  overlaps,
  periodInstants,
  periodLabel,
  requestedPeriod,
  weekBefore,
} from './digest-period';

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

describe('the monthly digest', () => {
  it('covers the calendar month before the run day: 1 December 08:00 in New York covers 1–30 November', () => {
    expect(monthBefore(new Date('2026-12-01T13:00:00Z'), NY)).toEqual({ start: '2026-11-01', end: '2026-11-30' });
    expect(monthBefore(new Date('2026-03-01T13:00:00Z'), NY)).toEqual({ start: '2026-02-01', end: '2026-02-28' });
    expect(monthBefore(new Date('2028-03-01T13:00:00Z'), NY)).toEqual({ start: '2028-02-01', end: '2028-02-29' });
    expect(monthBefore(new Date('2027-01-01T13:00:00Z'), NY)).toEqual({ start: '2026-12-01', end: '2026-12-31' });
  });

  it('reads the run day in DIGEST_TIMEZONE: 1 December 03:00 UTC is still 30 November in New York', () => {
    expect(monthBefore(new Date('2026-12-01T03:00:00Z'), NY)).toEqual({ start: '2026-10-01', end: '2026-10-31' });
    expect(monthBefore(new Date('2026-12-01T03:00:00Z'), 'UTC')).toEqual({ start: '2026-11-01', end: '2026-11-30' });
    // 1 December 00:30 in Auckland is still 30 November in UTC.
    expect(monthBefore(new Date('2026-11-30T11:30:00Z'), 'Pacific/Auckland')).toEqual({ start: '2026-11-01', end: '2026-11-30' });
  });

  it('spans whole days across the autumn daylight-saving change (November has an hour more in New York)', () => {
    const november = monthBefore(new Date('2026-12-01T13:00:00Z'), NY);
    const { from, until } = periodInstants(november, NY);
    expect(from.toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(until.toISOString()).toBe('2026-12-01T05:00:00.000Z');
    expect(daysIn(november, NY)).toBe(30);
    expect(periodLabel(november)).toBe('1–30 November 2026');
  });

  it('spans whole days across the spring change (March has an hour less)', () => {
    const { from, until } = periodInstants(monthOf('2026-03-17', NY), NY);
    expect(from.toISOString()).toBe('2026-03-01T05:00:00.000Z');
    expect(until.toISOString()).toBe('2026-04-01T04:00:00.000Z');
  });

  it.each([
    [{}, { start: '2026-02-01', end: '2026-02-28' }],
    [{ periodStart: '2026-11-12' }, { start: '2026-11-01', end: '2026-11-30' }],
    [{ periodEnd: '2026-02-03' }, { start: '2026-02-01', end: '2026-02-28' }],
    [
      { periodStart: '2026-11-01', periodEnd: '2026-11-30' },
      { start: '2026-11-01', end: '2026-11-30' },
    ],
  ])('as requested, %j covers %j', (request, period) => {
    expect(requestedPeriod(request, new Date('2026-03-16T12:00:00Z'), NY, 'monthly')).toEqual({ period });
  });

  it('is scheduled on the 1st at the minute and hour of DIGEST_CRON', () => {
    expect(monthlyCron('0 8 * * 1')).toBe('0 8 1 * *');
    expect(monthlyCron('30 7 * * 1')).toBe('30 7 1 * *');
    expect(monthlyCron('15 30 6 * * MON')).toBe('15 30 6 1 * *');
    expect(monthlyCron(' 0  9 * * 1-5 ')).toBe('0 9 1 * *');
  });

  it('has job ids and outbox keys of its own, so a monthly and a weekly digest of one period never share an email', () => {
    const november = { start: '2026-11-01', end: '2026-11-30' };
    expect(digestJobId(november, 'monthly')).toBe('digest-monthly-2026-11-01-2026-11-30');
    expect(digestMailKey(november, 'u1', 'monthly')).toBe('digest:monthly:2026-11-01_2026-11-30:u1');
    expect(digestMailKey(november, 'u1', 'weekly')).not.toBe(digestMailKey(november, 'u1', 'monthly'));
  });
});

describe('overlapping periods', () => {
  const week = { start: '2026-11-02', end: '2026-11-08' };
  it.each([
    [{ start: '2026-11-02', end: '2026-11-08' }, true],
    [{ start: '2026-11-08', end: '2026-11-14' }, true],
    [{ start: '2026-10-27', end: '2026-11-02' }, true],
    [{ start: '2026-11-01', end: '2026-11-30' }, true],
    [{ start: '2026-11-04', end: '2026-11-04' }, true],
    [{ start: '2026-11-09', end: '2026-11-15' }, false],
    [{ start: '2026-10-26', end: '2026-11-01' }, false],
  ])('%j against 2–8 November: %s', (other, shared) => {
    expect(overlaps(week, other)).toBe(shared);
    expect(overlaps(other, week)).toBe(shared);
  });
});
