import type { SurveyPeriod, SurveySplitPreview } from '@r2c/contracts';

export interface DatedResponse {
  line: number;
  /** YYYY-MM-DD, or null when the row has no readable date. */
  day: string | null;
}

/** Before the change: answered on a day before it. The change day itself counts as after. */
export function periodOfDay(day: string, changeDate: string): SurveyPeriod {
  return day < changeDate ? 'before' : 'after';
}

export function splitPreview(responses: DatedResponse[], changeDate: string): SurveySplitPreview {
  let [before, after, undated] = [0, 0, 0];
  for (const { day } of responses) {
    if (day === null) undated += 1;
    else if (periodOfDay(day, changeDate) === 'before') before += 1;
    else after += 1;
  }
  return { changeDate, before, after, undated, spansChange: before > 0 && after > 0 };
}

/** The responses on each side of the change date; undated lines are returned for the refusal. */
export function splitByDate<T extends { line: number }>(
  responses: T[],
  dayOfLine: (line: number) => string | null,
  changeDate: string,
): { before: T[]; after: T[]; undatedLines: number[] } {
  const parts = { before: [] as T[], after: [] as T[], undatedLines: [] as number[] };
  for (const response of responses) {
    const day = dayOfLine(response.line);
    if (day === null) parts.undatedLines.push(response.line);
    else parts[periodOfDay(day, changeDate)].push(response);
  }
  return parts;
}
