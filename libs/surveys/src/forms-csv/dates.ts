import type { DateOrder, SurveyDatesRead } from '@r2c/contracts';

export type { DateOrder, SurveyDatesRead } from '@r2c/contracts';

const pad = (n: number) => String(n).padStart(2, '0');
const ISO = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})\b/;
/** 3/10/2026, 10.03.2026, 3/10/26: the order of day and month is the question. */
const NUMERIC = /^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})\b/;

function calendarDay(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** The calendar day of a Forms timestamp: 2026-03-10…, 2026/03/10…, or 3/10/2026 read in the given order. */
export function dayOf(stamp: string, order: DateOrder = 'month_first'): string | null {
  const text = stamp.trim();
  const iso = ISO.exec(text);
  if (iso) return calendarDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const numeric = NUMERIC.exec(text);
  if (!numeric) return null;
  const [first, second] = [Number(numeric[1]), Number(numeric[2])];
  const year = numeric[3].length === 2 ? 2000 + Number(numeric[3]) : Number(numeric[3]);
  return order === 'day_first' ? calendarDay(year, second, first) : calendarDay(year, first, second);
}

/**
 * How a column of dates is written, from the whole column: a first number above 12 can only be a day
 * (day/month, as UK and EU spreadsheets write), a second above 12 only a day in month/day (US). When no
 * date tells, the file is ambiguous and the librarian chooses; a column that holds both is refused.
 */
export function readDates(stamps: string[], chosen?: DateOrder): SurveyDatesRead {
  let numeric = 0;
  let dayFirstSeen: string | null = null;
  let monthFirstSeen: string | null = null;
  let example: string | null = null;
  for (const stamp of stamps) {
    const text = stamp.trim();
    if (ISO.test(text)) {
      example ??= text;
      continue;
    }
    const match = NUMERIC.exec(text);
    if (!match) continue;
    numeric += 1;
    example = numeric === 1 ? text : example;
    if (Number(match[1]) > 12) dayFirstSeen ??= text;
    if (Number(match[2]) > 12) monthFirstSeen ??= text;
  }
  if (!numeric) return { format: example ? 'iso' : null, chosen: false, ambiguous: false, mixed: null, example };
  if (dayFirstSeen && monthFirstSeen) {
    return { format: null, chosen: false, ambiguous: false, mixed: { dayFirst: dayFirstSeen, monthFirst: monthFirstSeen }, example };
  }
  if (chosen) {
    const contradicted = (chosen === 'day_first' && monthFirstSeen) || (chosen === 'month_first' && dayFirstSeen);
    if (!contradicted) return { format: chosen, chosen: true, ambiguous: false, mixed: null, example };
  }
  if (dayFirstSeen) return { format: 'day_first', chosen: false, ambiguous: false, mixed: null, example: dayFirstSeen };
  if (monthFirstSeen) return { format: 'month_first', chosen: false, ambiguous: false, mixed: null, example: monthFirstSeen };
  return { format: null, chosen: false, ambiguous: true, mixed: null, example };
}

/** What the preview says about the dates, in words, when there is something to say. */
export function datesProblem(dates: SurveyDatesRead): string | null {
  if (dates.mixed) {
    return `The dates are written in two ways ("${dates.mixed.dayFirst}" is day/month, "${dates.mixed.monthFirst}" is month/day). Export the file again from one spreadsheet and import that.`;
  }
  if (dates.ambiguous) {
    return `The dates could be read two ways ("${dates.example}" could be day/month or month/day). Choose how this file writes dates before importing.`;
  }
  return null;
}
