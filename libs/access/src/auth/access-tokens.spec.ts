import { createHmac } from 'node:crypto';
import type { AppConfig } from '@r2c/core';
import { AccessTokens } from './access-tokens';

const KEY = 'a-secret-key-of-the-coalition-0123456789';
const tokens = (key = KEY, tokenTtlSeconds = 3600) => new AccessTokens({ secretKey: key, tokenTtlSeconds } as AppConfig);
const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

/** A JWT written by hand, as any other library would write it: what the tokens issued before fast-jwt look like. */
function jwt(claims: object, header: object = { alg: 'HS256', typ: 'JWT' }, key = KEY): string {
  const input = `${part(header)}.${part(claims)}`;
  return `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
}

describe('AccessTokens', () => {
  it('signs a token its holder is read back from, with its version and an expiry TOKEN_TTL_SECONDS ahead', () => {
    const token = tokens().sign({ sub: 'rosa', role: 'librarian', ver: 3 });
    expect(tokens().holderOf(token)).toEqual({ id: 'rosa', tokenVersion: 3 });
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, number>;
    expect(claims.exp - claims.iat).toBe(3600);
    expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
  });

  it('takes a standard HS256 token signed with the key (those issued before), version 0 when it has none', () => {
    expect(tokens().holderOf(jwt({ sub: 'rosa', role: 'librarian', ver: 2, iat: now(), exp: now() + 60 }))).toEqual({ id: 'rosa', tokenVersion: 2 });
    expect(tokens().holderOf(jwt({ sub: 'rosa', role: 'librarian', iat: now() }))).toEqual({ id: 'rosa', tokenVersion: 0 });
  });

  it('refuses an expired, not yet valid, tampered or foreign token, and one with no holder', () => {
    const refused = (token: string) => expect(tokens().holderOf(token)).toBeNull();
    refused(jwt({ sub: 'rosa', exp: now() - 1 }));
    refused(jwt({ sub: 'rosa', nbf: now() + 60 }));
    refused(jwt({ sub: 'rosa' }, undefined, 'another-key-of-another-app-0123456789'));
    refused(tokens('another-key-of-another-app-0123456789').sign({ sub: 'rosa', role: 'admin' }));
    const [header, , signature] = tokens().sign({ sub: 'rosa', role: 'librarian' }).split('.');
    refused(`${header}.${part({ sub: 'someone-else', role: 'admin' })}.${signature}`);
    refused(jwt({ role: 'admin' }));
    refused(jwt({ sub: 42 }));
    refused('');
    refused('not-a-token');
    refused('a.b.c');
  });

  it('checks a token sent again only once, and refuses it once it has expired', () => {
    jest.useFakeTimers({ now: new Date('2026-03-16T10:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
    try {
      const issuer = tokens(KEY, 60);
      const token = issuer.sign({ sub: 'rosa', role: 'librarian', ver: 1 });
      const verify = jest.spyOn(issuer as unknown as { verifier: (token: string) => unknown }, 'verifier');
      expect(issuer.holderOf(token)).toEqual({ id: 'rosa', tokenVersion: 1 });
      expect(issuer.holderOf(`${token}`)).toEqual({ id: 'rosa', tokenVersion: 1 });
      expect(verify).toHaveBeenCalledTimes(1);
      jest.setSystemTime(new Date('2026-03-16T10:01:01Z'));
      expect(issuer.holderOf(token)).toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps only good tokens, and a bounded number of them', () => {
    const issuer = tokens();
    const checked = (issuer as unknown as { checked: Map<string, unknown> }).checked;
    const [header, , signature] = issuer.sign({ sub: 'rosa', role: 'librarian' }).split('.');
    expect(issuer.holderOf(`${header}.${part({ sub: 'someone-else', role: 'admin' })}.${signature}`)).toBeNull();
    expect(checked.size).toBe(0);
    const first = issuer.sign({ sub: 'person-0', role: 'librarian' });
    issuer.holderOf(first);
    for (let i = 1; i <= 2000; i++) issuer.holderOf(issuer.sign({ sub: `person-${i}`, role: 'librarian' }));
    expect(checked.size).toBe(2000);
    expect(checked.has(first)).toBe(false);
    expect(issuer.holderOf(first)).toEqual({ id: 'person-0', tokenVersion: 0 });
  });

  it('refuses a token naming another algorithm, `none` among them', () => {
    const claims = { sub: 'rosa', role: 'admin', exp: now() + 60 };
    expect(tokens().holderOf(`${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`)).toBeNull();
    expect(tokens().holderOf(jwt(claims, { alg: 'HS512', typ: 'JWT' }))).toBeNull();
    const input = `${part({ alg: 'HS512', typ: 'JWT' })}.${part(claims)}`;
    expect(tokens().holderOf(`${input}.${createHmac('sha512', KEY).update(input).digest('base64url')}`)).toBeNull();
  });
});
