/**
 * RFC 5545 §3.1: content lines are folded at 75 octets, not characters, and a fold never splits a
 * UTF-8 sequence. The `ics` package folds by characters, so a title in Spanish or with an emoji gave
 * lines of up to 300 octets; its output is unfolded and folded again here.
 */
const MAX_OCTETS = 75;

export function foldByOctets(calendar: string): string {
  const unfolded = calendar.replace(/\r\n[ \t]/g, '');
  return unfolded
    .split('\r\n')
    .map((line) => foldLine(line))
    .join('\r\n');
}

function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = MAX_OCTETS - 1; // the leading space of a continuation line counts
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** TEXT value escaping (RFC 5545 §3.3.11), for properties the `ics` package writes without it (X-WR-CALNAME). */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}
