import { cycleWithinQuota, fileWithinQuota, MAX_COLUMNS, MAX_ROWS_PER_CYCLE, MAX_ROWS_PER_IMPORT } from './quotas';
import type { Sheet } from './forms-csv';

const sheet = (columns: number, rows: number): Sheet => ({
  headers: Array.from({ length: columns }, (_, i) => `Q${i}`),
  rows: Array.from({ length: rows }, (_, i) => ({ line: i + 2, cells: ['4'] })),
});

describe('import quotas', () => {
  it('names the caps: 5,000 rows per import, 20,000 per cycle, 1,000 columns', () => {
    expect([MAX_ROWS_PER_IMPORT, MAX_ROWS_PER_CYCLE, MAX_COLUMNS]).toEqual([5000, 20000, 1000]);
  });

  const files: [string, Sheet, string | null][] = [
    ['one row', sheet(2, 1), null],
    ['exactly 5,000 rows and 1,000 columns', sheet(MAX_COLUMNS, MAX_ROWS_PER_IMPORT), null],
    [
      '5,214 rows',
      sheet(2, 5214),
      'This file has 5,214 answer rows; one import takes at most 5,000. Split the file into parts of at most 5,000 rows, each with the header row, and import them one after the other.',
    ],
    [
      '1,001 columns',
      sheet(1001, 1),
      "This file has 1,001 columns; a survey file may have at most 1,000. Keep the timestamp and the survey's questions, remove the other columns, and try again.",
    ],
  ];
  it.each(files)('a file of %s: %j', (_name, file, reason) => {
    expect(fileWithinQuota(file)).toEqual(reason === null ? { allowed: true } : { allowed: false, reason, field: 'csv', fields: ['csv'] });
  });

  const cycles: [number, number, boolean][] = [
    [0, 5000, true],
    [15000, 5000, true],
    [15000, 5001, false],
    [20000, 1, false],
  ];
  it.each(cycles)('a cycle holding %d rows, taking %d more: %s', (imported, adding, allowed) => {
    expect(cycleWithinQuota({ number: 2, imported }, adding).allowed).toBe(allowed);
  });

  it('says how many rows the cycle holds, how many the file adds and the cap', () => {
    expect(cycleWithinQuota({ number: 2, imported: 19500 }, 600)).toMatchObject({
      reason:
        'Cycle 2 already holds 19,500 imported answer rows and this file adds 600; one cycle takes at most 20,000. Import these answers into the next cycle.',
      field: 'csv',
    });
  });
});
