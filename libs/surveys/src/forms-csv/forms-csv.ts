import { parse } from 'csv-parse/sync';
import { normalisedWording } from './wording';
import { privacyFlag } from './privacy';
import type { ColumnPreview, FormsSource, MatchKind } from '@r2c/contracts';

export { FORMS_SOURCES } from '@r2c/contracts';
export type { ColumnPreview, FormsSource, MatchKind } from '@r2c/contracts';

export const SOURCE_NAMES: Record<FormsSource, string> = { google_forms: 'Google Forms', microsoft_forms: 'Microsoft Forms', csv: 'CSV' };

export interface SheetRow {
  /** Line of the file where the row starts (the header row is line 1). */
  line: number;
  cells: string[];
}

export interface Sheet {
  headers: string[];
  rows: SheetRow[];
  /** Set when the file has more rows than were read (see `readSheet`): how many it has. */
  rowsInFile?: number;
}

/** A file that cannot be read as CSV at all; `line` is where the reader gave up. */
export class UnreadableCsv extends Error {
  constructor(
    message: string,
    readonly line: number | null,
  ) {
    super(message);
  }
}

const DELIMITERS = [',', ';', '\t'] as const;

/** Forms export commas; a spreadsheet saved in some locales uses semicolons or tabs. The header row decides. */
function delimiterOf(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0].replace(/"[^"]*"/g, '');
  let best: string = ',';
  let most = 0;
  for (const delimiter of DELIMITERS) {
    const count = firstLine.split(delimiter).length - 1;
    if (count > most) [best, most] = [delimiter, count];
  }
  return best;
}

/** Rows of a file as the CSV reader counts them (blank lines left out, a quoted line break kept in its row), by one scan. */
export function rowsIn(text: string): number {
  let records = 0;
  let quoted = false;
  let lineHasText = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === '\n' || ch === '\r')) {
      if (lineHasText) records += 1;
      lineHasText = false;
    } else if (ch !== '\uFEFF') lineHasText = true;
  }
  return Math.max(0, records + (lineHasText ? 1 : 0) - 1);
}

/**
 * The file's header and rows. At most `maxRows` rows are read: the reader is slow on rows shorter than
 * the header, and a file with more is refused anyway; `rowsInFile` then says how many it has.
 */
export function readSheet(text: string, maxRows = Infinity): Sheet {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    const to = Number.isFinite(maxRows) ? { to: maxRows + 2 } : {};
    records = parse(text, {
      bom: true,
      delimiter: delimiterOf(text.replace(/^\uFEFF/, '')),
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      ...to,
    }) as unknown as typeof records;
  } catch (error) {
    // csv-parse throws a CsvError, which tells the line it stopped on.
    const message = error instanceof Error ? error.message : String(error);
    const lines = (error as { lines?: unknown } | null)?.lines;
    throw new UnreadableCsv(
      `The file cannot be read as CSV: ${message.replace(/^[A-Za-z ]+:\s*/, '').trim() || message}`,
      typeof lines === 'number' ? lines : null,
    );
  }
  if (!records.length) throw new UnreadableCsv('The file is empty: export the responses as CSV with the header row.', null);
  // csv-parse counts the line a record ends on; a quoted answer may span several lines.
  const startLine = ({ record, info }: { record: string[]; info: { lines: number } }) =>
    info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
  const [header, ...rest] = records;
  return {
    headers: header.record.map((h) => h.trim()),
    rows: rest.map((r) => ({ line: startLine(r), cells: r.record })),
    ...(rest.length > maxRows ? { rowsInFile: rowsIn(text) } : {}),
  };
}

export function sourceOf(headers: string[]): FormsSource {
  const names = new Set(headers.map((h) => h.trim().toLowerCase()));
  if (names.has('start time') && names.has('completion time')) return 'microsoft_forms';
  if (headers[0]?.trim().toLowerCase() === 'timestamp') return 'google_forms';
  return 'csv';
}

const TIMESTAMP_HEADERS = new Set(['timestamp', 'completion time', 'submitted at', 'submission date']);

/** The column that dates each response, if the export has one. */
export function timestampColumn(headers: string[]): number | null {
  const index = headers.findIndex((h) => TIMESTAMP_HEADERS.has(h.trim().toLowerCase()));
  return index < 0 ? null : index;
}

export interface ItemWording {
  id: string;
  text: string;
}

/**
 * A Google Forms grid question exports one column per row: "How much do you agree? [I trust the library]".
 * The row is what lies between the header's closing "]" and the first "[" after any earlier "]".
 */
function bracketed(header: string): string | null {
  const text = header.trimEnd();
  if (!text.endsWith(']')) return null;
  const close = text.length - 1;
  const open = text.indexOf('[', text.lastIndexOf(']', close - 1) + 1);
  return open >= 0 && open < close - 1 ? text.slice(open + 1, close) : null;
}

function matchOf(header: string, item: ItemWording): MatchKind | null {
  const column = normalisedWording(header);
  const wording = normalisedWording(item.text);
  if (!wording) return null;
  if (column === wording) return 'exact';
  const inBrackets = bracketed(header);
  if (inBrackets !== null && normalisedWording(inBrackets) === wording) return 'bracketed';
  if (wording.length >= 8 && column.includes(wording)) return 'contains';
  return null;
}

const STRENGTH: Record<MatchKind, number> = { exact: 3, bracketed: 2, contains: 1 };

/**
 * Each column to at most one item and each item to at most one column, the closest wording first
 * (exact, then a grid row in brackets, then the item's words inside a longer header); a column that
 * looks like personal data is never matched.
 */
export function previewColumns(sheet: Sheet, items: ItemWording[]): ColumnPreview[] {
  // The answers each column holds, gathered row by row: a short row has nothing in the columns it lacks.
  const answers: string[][] = sheet.headers.map(() => []);
  for (const row of sheet.rows) {
    row.cells.forEach((cell, index) => {
      if (index < answers.length && cell.trim() !== '') answers[index].push(cell);
    });
  }
  const columns: ColumnPreview[] = sheet.headers.map((header, index) => {
    const values = answers[index];
    return { index, header, itemId: null, match: null, privacy: privacyFlag(header, values), answered: values.length };
  });
  const candidates = columns
    .filter((c) => !c.privacy)
    .flatMap((c) => items.map((item) => ({ column: c, item, match: matchOf(c.header, item) })))
    .filter((m): m is { column: ColumnPreview; item: ItemWording; match: MatchKind } => m.match !== null)
    .sort((a, b) => STRENGTH[b.match] - STRENGTH[a.match] || b.item.text.length - a.item.text.length || a.column.index - b.column.index);
  const taken = new Set<string>();
  for (const { column, item, match } of candidates) {
    if (column.itemId || taken.has(item.id)) continue;
    column.itemId = item.id;
    column.match = match;
    taken.add(item.id);
  }
  return columns;
}
