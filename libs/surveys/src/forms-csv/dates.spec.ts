import { datesProblem, dayOf, readDates } from './dates';

describe('survey dates', () => {
  it('reads numeric dates in the order asked, and ISO dates always the same way', () => {
    expect(dayOf('02/03/2026 10:00', 'day_first')).toBe('2026-03-02');
    expect(dayOf('02/03/2026 10:00', 'month_first')).toBe('2026-02-03');
    expect(dayOf('16.03.2026 18:02', 'day_first')).toBe('2026-03-16');
    expect(dayOf('2026-03-02 10:00', 'day_first')).toBe('2026-03-02');
    expect(dayOf('16/03/2026', 'month_first')).toBeNull();
  });

  it('tells the order from the whole column', () => {
    expect(readDates(['02/03/2026 10:00', '16/03/2026 11:00'])).toMatchObject({ format: 'day_first', ambiguous: false, example: '16/03/2026 11:00' });
    expect(readDates(['3/2/2026', '3/16/2026'])).toMatchObject({ format: 'month_first', ambiguous: false });
    expect(readDates(['2026-03-02 10:00'])).toMatchObject({ format: 'iso', ambiguous: false });
    expect(readDates([])).toMatchObject({ format: null, ambiguous: false, mixed: null });
  });

  it('calls a column where every number is 12 or less ambiguous until the librarian chooses', () => {
    const dates = readDates(['02/03/2026', '05/03/2026']);
    expect(dates).toMatchObject({ format: null, ambiguous: true });
    expect(datesProblem(dates)).toMatch(/could be read two ways \("02\/03\/2026" could be day\/month or month\/day\)/);
    expect(readDates(['02/03/2026', '05/03/2026'], 'day_first')).toMatchObject({ format: 'day_first', chosen: true, ambiguous: false });
  });

  it('refuses a choice the dates contradict, and a column written both ways', () => {
    expect(readDates(['16/03/2026'], 'month_first')).toMatchObject({ format: 'day_first', chosen: false });
    const mixed = readDates(['16/03/2026', '03/16/2026']);
    expect(mixed.mixed).toEqual({ dayFirst: '16/03/2026', monthFirst: '03/16/2026' });
    expect(datesProblem(mixed)).toMatch(/written in two ways/);
  });
});
