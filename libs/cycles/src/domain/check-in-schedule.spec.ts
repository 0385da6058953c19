import { checkInDueOn, dueDatesUntil } from './check-in-schedule';

describe('check-in schedule', () => {
  it('counts the cadence from the start date when there is no check-in yet', () => {
    expect(checkInDueOn(null, '2026-03-02', 14, 'America/New_York')).toBe('2026-03-16');
  });

  it('counts from the latest check-in’s date in the library’s own time zone', () => {
    // 03:00 UTC on the 10th is still the evening of the 9th in Honolulu
    const at = new Date('2026-03-10T03:00:00Z');
    expect(checkInDueOn(at, '2026-03-02', 7, 'Pacific/Honolulu')).toBe('2026-03-16');
    expect(checkInDueOn(at, '2026-03-02', 7, 'America/New_York')).toBe('2026-03-16');
    expect(checkInDueOn(at, '2026-03-02', 7, 'Europe/Berlin')).toBe('2026-03-17');
  });

  it('lists every due date up to a limit', () => {
    expect(dueDatesUntil('2026-03-16', 14, '2026-04-30')).toEqual(['2026-03-16', '2026-03-30', '2026-04-13', '2026-04-27']);
  });
});
