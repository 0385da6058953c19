import { createHmac } from 'node:crypto';
import { unsubscribeToken, unsubscribeUrl, verifyUnsubscribeToken } from './unsubscribe-token';

const SECRET = 'a-secret-key-of-at-least-32-characters!!';
const USER = '8c1e7b0a-5b8f-4f4e-9b7d-2f8d7a0e9a11';
const EXPIRES = new Date('2026-06-14T13:00:00Z');

describe('unsubscribe tokens', () => {
  it('names the person it was made for, and until when it works', () => {
    expect(verifyUnsubscribeToken(unsubscribeToken(USER, SECRET, EXPIRES), SECRET)).toEqual({ userId: USER, expiresAt: EXPIRES });
  });

  it('is the same for the same person and expiry', () => {
    expect(unsubscribeToken(USER, SECRET, EXPIRES)).toBe(unsubscribeToken(USER, SECRET, EXPIRES));
  });

  it('makes a link under APP_URL', () => {
    expect(unsubscribeUrl('https://r2c.example.org', USER, SECRET, EXPIRES)).toBe(
      `https://r2c.example.org/api/v1/unsubscribe?token=${unsubscribeToken(USER, SECRET, EXPIRES)}`,
    );
  });

  it('takes a token sent before tokens expired (no expiry in it), and says it has none', () => {
    const old = `${USER}.${createHmac('sha256', SECRET).update(`r2c/digest-unsubscribe/v1:${USER}`).digest('base64url')}`;
    expect(verifyUnsubscribeToken(old, SECRET)).toEqual({ userId: USER, expiresAt: null });
  });

  const token = unsubscribeToken(USER, SECRET, EXPIRES);
  const [, expires, signature] = token.split('.');
  const flipLast = (s: string) => s.slice(0, -1) + (s.endsWith('A') ? 'B' : 'A');
  // The last of 43 characters carries 2 unused bits: its alphabet neighbour decodes to the same 32 bytes.
  const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const samePaddingTwin = (c: string) => BASE64URL[BASE64URL.indexOf(c) ^ 1];
  const otherUser = '0f0e7b0a-5b8f-4f4e-9b7d-2f8d7a0e9a11';

  it.each([
    ['another person’s id with this signature', `${otherUser}.${expires}.${signature}`],
    ['a later expiry with this signature', `${USER}.${Number(expires) + 86400}.${signature}`],
    ['no expiry with this signature', `${USER}.${signature}`],
    ['an expiry that is not a number', `${USER}.1e12.${signature}`],
    ['a changed last character', flipLast(token)],
    ['a changed last character that base64url decodes to the same bytes', `${USER}.${expires}.${signature.slice(0, -1)}${samePaddingTwin(signature.at(-1)!)}`],
    ['a signature cut short', token.slice(0, -4)],
    ['an extra character', `${token}A`],
    ['no signature', `${USER}.${expires}.`],
    ['no id', `.${expires}.${signature}`],
    ['a fourth part', `${token}.x`],
    ['not an id', `me.${expires}.${signature}`],
    ['a session-like JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln'],
    ['nothing', ''],
  ])('refuses %s', (_what, tampered) => {
    expect(verifyUnsubscribeToken(tampered, SECRET)).toBeNull();
  });

  it('refuses a token signed with another key', () => {
    expect(verifyUnsubscribeToken(unsubscribeToken(USER, 'another-secret-key-of-32-characters-or-more', EXPIRES), SECRET)).toBeNull();
  });
});
