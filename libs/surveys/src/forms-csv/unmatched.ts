import type { ColumnPreview } from '@r2c/contracts';
import { readAnswer } from './answers';
import type { Sheet } from './forms-csv';

/** Share of a column's answers that must read as scale points for it to look like a survey statement. */
const MOSTLY = 0.8;

/**
 * Columns that hold scale answers ("Agree", "4") but are mapped to no item: a statement whose header
 * did not match (reworded in the form, or a character lost to the wrong encoding). The preview names
 * them, so "ready" never hides a question that will be left out.
 */
export function unmatchedAnswerColumns(sheet: Sheet, columns: ColumnPreview[], scaleLabels: string[]): ColumnPreview[] {
  return columns.filter((column) => {
    if (column.itemId !== null || column.privacy || column.answered === 0) return false;
    if (column.header.trim().split(/\s+/).length < 3) return false; // an ID or a score column, not a statement
    let onScale = 0;
    let answered = 0;
    for (const row of sheet.rows) {
      const answer = readAnswer(row.cells[column.index] ?? '', scaleLabels);
      if (answer === null) continue;
      answered += 1;
      if ('value' in answer) onScale += 1;
    }
    return answered > 0 && onScale / answered >= MOSTLY;
  });
}
