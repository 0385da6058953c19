/**
 * A question's wording compared the way a person would: case, curly quotes, spacing, a leading
 * number ("3. ", "Q3) ") and closing punctuation or a required-mark do not make it another question.
 */
export function normalisedWording(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201F\u2033]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/^\s*(?:q\s*)?\d{1,3}\s*[.):-]\s+/, '')
    .replace(/\s+/g, ' ')
    .replace(/[\s.?!:;*"']+$/, '')
    .replace(/^[\s"']+/, '')
    .trim();
}
