/**
 * Raw query results differ by driver: SQLite returns instants as 'YYYY-MM-DD HH:MM:SS.SSS' (UTC) and
 * dates as strings; PostgreSQL returns Date objects (DATE as local midnight).
 */
const SQLITE_INSTANT = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}$/;

export function rawInstant(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  const text = String(value);
  // SQLite's own shape is already the ISO instant but for the 'T' and the 'Z': no Date to build (a cycle page reads hundreds).
  if (SQLITE_INSTANT.test(text)) return `${text.slice(0, 10)}T${text.slice(11)}Z`;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text.replace(' ', 'T') : `${text.replace(' ', 'T')}Z`).toISOString();
}

export function rawDate(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  }
  return String(value).slice(0, 10);
}

/** A JSON column as raw queries return it: text on SQLite, already parsed on PostgreSQL; null when empty. */
export function rawJson<T>(value: unknown): T | null {
  if (value === null || value === undefined || value === '') return null;
  return typeof value === 'string' ? (JSON.parse(value) as T) : (value as T);
}
