import type { ProgrammeRow, ProgrammeSort } from '@r2c/contracts';

type Key = string | number | null;

const KEYS: Record<ProgrammeSort, (r: ProgrammeRow) => Key> = {
  library: (r) => r.libraryName.toLowerCase(),
  initiative: (r) => r.initiativeTitle.toLowerCase(),
  cycleNumber: (r) => r.cycleNumber,
  phase: (r) => r.phase,
  daysInPhase: (r) => r.daysInPhase,
  lastCheckIn: (r) => r.lastCheckInAt,
  overdueDays: (r) => r.overdueDays,
  nudges: (r) => r.nudges.count,
  signals: (r) => r.signals.count,
};

function compare(a: Key, b: Key): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

/** Rows by one column in either direction; rows without a value go last either way, ties by library then initiative. */
export function sortProgramme(rows: ProgrammeRow[], sort: ProgrammeSort, direction: 'asc' | 'desc'): ProgrammeRow[] {
  const key = KEYS[sort];
  const sign = direction === 'asc' ? 1 : -1;
  const tieBreak = (a: ProgrammeRow, b: ProgrammeRow) => a.libraryName.localeCompare(b.libraryName) || a.initiativeTitle.localeCompare(b.initiativeTitle);
  return [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === null || kb === null) return ka === kb ? tieBreak(a, b) : ka === null ? 1 : -1;
    return sign * compare(ka, kb) || tieBreak(a, b);
  });
}
