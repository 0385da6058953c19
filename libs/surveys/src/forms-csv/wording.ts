/** What may close a question without making it another one, once spaces are single. */
const CLOSING = ' .?!:;*"\'';

/** `text` without the closing characters at its end: a scan back, where a pattern would retry from every start. */
function withoutClosing(text: string): string {
  let end = text.length;
  while (end > 0 && CLOSING.includes(text[end - 1])) end -= 1;
  return text.slice(0, end);
}

/**
 * A question's wording compared the way a person would: case, curly quotes, spacing, a leading
 * number ("3. ", "Q3) ") and closing punctuation or a required-mark do not make it another question.
 */
export function normalisedWording(text: string): string {
  const spaced = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201F\u2033]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/^\s*(?:q\s*)?\d{1,3}\s*[.):-]\s+/, '')
    .replace(/\s+/g, ' ');
  return withoutClosing(spaced)
    .replace(/^[\s"']+/, '')
    .trim();
}
