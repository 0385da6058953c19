import type { BadRow } from '@r2c/contracts';
import type { Sheet } from './forms-csv';
import { looksLikeEmail, looksLikePhone } from './privacy';
import { normalisedWording } from './wording';

/** The five points of the scale, from 1 to 5. */
export const SCALE_POINTS = [1, 2, 3, 4, 5] as const;
export const DEFAULT_SCALE_LABELS = ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'];

export interface MappedColumn {
  column: number;
  itemId: string;
  /** The column's header, for the reasons given about its answers. */
  header: string;
}

export interface Response {
  line: number;
  /** itemId → 1…5, only the items this response answered. */
  answers: Map<string, number>;
}

export type { BadRow } from '@r2c/contracts';

export interface ReadResponses {
  responses: Response[];
  badRows: BadRow[];
  /** Rows that answer none of the mapped items: not counted, not refused. */
  emptyLines: number[];
}

type Answer = { value: number } | { problem: string } | null;

/** An answer never goes back to the caller in full: a stray one may be a person's details. */
function shown(cell: string): string {
  if (looksLikeEmail(cell)) return 'what looks like an email address';
  if (looksLikePhone(cell)) return 'what looks like a phone number';
  const text = cell.trim().replace(/\s+/g, ' ');
  return `"${text.length > 40 ? `${text.slice(0, 39)}…` : text}"`;
}

/**
 * One cell read as a point of the 1–5 scale: "4", "4.0", "4 - Agree", "4 (Agree)", or a label of the
 * instrument's scale ("Agree"), as Forms write a linear scale, a grid or a Likert question. Blank is no answer.
 */
export function readAnswer(cell: string, scaleLabels: string[]): Answer {
  const text = cell.trim();
  if (!text) return null;
  const number = text.match(/^([1-5])(?:\.0+)?(?:\s*(?:[-–—:.)(]\s*)?\p{L}.*)?$/su);
  if (number) return { value: Number(number[1]) };
  const label = normalisedWording(text);
  const at = scaleLabels.findIndex((l) => normalisedWording(l) === label);
  if (at >= 0) return { value: at + 1 };
  return { problem: `${shown(text)} is not on the 1–5 scale` };
}

/** Every row's answers to the mapped items, and every row that cannot be imported with its line and reasons. */
export function readResponses(sheet: Sheet, mapping: MappedColumn[], scaleLabels: string[]): ReadResponses {
  const responses: Response[] = [];
  const badRows: BadRow[] = [];
  const emptyLines: number[] = [];
  const width = sheet.headers.length;
  for (const row of sheet.rows) {
    const reasons: string[] = [];
    if (row.cells.length !== width) reasons.push(`has ${row.cells.length} fields where the header row has ${width}`);
    const answers = new Map<string, number>();
    for (const { column, itemId, header } of mapping) {
      const answer = readAnswer(row.cells[column] ?? '', scaleLabels);
      if (answer === null) continue;
      if ('problem' in answer) reasons.push(`${answer.problem} (column ${column + 1}, "${header}")`);
      else answers.set(itemId, answer.value);
    }
    if (reasons.length) badRows.push({ line: row.line, reasons });
    else if (answers.size === 0) emptyLines.push(row.line);
    else responses.push({ line: row.line, answers });
  }
  return { responses, badRows, emptyLines };
}

export interface ItemTally {
  itemId: string;
  responses: number;
  mean: number;
  /** How many answered each point, 1 to 5. */
  distribution: Record<(typeof SCALE_POINTS)[number], number>;
}

export function tallyOf(itemId: string, responses: Response[]): ItemTally | null {
  const values = responses.flatMap((r) => (r.answers.has(itemId) ? [r.answers.get(itemId)!] : []));
  if (!values.length) return null;
  const distribution = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const v of values) distribution[v as 1 | 2 | 3 | 4 | 5] += 1;
  const mean = Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100;
  return { itemId, responses: values.length, mean, distribution };
}
