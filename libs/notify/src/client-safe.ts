/** The CSS inliner, loaded with the first email that has a style block (6 MB of heap most processes never need). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const juice = (): typeof import('juice') => require('juice') as typeof import('juice');

/** Plain-text lines are kept to this many characters, as mail clients and RFC 5322 expect; a longer word (a link) keeps its own line. */
export const TEXT_WIDTH = 78;

const STYLE_BLOCK = /<style[\s>]/i;

/**
 * Moves every CSS rule onto the elements it styles: Gmail, Outlook and most webmail drop a `<style>`
 * block. Media queries stay in one, as a bonus for the clients that honour them.
 */
export function inlineStyles(html: string): string {
  // Most emails (reminders, review notes, invitations) carry no style block: nothing to move, and parsing them cost a sixth of sending one.
  if (!STYLE_BLOCK.test(html)) return html;
  return juice()(html, { removeStyleTags: true, preserveMediaQueries: true, applyWidthAttributes: true, applyHeightAttributes: false });
}

const inlinedShared = new Map<string, string>();
const SHARED_KEPT = 4;

/** inlineStyles of a body many emails share (with slots for each one's links), worked out once per body. */
export function inlineStylesOfShared(html: string): string {
  let inlined = inlinedShared.get(html);
  if (inlined === undefined) {
    inlined = inlineStyles(html);
    inlinedShared.set(html, inlined);
    if (inlinedShared.size > SHARED_KEPT) inlinedShared.delete(inlinedShared.keys().next().value!);
  }
  return inlined;
}

/** Wraps each line at TEXT_WIDTH on spaces; a continued list item or quote keeps its marker's indent. */
export function wrapText(text: string, width = TEXT_WIDTH): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => wrapLine(line.trimEnd(), width))
    .join('\n');
}

function wrapLine(line: string, width: number): string {
  if (line.length <= width) return line;
  const lead = line.match(/^(\s*(?:[-*•]\s+|\d+[.)]\s+|>\s?)?)/)![1];
  const quote = /^\s*>/.test(lead);
  const hanging = quote ? lead : ' '.repeat(lead.length);
  const words = line.slice(lead.length).split(/ +/).filter(Boolean);
  const lines: string[] = [];
  let current = lead;
  for (const word of words) {
    const fresh = current === lead || current === hanging;
    if (!fresh && current.length + 1 + word.length > width) {
      lines.push(current);
      current = hanging + word;
    } else current = fresh ? current + word : `${current} ${word}`;
  }
  lines.push(current);
  return lines.join('\n');
}
