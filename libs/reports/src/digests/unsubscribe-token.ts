import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A link token that names one person, says until when it works, and proves it came from us:
 * `<userId>.<expiry, Unix seconds>.<HMAC-SHA256>`, keyed by SECRET_KEY with a purpose label. Not a JWT
 * on purpose: the session guard accepts any JWT signed with SECRET_KEY, and an unsubscribe link must
 * never work as a sign-in.
 */
const PURPOSE = 'r2c/digest-link/v2';
/** Links sent before links expired: `<userId>.<HMAC-SHA256>`; they work until LINK_DAYS after that upgrade. */
const PURPOSE_WITHOUT_EXPIRY = 'r2c/digest-unsubscribe/v1';
const USER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SECONDS = /^[1-9]\d{0,11}$/;

/** How long the links in a digest email work, counted from when it was compiled. */
export const DIGEST_LINK_DAYS = 90;

export interface DigestLinkToken {
  userId: string;
  /** null for a link sent before links expired. */
  expiresAt: Date | null;
}

const sign = (text: string, secret: string) => createHmac('sha256', secret).update(text).digest('base64url');
const signatureOf = (userId: string, seconds: string, secret: string) => sign(`${PURPOSE}:${userId.toLowerCase()}:${seconds}`, secret);

/** Compared as text: base64url decoding ignores some changed last characters, the text does not. */
function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function unsubscribeToken(userId: string, secret: string, expiresAt: Date): string {
  const seconds = String(Math.floor(expiresAt.getTime() / 1000));
  return `${userId}.${seconds}.${signatureOf(userId, seconds, secret)}`;
}

/** The person a token names and until when, or null when it was not signed by us (changed, cut short, another key). */
export function verifyUnsubscribeToken(token: string, secret: string): DigestLinkToken | null {
  const parts = token.split('.');
  const [userId] = parts;
  if (!userId || !USER_ID.test(userId) || !parts.slice(1).every((part) => /^[\w-]+$/.test(part))) return null;
  if (parts.length === 3) {
    const [, seconds, signature] = parts;
    if (!SECONDS.test(seconds) || !sameText(signature, signatureOf(userId, seconds, secret))) return null;
    return { userId: userId.toLowerCase(), expiresAt: new Date(Number(seconds) * 1000) };
  }
  if (parts.length === 2 && sameText(parts[1], sign(`${PURPOSE_WITHOUT_EXPIRY}:${userId.toLowerCase()}`, secret))) {
    return { userId: userId.toLowerCase(), expiresAt: null };
  }
  return null;
}

export function unsubscribeUrl(appUrl: string, userId: string, secret: string, expiresAt: Date): string {
  return `${appUrl}/api/v1/unsubscribe?token=${encodeURIComponent(unsubscribeToken(userId, secret, expiresAt))}`;
}

/** The page behind "how often" in a digest email: the same signed token, since it names the same person for the same mail. */
export function digestPreferencesUrl(appUrl: string, userId: string, secret: string, expiresAt: Date): string {
  return `${appUrl}/api/v1/digest-preferences?token=${encodeURIComponent(unsubscribeToken(userId, secret, expiresAt))}`;
}
