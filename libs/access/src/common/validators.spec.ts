import { DateTime } from 'luxon';
import { isCalendarDate } from './validators';

describe('isCalendarDate', () => {
  it('takes real dates and refuses impossible ones', () => {
    for (const date of ['2026-12-02', '2028-02-29', '2000-02-29', '2026-01-31', '2026-04-30']) expect(isCalendarDate(date)).toBe(true);
    for (const date of [
      '2026-02-29',
      '1900-02-29',
      '2026-02-30',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '2026-1-01',
      '02-12-2026',
      '2026-12-02T00:00',
      '',
    ]) {
      expect(isCalendarDate(date)).toBe(false);
    }
  });

  it('agrees with luxon on every day of four years around a leap year and a century', () => {
    for (const year of [1900, 2000, 2027, 2028]) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 0; day <= 32; day++) {
          const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          expect(isCalendarDate(text)).toBe(DateTime.fromISO(text).isValid);
        }
      }
    }
  });
});
