import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A link token that names one person and proves it came from us: `<userId>.<HMAC-SHA256>`, keyed by
 * SECRET_KEY with a purpose label. Not a JWT on purpose: the session guard accepts any JWT signed
 * with SECRET_KEY, and an unsubscribe link must never work as a sign-in.
 */
const PURPOSE = 'r2c/digest-unsubscribe/v1';
const USER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const signatureOf = (userId: string, secret: string) => createHmac('sha256', secret).update(`${PURPOSE}:${userId.toLowerCase()}`).digest();

export function unsubscribeToken(userId: string, secret: string): string {
  return `${userId}.${signatureOf(userId, secret).toString('base64url')}`;
}

/** The person a token names, or null when it was not signed by us (changed, cut short, another key). */
export function verifyUnsubscribeToken(token: string, secret: string): string | null {
  const [userId, signature, ...rest] = token.split('.');
  if (rest.length || !userId || !signature || !USER_ID.test(userId) || !/^[\w-]+$/.test(signature)) return null;
  // Compared as text: base64url decoding ignores some changed last characters, the text does not.
  const given = Buffer.from(signature);
  const expected = Buffer.from(signatureOf(userId, secret).toString('base64url'));
  return given.length === expected.length && timingSafeEqual(given, expected) ? userId.toLowerCase() : null;
}

export function unsubscribeUrl(appUrl: string, userId: string, secret: string): string {
  return `${appUrl}/api/v1/unsubscribe?token=${encodeURIComponent(unsubscribeToken(userId, secret))}`;
}

/** The page behind "how often" in a digest email: the same signed token, since it names the same person for the same mail. */
export function digestPreferencesUrl(appUrl: string, userId: string, secret: string): string {
  return `${appUrl}/api/v1/digest-preferences?token=${encodeURIComponent(unsubscribeToken(userId, secret))}`;
}
