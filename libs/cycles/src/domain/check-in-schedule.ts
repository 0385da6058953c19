import { DateTime } from 'luxon';

/**
 * The day a check-in is next due: the latest check-in's date in the library's own time zone (or the
 * initiative's start date when there is none yet) plus the cadence.
 */
export function checkInDueOn(lastCheckInAt: Date | null, startDate: string, cadenceDays: number, timezone: string): string {
  const base = lastCheckInAt ? DateTime.fromJSDate(lastCheckInAt, { zone: timezone }).toISODate()! : startDate;
  return DateTime.fromISO(base, { zone: timezone }).plus({ days: cadenceDays }).toISODate()!;
}

/** The due dates from `firstDue` on, every `cadenceDays`, up to and including `until` (YYYY-MM-DD). */
export function dueDatesUntil(firstDue: string, cadenceDays: number, until: string): string[] {
  const dates: string[] = [];
  for (let d = DateTime.fromISO(firstDue); d.toISODate()! <= until; d = d.plus({ days: cadenceDays })) dates.push(d.toISODate()!);
  return dates;
}
