import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@r2c/core';
import { isFinalAttempt, mailJobId, mailJobOptions } from './mail-job';
import { checkNewMail, distinctByKey, errorText, InvalidMailError, NewMail, pageOf } from './new-mail';

const mail = (overrides: Partial<NewMail> = {}): NewMail => ({
  idempotencyKey: 'reminder:i1:2026-03-02:u1',
  kind: 'reminder',
  to: 'ana@library.org',
  subject: 'Check-in due',
  text: 'Hello',
  ...overrides,
});

describe('mail jobs', () => {
  it('names a job after its row and generation, without the ":" BullMQ refuses in custom ids', () => {
    expect(mailJobId({ id: 'abc', generation: 0 })).toBe('mail-abc-0');
    expect(mailJobId({ id: 'abc', generation: 2 })).toBe('mail-abc-2');
    expect(mailJobId({ id: 'abc', generation: 2 })).not.toContain(':');
  });

  it('retries a job with exponential backoff up to the configured attempts', () => {
    expect(mailJobOptions({ id: 'abc', generation: 1 }, 5, 30000)).toEqual({
      jobId: 'mail-abc-1',
      attempts: 5,
      backoff: { type: 'exponential', delay: 30000 },
    });
  });

  it.each([
    [0, 3, false],
    [1, 3, false],
    [2, 3, true],
    [0, 1, true],
    [0, undefined, true],
  ])('after %i failed attempts of %s allowed, calls the next one the last: %s', (attemptsMade, maxAttempts, final) => {
    expect(isFinalAttempt(attemptsMade, maxAttempts)).toBe(final);
  });
});

describe('new outbox emails', () => {
  it('accepts a complete email, with or without a display name', () => {
    expect(() => checkNewMail(mail())).not.toThrow();
    expect(() => checkNewMail(mail({ to: 'Ana Silva <ana@library.org>', html: '<p>Hello</p>' }))).not.toThrow();
  });

  it.each([
    ['an empty key', { idempotencyKey: ' ' }, 'idempotencyKey is required'],
    ['a key over 300 characters', { idempotencyKey: 'k'.repeat(301) }, 'idempotencyKey is longer than 300'],
    ['a kind over 40 characters', { kind: 'k'.repeat(41) }, 'kind is longer than 40'],
    ['an address without @', { to: 'ana.library.org' }, 'to is not an email address'],
    ['an address over 320 characters', { to: `${'a'.repeat(320)}@x.org` }, 'to is longer than 320'],
    ['a missing text', { text: undefined as unknown as string }, 'text is required'],
  ])('refuses %s instead of letting SQLite drop it silently', (_what, overrides, message) => {
    expect(() => checkNewMail(mail(overrides))).toThrow(InvalidMailError);
    expect(() => checkNewMail(mail(overrides))).toThrow(message);
  });

  it('keeps the first email of each key', () => {
    const first = mail({ subject: 'first' });
    expect(distinctByKey([first, mail({ subject: 'second' }), mail({ idempotencyKey: 'other' })]).map((m) => m.subject)).toEqual(['first', 'Check-in due']);
  });
});

describe('outbox pages and errors', () => {
  it('pages 20 by default and never more than 100', () => {
    expect(pageOf({})).toEqual({ limit: 20, offset: 0 });
    expect(pageOf({ limit: 500, offset: 40 })).toEqual({ limit: 100, offset: 40 });
    expect(pageOf({ limit: 0, offset: -5 })).toEqual({ limit: 1, offset: 0 });
  });

  it('keeps an error as one bounded line', () => {
    expect(errorText(new Error('451 4.3.0\n  try later'))).toBe('451 4.3.0 try later');
    expect(errorText('x'.repeat(5000))).toHaveLength(2000);
    expect(errorText(new Error(''))).toBe('unknown error');
  });
});

describe('outbox settings', () => {
  const dataDir = () => mkdtempSync(join(tmpdir(), 'r2c-outbox-config-'));

  it('retries 5 times from 30 s and polls every second by default', () => {
    expect(loadConfig({ DATA_DIR: dataDir() })).toMatchObject({ mailMaxAttempts: 5, mailBackoffMs: 30000, outboxPollMs: 1000 });
  });

  it('reads MAIL_MAX_ATTEMPTS, MAIL_BACKOFF_MS and OUTBOX_POLL_MS', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), MAIL_MAX_ATTEMPTS: '3', MAIL_BACKOFF_MS: '50', OUTBOX_POLL_MS: '100' })).toMatchObject({
      mailMaxAttempts: 3,
      mailBackoffMs: 50,
      outboxPollMs: 100,
    });
  });

  it('refuses MAIL_MAX_ATTEMPTS=0 with one line naming it', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), MAIL_MAX_ATTEMPTS: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dataDir(), MAIL_MAX_ATTEMPTS: '0' })).toThrow('MAIL_MAX_ATTEMPTS must be a whole number from 1 to 50');
  });
});
