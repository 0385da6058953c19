import type { ProgrammeRow } from '@r2c/contracts';
import { sortProgramme } from './programme-sort';

const row = (libraryName: string, daysInPhase: number | null, overdueDays = 0): ProgrammeRow => ({
  initiativeId: libraryName,
  initiativeTitle: `Initiative of ${libraryName}`,
  libraryName,
  status: 'active',
  cycleId: null,
  cycleNumber: null,
  phase: null,
  daysInPhase,
  lastCheckInAt: null,
  overdueDays,
  nudges: { count: 0, words: [] },
  signals: { count: 0, words: [] },
});

const libraries = (rows: ProgrammeRow[]) => rows.map((r) => r.libraryName);

describe('sortProgramme', () => {
  const rows = [row('Bozeman', 3, 2), row('Anaconda', null, 9), row('Cody', 12, 2), row('Dillon', null, 0)];

  it('sorts numbers both ways, rows without a value last either way, ties by library', () => {
    expect(libraries(sortProgramme(rows, 'daysInPhase', 'asc'))).toEqual(['Bozeman', 'Cody', 'Anaconda', 'Dillon']);
    expect(libraries(sortProgramme(rows, 'daysInPhase', 'desc'))).toEqual(['Cody', 'Bozeman', 'Anaconda', 'Dillon']);
    expect(libraries(sortProgramme(rows, 'overdueDays', 'desc'))).toEqual(['Anaconda', 'Bozeman', 'Cody', 'Dillon']);
  });

  it('sorts words without regard to case', () => {
    const mixed = [row('bozeman', 1), row('Anaconda', 1), row('cody', 1)];
    expect(libraries(sortProgramme(mixed, 'library', 'asc'))).toEqual(['Anaconda', 'bozeman', 'cody']);
    expect(libraries(sortProgramme(mixed, 'library', 'desc'))).toEqual(['cody', 'bozeman', 'Anaconda']);
  });

  it('leaves the rows it was given as they were', () => {
    const before = libraries(rows);
    sortProgramme(rows, 'library', 'desc');
    expect(libraries(rows)).toEqual(before);
  });
});
