/**
 * Evidence is about programmes, not people: free text must not carry anyone's email address or phone
 * number. These patterns look for contact details only, and leave alone what librarians write all
 * the time: dates (2026-03-16, 3/16/2026), times (10:30), counts, years and ranges (2025-2026, 12-18).
 * Every quantifier is bounded, so a long hostile string costs linear time. The text is read as it
 * shows, so fullwidth or invisible characters do not hide an address or a number.
 */
export type PersonalContact = 'email address' | 'phone number';

const EMAIL = /[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,6}\.[a-z]{2,24}(?![a-z0-9-])/i;
/** "ana [at] example [dot] org", "ana (at) example (dot) org", "ana at example dot org". */
const SPELLED_EMAIL =
  /\b[a-z0-9._%+-]{1,64} ?[[(] ?at ?[\])] ?[a-z0-9-]{1,63} ?[[(] ?dot ?[\])] ?[a-z]{2,24}\b|\b[a-z0-9._%+-]{1,64} at [a-z0-9-]{1,63} dot (?:com|org|net|edu|gov|us|info|io|co)\b/i;

/**
 * North American numbers: (503) 555-0199, 503-555-0199, 503.555.0199, 503 555 0199, 5035550199,
 * +1 503 555 0199, 1-503-555-0199. The area code never starts with 0 or 1, which keeps years and
 * dates out; nothing may touch the number on either side but a non-digit.
 */
const NORTH_AMERICAN = /(?<![\d/.,-])(?:\+?1[ .-]?)?(?:\( ?[2-9]\d{2} ?\)|[2-9]\d{2})[ .-]?\d{3}[ .-]?\d{4}(?![\d/:]|[.,]\d)/;
/** +44 20 7946 0958, +33 1 42 68 53 00, +49 (30) 123456: a plus, then 8 to 15 digits. */
const INTERNATIONAL = /(?<![\w+])\+\d(?:[ .()-]{0,2}\d){7,14}(?!\d)/;
/** A seven-digit local number (555-0199) only right after a word that says it is one: a range like 250-1000 is not. */
const LOCAL_WITH_CONTEXT =
  /\b(?:call|calls|called|phone|phoned|tel|telephone|text|texted|cell|mobile|ph|fax)\b[^\d\n]{0,20}(?<!\d)\d{3}[ .-]\d{4}(?![\d/:]|[.,]\d)/i;

/** Characters that show nothing: a zero-width space, joiner or non-joiner, word joiner, byte-order mark, soft hyphen… */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u2060-\u2064\uFEFF]/g;

/**
 * The text as the patterns should read it: compatibility forms folded (fullwidth ＠ and digits become
 * @ and 0-9), invisible characters dropped, an ideographic full stop read as a dot.
 */
function plain(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(/\u3002/g, '.');
}

/** "ana @ example.org" read as "ana@example.org": the spaces on both sides of each @ dropped, one piece at a time. */
function closedUpAtSigns(text: string): string {
  return text
    .split('@')
    .map((piece, at) => (at > 0 ? piece.trimStart() : piece))
    .map((piece, at, pieces) => (at < pieces.length - 1 ? piece.trimEnd() : piece))
    .join('@');
}

/** The first kind of contact detail found in `text`, or null when there is none. */
export function findPersonalContact(given: string): PersonalContact | null {
  const text = plain(given);
  if (text.includes('@') && EMAIL.test(closedUpAtSigns(text))) return 'email address';
  if (SPELLED_EMAIL.test(text)) return 'email address';
  if (NORTH_AMERICAN.test(text) || INTERNATIONAL.test(text) || LOCAL_WITH_CONTEXT.test(text)) return 'phone number';
  return null;
}

/** The sentence a librarian reads when a field is refused: what was found and why it may not be kept. */
export function personalContactReason(field: string, found: PersonalContact): string {
  return (
    `${field} contains ${found === 'email address' ? 'an' : 'a'} ${found}. Evidence is about programmes, not people, so the tracker keeps ` +
    'no one’s contact details: leave it out and describe the person instead (for example "a parent at story time").'
  );
}
