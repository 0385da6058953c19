import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The secret part of a person's calendar feed address: `<version>_<user id without dashes>_<HMAC-SHA256>`,
 * keyed by SECRET_KEY with its own purpose label, so it is never a sign-in or a digest link. Nothing
 * secret is stored: resetting the feed raises the stored version, and every older address stops working.
 */
const PURPOSE = 'r2c/calendar-feed/v1';
const TOKEN = /^([1-9]\d{0,8})_([0-9a-f]{32})_([\w-]{43})$/;

export interface CalendarFeedToken {
  userId: string;
  version: number;
}

const signatureOf = (userId: string, version: number, secret: string) =>
  createHmac('sha256', secret).update(`${PURPOSE}:${userId}:${version}`).digest('base64url');

const compact = (userId: string) => userId.toLowerCase().replace(/-/g, '');
const dashed = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

export function calendarFeedToken(userId: string, version: number, secret: string): string {
  const id = userId.toLowerCase();
  return `${version}_${compact(id)}_${signatureOf(id, version, secret)}`;
}

/** Who and which version a token names, or null when it was not signed by us (changed, cut short, another key). */
export function verifyCalendarFeedToken(token: string, secret: string): CalendarFeedToken | null {
  const parts = TOKEN.exec(token);
  if (!parts) return null;
  const version = Number(parts[1]);
  const userId = dashed(parts[2]);
  const expected = Buffer.from(signatureOf(userId, version, secret));
  const given = Buffer.from(parts[3]);
  return given.length === expected.length && timingSafeEqual(given, expected) ? { userId, version } : null;
}
