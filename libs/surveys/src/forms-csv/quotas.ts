import { ALLOWED, refuse } from '@r2c/cycles';
import type { Verdict } from '@r2c/cycles';
import type { Sheet } from './forms-csv';

/** Rows (responses) one file may bring: a large programme's survey, well under what slows the preview. */
export const MAX_ROWS_PER_IMPORT = 5_000;
/** Imported rows one cycle may hold, all its imports together. */
export const MAX_ROWS_PER_CYCLE = 20_000;
/** Columns of a file: a Forms export has one per question; the mapping's column numbers stop at 999. */
export const MAX_COLUMNS = 1_000;

const count = (n: number) => n.toLocaleString('en-US');

/** Whether one file is small enough to read: its columns, then its rows after the header. */
export function fileWithinQuota(sheet: Sheet): Verdict {
  if (sheet.headers.length > MAX_COLUMNS) {
    return refuse(
      `This file has ${count(sheet.headers.length)} columns; a survey file may have at most ${count(MAX_COLUMNS)}. Keep the timestamp and the survey's questions, remove the other columns, and try again.`,
      ['csv'],
    );
  }
  const rows = sheet.rowsInFile ?? sheet.rows.length;
  if (rows > MAX_ROWS_PER_IMPORT) {
    return refuse(
      `This file has ${count(rows)} answer rows; one import takes at most ${count(MAX_ROWS_PER_IMPORT)}. ` +
        `Split the file into parts of at most ${count(MAX_ROWS_PER_IMPORT)} rows, each with the header row, and import them one after the other.`,
      ['csv'],
    );
  }
  return ALLOWED;
}

/** Whether a cycle that already holds `imported` rows may take `adding` more. */
export function cycleWithinQuota(cycle: { number: number; imported: number }, adding: number): Verdict {
  if (cycle.imported + adding <= MAX_ROWS_PER_CYCLE) return ALLOWED;
  return refuse(
    `Cycle ${cycle.number} already holds ${count(cycle.imported)} imported answer rows and this file adds ${count(adding)}; one cycle takes at most ${count(MAX_ROWS_PER_CYCLE)}. ` +
      'Import these answers into the next cycle.',
    ['csv'],
  );
}
