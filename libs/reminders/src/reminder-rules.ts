import { DateTime } from 'luxon';

/** Reminders go out from this local hour on the due date, in the library's own time zone. */
export const REMINDER_LOCAL_HOUR = 9;

export interface ScheduleInput {
  startDate: string;
  cadenceDays: number;
  lastCheckInAt: Date | null;
  timezone: string;
}

export interface DueNow {
  /** The latest due date whose 09:00 (local) has passed, YYYY-MM-DD. */
  dueOn: string;
  /** How many due dates have passed since the last check-in (1 = the first one; 2+ = overdue again). */
  missed: number;
}

const DAY_MS = 86400000;

/** Days since 1970-01-01 of a calendar date: plain arithmetic, with no time zone in it. */
const dayNumber = (year: number, month: number, day: number) => Date.UTC(year, month - 1, day) / DAY_MS;
const isoDate = (days: number) => new Date(days * DAY_MS).toISOString().slice(0, 10);

/** The local calendar day (as a day number) and minutes past midnight of an instant in a time zone. */
function localDay(instant: Date, zone: string): { day: number; minutes: number } {
  const local = DateTime.fromJSDate(instant, { zone });
  return { day: dayNumber(local.year, local.month, local.day), minutes: local.hour * 60 + local.minute };
}

/**
 * Which due date, if any, a reminder is owed for at `now`. Due dates fall every `cadenceDays` after the
 * last check-in's local date (or the start date); only the latest passed one counts, so a scan that
 * did not run for days sends one reminder, not a backlog.
 *
 * The zone is consulted once per instant and the rest is calendar arithmetic on day numbers: the scan
 * calls this for every active initiative, and asking luxon for a zone's offset at each step made it
 * most of the scan's time.
 */
export function dueNow(input: ScheduleInput, now: Date): DueNow | null {
  const base = input.lastCheckInAt
    ? localDay(input.lastCheckInAt, input.timezone).day
    : dayNumber(Number(input.startDate.slice(0, 4)), Number(input.startDate.slice(5, 7)), Number(input.startDate.slice(8, 10)));
  const local = localDay(now, input.timezone);
  const cadence = input.cadenceDays;
  let missed = Math.floor((local.day - base) / cadence);
  if (missed < 1) return null;
  // Reminders go out from 09:00 local on the due date; before that, the previous due date is the latest.
  if (base + missed * cadence === local.day && local.minutes < REMINDER_LOCAL_HOUR * 60) missed -= 1;
  if (missed < 1) return null;
  return { dueOn: isoDate(base + missed * cadence), missed };
}
