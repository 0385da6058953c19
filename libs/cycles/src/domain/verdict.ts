/**
 * The answer of every domain rule. A refusal carries a sentence a librarian can act on and, when an
 * input is at fault, the field it concerns (`field` is the first; `fields` lists all of them) so a UI
 * can show the reason beside it and the API can name each one in `details`.
 */
export type Verdict = { allowed: true } | { allowed: false; reason: string; field?: string; fields?: string[] };

export const ALLOWED: Verdict = Object.freeze({ allowed: true });

export function refuse(reason: string, fields: string[] = []): Verdict {
  if (fields.length === 0) return { allowed: false, reason };
  return { allowed: false, reason, field: fields[0], fields };
}

/** "a", "a and b", "a, b and c": how the reasons list everything that is missing in one sentence. */
export function listInWords(items: string[], conjunction: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

export function isBlank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim() === '';
}
