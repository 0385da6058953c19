import { DateTime } from 'luxon';

/** Whole days, both included, read in the digest's time zone (DIGEST_TIMEZONE). Dates are YYYY-MM-DD. */
export interface DigestPeriod {
  start: string;
  end: string;
}

export const DIGEST_WEEK_DAYS = 7;
/** A digest covers at most a year: longer would be a report, not a digest. */
export const MAX_DIGEST_DAYS = 366;

const day = (date: string, timezone: string) => DateTime.fromISO(date, { zone: timezone });

/**
 * The full week before the day of `runAt` in `timezone`: the default run on Monday 08:00 covers the
 * Monday to Sunday just ended, wherever the server's own clock is.
 */
export function weekBefore(runAt: Date, timezone: string): DigestPeriod {
  const runDay = DateTime.fromJSDate(runAt, { zone: timezone }).startOf('day');
  return { start: runDay.minus({ days: DIGEST_WEEK_DAYS }).toISODate()!, end: runDay.minus({ days: 1 }).toISODate()! };
}

export type PeriodRequest = { periodStart?: string; periodEnd?: string };
export type PeriodResult = { period: DigestPeriod } | { problem: string; field: 'periodStart' | 'periodEnd' };

/**
 * The period asked for: both dates as given; only one of them makes a week from it; neither makes
 * the week before `runAt`. Dates must already be valid YYYY-MM-DD (the DTO checks that).
 */
export function requestedPeriod(request: PeriodRequest, runAt: Date, timezone: string): PeriodResult {
  const { periodStart, periodEnd } = request;
  const week = DIGEST_WEEK_DAYS - 1;
  let period: DigestPeriod;
  if (periodStart && periodEnd) period = { start: periodStart, end: periodEnd };
  else if (periodStart) period = { start: periodStart, end: day(periodStart, timezone).plus({ days: week }).toISODate()! };
  else if (periodEnd) period = { start: day(periodEnd, timezone).minus({ days: week }).toISODate()!, end: periodEnd };
  else return { period: weekBefore(runAt, timezone) };

  if (period.start > period.end) {
    return { field: 'periodStart', problem: `periodStart (${period.start}) must be on or before periodEnd (${period.end})` };
  }
  if (daysIn(period, timezone) > MAX_DIGEST_DAYS) {
    return { field: 'periodEnd', problem: `a digest covers at most ${MAX_DIGEST_DAYS} days (${period.start} to ${period.end} is ${daysIn(period, timezone)})` };
  }
  return { period };
}

export function daysIn(period: DigestPeriod, timezone: string): number {
  return Math.round(day(period.end, timezone).diff(day(period.start, timezone), 'days').days) + 1;
}

/** The instants the period spans: from the start of its first day to the start of the day after its last, in `timezone`. */
export function periodInstants(period: DigestPeriod, timezone: string): { from: Date; until: Date } {
  return {
    from: day(period.start, timezone).startOf('day').toJSDate(),
    until: day(period.end, timezone).plus({ days: 1 }).startOf('day').toJSDate(),
  };
}

/** "9–15 March 2026", "23 February – 1 March 2026", "28 December 2025 – 3 January 2026". */
export function periodLabel(period: DigestPeriod): string {
  const a = DateTime.fromISO(period.start).setLocale('en-GB');
  const b = DateTime.fromISO(period.end).setLocale('en-GB');
  if (period.start === period.end) return b.toFormat('d LLLL yyyy');
  if (a.year !== b.year) return `${a.toFormat('d LLLL yyyy')} – ${b.toFormat('d LLLL yyyy')}`;
  if (a.month !== b.month) return `${a.toFormat('d LLLL')} – ${b.toFormat('d LLLL yyyy')}`;
  return `${a.day}–${b.toFormat('d LLLL yyyy')}`;
}

/** How often a person wants the coalition digest. */
export { DIGEST_FREQUENCIES } from '@r2c/contracts';
export type { DigestFrequency } from '@r2c/contracts';

/**
 * Monthly readers get one digest a month: the one whose period holds the last day of a calendar month
 * (the week of 30 March to 5 April holds 31 March). A weekly schedule has exactly one such week a month.
 */
export function holdsMonthEnd(period: DigestPeriod): boolean {
  return DateTime.fromISO(period.end).plus({ days: 1 }).toFormat('yyyy-MM') !== DateTime.fromISO(period.start).toFormat('yyyy-MM');
}

/** The BullMQ job id of a period's run: the same period never queues twice while its job is kept (no ':' allowed). */
export function digestJobId(period: DigestPeriod): string {
  return `digest-${period.start}-${period.end}`;
}

/** The outbox key of one person's copy: asking twice sends once. */
export function digestMailKey(period: DigestPeriod, userId: string): string {
  return `digest:${period.start}_${period.end}:${userId}`;
}
