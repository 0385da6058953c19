import { DateTime } from 'luxon';

const DAY_MS = 86400000;

/** Days since 1970-01-01 of a YYYY-MM-DD calendar date: plain arithmetic, with no time zone in it. */
const dayNumber = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
const isoDate = (days: number) => new Date(days * DAY_MS).toISOString().slice(0, 10);

/** The calendar date `days` after `date` (YYYY-MM-DD). */
export const plusDays = (date: string, days: number): string => isoDate(dayNumber(date) + days);

/** Whole calendar days from `from` to `to` (YYYY-MM-DD): negative when `to` comes first. */
export const daysFrom = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

/** The calendar date at `instant` in a time zone, YYYY-MM-DD. */
export const localDate = (instant: Date, timezone: string): string => DateTime.fromJSDate(instant, { zone: timezone }).toISODate()!;

/**
 * The day a check-in is next due: the latest check-in's date in the library's own time zone (or the
 * initiative's start date when there is none yet) plus the cadence. Every later due date follows at the
 * same cadence until the next check-in; this is the one rule every overdue list and reminder reads.
 *
 * The zone is consulted once, for the check-in's date; the rest is calendar arithmetic, because the
 * reminder scan applies this to every active initiative.
 */
export function checkInDueOn(lastCheckInAt: Date | null, startDate: string, cadenceDays: number, timezone: string): string {
  return plusDays(lastCheckInAt ? localDate(lastCheckInAt, timezone) : startDate, cadenceDays);
}

/** The due dates from `firstDue` on, every `cadenceDays`, up to and including `until` (YYYY-MM-DD). */
export function dueDatesUntil(firstDue: string, cadenceDays: number, until: string): string[] {
  const dates: string[] = [];
  for (let d = DateTime.fromISO(firstDue); d.toISODate()! <= until; d = d.plus({ days: cadenceDays })) dates.push(d.toISODate()!);
  return dates;
}
