/**
 * Patron privacy in an import: evidence is about programmes, not people. A column that looks like
 * names, email addresses or phone numbers is flagged in the preview and can never be imported.
 */
import type { PrivacyFlag } from '@r2c/contracts';

export { PERSONAL_DATA_KINDS } from '@r2c/contracts';
export type { PersonalDataKind, PrivacyFlag } from '@r2c/contracts';

/** A whole cell that is a phone number: 7 to 15 digits with the usual separators. */
const PHONE = /^\+?[\d\s().\-/]{7,22}$/;
const digitsIn = (text: string) => text.replace(/\D/g, '').length;

const NOT_IN_ADDRESS = /[\s@<>(),;:"]/;
const inAddress = (ch: string | undefined) => ch !== undefined && !NOT_IN_ADDRESS.test(ch);
const isLetter = (ch: string | undefined) => ch !== undefined && /[a-z]/i.test(ch);

/**
 * Something@domain.tld anywhere in the text. It scans from each @ to the end of the address after it
 * (the next @ is past that end, so the text is read once); a pattern tried from every start instead.
 */
export function looksLikeEmail(text: string): boolean {
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    if (!inAddress(text[at - 1])) continue;
    for (let i = at + 1; inAddress(text[i]); i += 1) {
      if (i > at + 1 && text[i] === '.' && isLetter(text[i + 1]) && isLetter(text[i + 2])) return true;
    }
  }
  return false;
}
export const looksLikePhone = (text: string): boolean => PHONE.test(text.trim()) && digitsIn(text) >= 7 && digitsIn(text) <= 15;

const EMAIL_HEADER = /\be-?mail\b/i;
const PHONE_HEADER = /\b(phone|mobile|cell(phone)?|telephone|tel|whats\s?app|sms)\b/i;
/** A short header that asks for a name ("Name", "Your name", "Last name", "Respondent's name"), not a question that mentions one. */
const NAME_HEADER =
  /^(?:(?:your|full|first|last|given|family|respondent'?s?|participant'?s?|preferred)\s+){0,2}(?:name|surname)\b(?:\s*\(optional\))?\s*[:*]?$/i;

/** How many answers that look personal make a whole column personal: one in five. */
const SHARE = 0.2;

export function privacyFlag(header: string, values: string[]): PrivacyFlag | null {
  const title = header.trim();
  if (EMAIL_HEADER.test(title)) return { kind: 'email', reason: `"${title}" asks for email addresses` };
  if (PHONE_HEADER.test(title)) return { kind: 'phone', reason: `"${title}" asks for phone numbers` };
  if (NAME_HEADER.test(title)) return { kind: 'name', reason: `"${title}" asks for names` };
  const answered = values.map((v) => v.trim()).filter(Boolean);
  if (!answered.length) return null;
  const emails = answered.filter(looksLikeEmail).length;
  if (emails / answered.length >= SHARE) return { kind: 'email', reason: `${emails} of its ${answered.length} answers look like email addresses` };
  const phones = answered.filter(looksLikePhone).length;
  if (phones / answered.length >= SHARE) return { kind: 'phone', reason: `${phones} of its ${answered.length} answers look like phone numbers` };
  return null;
}
