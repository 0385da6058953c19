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

/**
 * Which due date, if any, a reminder is owed for at `now`. Due dates fall every `cadenceDays` after the
 * last check-in's local date (or the start date); only the latest passed one counts, so a scan that
 * did not run for days sends one reminder, not a backlog.
 */
export function dueNow(input: ScheduleInput, now: Date): DueNow | null {
  const zone = input.timezone;
  const base = input.lastCheckInAt ? DateTime.fromJSDate(input.lastCheckInAt, { zone }).startOf('day') : DateTime.fromISO(input.startDate, { zone });
  const local = DateTime.fromJSDate(now, { zone });
  const cadence = input.cadenceDays;
  const daysSince = Math.floor(local.startOf('day').diff(base.startOf('day'), 'days').days);
  let missed = Math.floor(daysSince / cadence);
  if (missed < 1) return null;
  let dueOn = base.plus({ days: missed * cadence });
  if (local < dueOn.set({ hour: REMINDER_LOCAL_HOUR, minute: 0, second: 0, millisecond: 0 })) {
    missed -= 1;
    if (missed < 1) return null;
    dueOn = base.plus({ days: missed * cadence });
  }
  return { dueOn: dueOn.toISODate()!, missed };
}
