import { parse } from 'csv-parse/sync';
import { isEmail } from 'class-validator';

/** The most data lines (after the header) one import takes. */
export const MAX_IMPORT_LINES = 5000;

export interface SubscriberLine {
  /** The line number as a spreadsheet shows it: the header is line 1. */
  line: number;
  email: string;
  name: string;
}

export interface LineProblem {
  line: number;
  problem: string;
}

export interface SubscriberSheet {
  people: SubscriberLine[];
  invalid: LineProblem[];
}

/** The whole file cannot be used (no header, too many lines, not CSV): one message, no lines. */
export class UnusableSubscriberCsv extends Error {}

/**
 * Excel saves "CSV" with `;` where the decimal comma is used: the header line tells which (the header
 * is `email` and `name`, so it holds exactly one separator).
 */
function separatorOf(text: string): ',' | ';' {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  return header.includes(';') && !header.includes(',') ? ';' : ',';
}

/**
 * Reads a subscriber list: a header row naming `email` and `name` (any order, any case), then one
 * person a line. A BOM is dropped, cells are trimmed, emails lower-cased, blank lines skipped. Every
 * line's problem is reported, each with the line number a spreadsheet shows.
 */
export function readSubscriberCsv(csv: string): SubscriberSheet {
  const text = csv.replace(/^\uFEFF/, '');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter: separatorOf(text), relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as typeof records;
  } catch (error) {
    const lines = (error as { lines?: unknown } | null)?.lines;
    throw new UnusableSubscriberCsv(`The text cannot be read as CSV${typeof lines === 'number' ? ` (line ${lines})` : ''}: check its quotes.`);
  }
  const [header, ...rows] = records;
  const names = (header?.record ?? []).map((h) => h.trim().toLowerCase());
  const emailAt = names.indexOf('email');
  const nameAt = names.indexOf('name');
  if (emailAt < 0 || nameAt < 0) {
    throw new UnusableSubscriberCsv('The first line must be the header row naming the columns email and name (in any order), such as: email,name');
  }
  const filled = rows.filter((r) => r.record.some((cell) => cell.trim() !== ''));
  if (filled.length > MAX_IMPORT_LINES) {
    throw new UnusableSubscriberCsv(
      `One import takes at most ${MAX_IMPORT_LINES.toLocaleString('en-US')} lines; this one has ${filled.length.toLocaleString('en-US')}. Split it into smaller files.`,
    );
  }
  const people: SubscriberLine[] = [];
  const invalid: LineProblem[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { record, info } of filled) {
    // csv-parse counts the line a record ends on; a quoted cell may span several lines.
    const line = info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    const email = (record[emailAt] ?? '').trim().toLowerCase();
    const name = (record[nameAt] ?? '').trim().replace(/\s+/g, ' ');
    const problems: string[] = [];
    if (email === '') problems.push('an email is missing');
    else if (email.length > 320 || !isEmail(email)) problems.push('not an email address');
    else if (firstLineOf.has(email)) problems.push(`the same email as line ${firstLineOf.get(email)}`);
    if (name === '') problems.push('a name is missing');
    else if (name.length > 200) problems.push('the name is longer than 200 characters');
    if (email !== '' && !firstLineOf.has(email)) firstLineOf.set(email, line);
    if (problems.length) invalid.push({ line, problem: problems.join('; ') });
    else people.push({ line, email, name });
  }
  if (!people.length && !invalid.length) throw new UnusableSubscriberCsv('The list has a header row but nobody on it.');
  return { people, invalid };
}
