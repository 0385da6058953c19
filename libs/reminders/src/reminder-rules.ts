import { DateTime } from 'luxon';
import { checkInDueOn, daysFrom, localDate, plusDays } from '@r2c/cycles';

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

/**
 * The day the reminder scan judges an initiative by (see OverdueCheckIns): a due date before it is owed
 * a reminder. A due date counts from 09:00 local on the day itself, so from then on that is tomorrow.
 */
export function reminderDay(now: Date, timezone: string): string {
  const local = DateTime.fromJSDate(now, { zone: timezone });
  const today = local.toISODate()!;
  return local.hour >= REMINDER_LOCAL_HOUR ? plusDays(today, 1) : today;
}

/**
 * The reminder owed for a check-in first due on `dueOn` and `daysOverdue` days late by reminderDay:
 * due dates follow every `cadenceDays`, and only the latest passed one counts, so a scan that did not
 * run for days sends one reminder, not a backlog.
 */
export function owedReminder(dueOn: string, daysOverdue: number, cadenceDays: number): DueNow | null {
  if (daysOverdue < 1) return null;
  const missed = Math.floor((daysOverdue - 1) / cadenceDays) + 1;
  return { dueOn: plusDays(dueOn, (missed - 1) * cadenceDays), missed };
}

/** Which due date, if any, a reminder is owed for at `now`: checkInDueOn's due date, judged on reminderDay. */
export function dueNow(input: ScheduleInput, now: Date): DueNow | null {
  const dueOn = checkInDueOn(input.lastCheckInAt, input.startDate, input.cadenceDays, input.timezone);
  return owedReminder(dueOn, daysFrom(dueOn, reminderDay(now, input.timezone)), input.cadenceDays);
}

/** The due date a reminder names: the one the review queue shows, with its days overdue as of today in the library's zone. */
export interface ShownDue {
  dueOn: string;
  daysOverdue: number;
}

/**
 * What the reminder says about the due date, read as the review queue reads it (OverdueCheckIns on
 * today's local date): the first missed due date, not the latest one the reminder is keyed by. A scan
 * that runs days late therefore says "overdue", never "due today".
 */
export function shownDue(queueDueOn: string, now: Date, timezone: string): ShownDue {
  return { dueOn: queueDueOn, daysOverdue: Math.max(0, daysFrom(queueDueOn, localDate(now, timezone))) };
}

export function dueWords({ dueOn, daysOverdue }: ShownDue): string {
  if (daysOverdue < 1) return `is due today (${dueOn})`;
  return `was due on ${dueOn} and is ${daysOverdue} ${daysOverdue === 1 ? 'day' : 'days'} overdue`;
}
