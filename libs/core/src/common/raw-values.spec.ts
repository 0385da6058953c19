import { rawDate, rawInstant, rawJson } from './raw-values';

describe('raw values as the drivers return them', () => {
  it('reads an SQLite instant as the same ISO instant a Date would give', () => {
    for (const text of ['2026-11-30 23:59:59.999', '2024-02-29 00:00:00.000', '1999-01-01 12:34:56.789']) {
      expect(rawInstant(text)).toBe(new Date(`${text.replace(' ', 'T')}Z`).toISOString());
    }
  });

  it('reads instants of other shapes through a Date: with a zone, without milliseconds, PostgreSQL Date objects', () => {
    expect(rawInstant('2026-11-30 23:59:59')).toBe('2026-11-30T23:59:59.000Z');
    expect(rawInstant('2026-11-30T23:59:59.5+02:00')).toBe('2026-11-30T21:59:59.500Z');
    expect(rawInstant(new Date('2026-11-30T10:00:00.000Z'))).toBe('2026-11-30T10:00:00.000Z');
    expect(rawInstant(null)).toBeNull();
  });

  it('reads dates and JSON columns', () => {
    expect(rawDate('2026-11-30')).toBe('2026-11-30');
    expect(rawDate(new Date(2026, 10, 30))).toBe('2026-11-30');
    expect(rawJson<{ a: number }>('{"a":1}')).toEqual({ a: 1 });
    expect(rawJson({ a: 1 })).toEqual({ a: 1 });
    expect(rawJson('')).toBeNull();
  });
});
