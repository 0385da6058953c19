import { DateTime } from 'luxon';
import type { DigestSeries } from '@r2c/contracts';

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
 * The period asked for: both dates as given. Weekly: only one of them makes a week from it, neither
 * the week before `runAt`. Monthly: only one makes the calendar month holding it, neither the month
 * before `runAt`. Dates must already be valid YYYY-MM-DD (the DTO checks that).
 */
export function requestedPeriod(request: PeriodRequest, runAt: Date, timezone: string, series: DigestSeries = 'weekly'): PeriodResult {
  const { periodStart, periodEnd } = request;
  const week = DIGEST_WEEK_DAYS - 1;
  const one = periodStart ?? periodEnd;
  let period: DigestPeriod;
  if (periodStart && periodEnd) period = { start: periodStart, end: periodEnd };
  else if (!one) return { period: series === 'monthly' ? monthBefore(runAt, timezone) : weekBefore(runAt, timezone) };
  else if (series === 'monthly') period = monthOf(one, timezone);
  else if (periodStart) period = { start: periodStart, end: day(periodStart, timezone).plus({ days: week }).toISODate()! };
  else period = { start: day(one, timezone).minus({ days: week }).toISODate()!, end: one };

  if (period.start > period.end) {
    return { field: 'periodStart', problem: `periodStart (${period.start}) must be on or before periodEnd (${period.end})` };
  }
  if (daysIn(period, timezone) > MAX_DIGEST_DAYS) {
    return { field: 'periodEnd', problem: `a digest covers at most ${MAX_DIGEST_DAYS} days (${period.start} to ${period.end} is ${daysIn(period, timezone)})` };
  }
  return { period };
}

/**
 * The calendar month before the day of `runAt` in `timezone`: the run on 1 December 08:00 covers
 * 1–30 November, wherever the server's own clock is.
 */
export function monthBefore(runAt: Date, timezone: string): DigestPeriod {
  const lastMonth = DateTime.fromJSDate(runAt, { zone: timezone }).startOf('month').minus({ months: 1 });
  return { start: lastMonth.toISODate()!, end: lastMonth.endOf('month').toISODate()! };
}

/** The whole calendar month a day is in. */
export function monthOf(date: string, timezone: string): DigestPeriod {
  const month = day(date, timezone).startOf('month');
  return { start: month.toISODate()!, end: month.endOf('month').toISODate()! };
}

/** Whether two periods share at least one day. */
export function overlaps(a: DigestPeriod, b: DigestPeriod): boolean {
  return a.start <= b.end && b.start <= a.end;
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
export { DIGEST_FREQUENCIES, DIGEST_SERIES } from '@r2c/contracts';
export type { DigestFrequency, DigestSeries } from '@r2c/contracts';

/**
 * The monthly schedule: the 1st of each month at DIGEST_CRON's minute and hour (its seconds too, when
 * it has them), so both series leave at the same time of day.
 */
export function monthlyCron(weeklyCron: string): string {
  const fields = weeklyCron.trim().split(/\s+/);
  const [minute, hour] = fields.slice(-5, -3);
  return [...fields.slice(0, -5), minute, hour, '1', '*', '*'].join(' ');
}

/** The BullMQ job id of a period's run: the same period never queues twice while its job is kept (no ':' allowed). */
export function digestJobId(period: DigestPeriod, series: DigestSeries = 'weekly'): string {
  return series === 'weekly' ? `digest-${period.start}-${period.end}` : `digest-${series}-${period.start}-${period.end}`;
}

/** The outbox key of one person's copy: asking twice sends once. Weekly keys are those sent before there were two series. */
export function digestMailKey(period: DigestPeriod, userId: string, series: DigestSeries = 'weekly'): string {
  return series === 'weekly' ? `digest:${period.start}_${period.end}:${userId}` : `digest:${series}:${period.start}_${period.end}:${userId}`;
}
