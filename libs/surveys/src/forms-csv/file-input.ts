import { stringify } from 'csv-stringify/sync';
import { decode } from 'iconv-lite';
import type { CellValue } from 'exceljs';
import type { SurveyFileRead } from '@r2c/contracts';

export type { SurveyFileRead } from '@r2c/contracts';

/** exceljs, loaded on the first workbook: it is 8 MB of heap that an API importing no workbook never needs. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const exceljs = (): typeof import('exceljs') => require('exceljs') as typeof import('exceljs');

/** One of the three ways a responses file arrives; the DTO checks each, this says which was sent. */
export interface SurveyFileInput {
  csv?: string;
  /** The .csv file's bytes, base64: lets the API tell UTF-8 from Excel's Windows-1252. */
  csvFile?: string;
  /** A Microsoft Forms (or any) .xlsx workbook, base64; its first sheet is read. */
  xlsx?: string;
}

/** A file that cannot be read at all, with the field it came in. */
export class UnreadableFile extends Error {
  constructor(
    message: string,
    readonly field: 'csv' | 'csvFile' | 'xlsx',
  ) {
    super(message);
  }
}

/** Uncompressed size a workbook may claim: far above any Forms export, far below what would exhaust memory. */
const MAX_WORKBOOK_BYTES = 20 * 1024 * 1024;
const REPLACEMENT = '\uFFFD';

const unreadableLines = (text: string): number[] =>
  text
    .split(/\r\n|\n|\r/)
    .map((line, at) => (line.includes(REPLACEMENT) ? at + 1 : 0))
    .filter(Boolean);

/** The file as CSV text, and how it was read. */
export async function responsesText(input: SurveyFileInput): Promise<{ text: string; file: SurveyFileRead }> {
  const sent = (['csv', 'csvFile', 'xlsx'] as const).filter((field) => input[field] !== undefined);
  if (sent.length !== 1) {
    throw new UnreadableFile('Send the responses once: as csv (text), csvFile (a .csv file in base64) or xlsx (an .xlsx workbook in base64).', 'csv');
  }
  if (input.xlsx !== undefined) {
    const text = await workbookAsCsv(Buffer.from(input.xlsx, 'base64'));
    return { text, file: { kind: 'xlsx', encoding: 'utf-8', unreadableLines: unreadableLines(text) } };
  }
  if (input.csvFile !== undefined) {
    const { text, encoding } = decodeCsv(Buffer.from(input.csvFile, 'base64'));
    return { text, file: { kind: 'csv', encoding, unreadableLines: unreadableLines(text) } };
  }
  const text = input.csv!;
  return { text, file: { kind: 'csv', encoding: 'utf-8', unreadableLines: unreadableLines(text) } };
}

/** UTF-8 when the bytes are valid UTF-8 (with or without a byte-order mark); otherwise Windows-1252, as Excel on Windows saves CSV. */
export function decodeCsv(bytes: Buffer): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Node's TextDecoder reads this label as Latin-1 (0x92 becomes a control character, not ’).
    return { text: decode(bytes, 'windows-1252'), encoding: 'windows-1252' };
  }
}

/** The first worksheet as CSV text: dates as 2026-03-02 14:05:00, numbers as written, formulas by their results. */
export async function workbookAsCsv(bytes: Buffer): Promise<string> {
  const claimed = uncompressedSize(bytes);
  if (claimed === null) throw new UnreadableFile('The file is not an Excel workbook (.xlsx). Save it as .xlsx or CSV and choose it again.', 'xlsx');
  if (claimed > MAX_WORKBOOK_BYTES) {
    throw new UnreadableFile('The workbook is too large to read (over 20 MB unpacked). Save the responses sheet on its own as CSV and import that.', 'xlsx');
  }
  const workbook = new (exceljs().Workbook)();
  try {
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    throw new UnreadableFile('The workbook cannot be read. Open it in Excel, save it again as .xlsx (or as CSV) and choose it again.', 'xlsx');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.actualRowCount === 0) throw new UnreadableFile('The workbook’s first sheet is empty: the responses must be on the first sheet.', 'xlsx');
  const width = sheet.columnCount;
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    rows.push(Array.from({ length: width }, (_, at) => cellText(row.getCell(at + 1).value)));
  });
  return stringify(rows);
}

const pad = (n: number) => String(n).padStart(2, '0');

function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Excel keeps a date without a zone; exceljs hands it over as that wall-clock time in UTC.
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())} ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}`;
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((run) => run.text).join('');
    if ('result' in value) return cellText(value.result ?? null);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

/**
 * The total uncompressed size a zip archive declares in its central directory, or null when the bytes
 * are not a zip. Read before unpacking, so a small file that unpacks to gigabytes is refused first.
 */
export function uncompressedSize(bytes: Buffer): number | null {
  const END_SIGNATURE = 0x06054b50;
  const ENTRY_SIGNATURE = 0x02014b50;
  const searchFrom = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let at = bytes.length - 22; at >= searchFrom; at--) {
    if (bytes.readUInt32LE(at) === END_SIGNATURE) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  const entries = bytes.readUInt16LE(end + 10);
  let offset = bytes.readUInt32LE(end + 16);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== ENTRY_SIGNATURE) return null;
    const size = bytes.readUInt32LE(offset + 24);
    // 0xFFFFFFFF means a ZIP64 size: more than a Forms export could ever need.
    if (size === 0xffffffff) return Number.MAX_SAFE_INTEGER;
    total += size;
    offset += 46 + bytes.readUInt16LE(offset + 28) + bytes.readUInt16LE(offset + 30) + bytes.readUInt16LE(offset + 32);
  }
  return total;
}
