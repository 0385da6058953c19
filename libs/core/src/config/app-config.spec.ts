import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, configWarnings, loadConfig } from './app-config';

const dataDir = () => mkdtempSync(join(tmpdir(), 'r2c-config-'));

describe('loadConfig', () => {
  it('uses the embedded defaults when nothing is set', () => {
    const dir = dataDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      database: { type: 'sqlite', path: join(dir, 'r2c.sqlite') },
      digestCron: '0 8 * * 1',
      digestTimezone: 'America/New_York',
    });
    expect(config.redisUrl).toBeUndefined();
    expect(config.smtpUrl).toBeUndefined();
  });

  it('generates SECRET_KEY once and keeps it in DATA_DIR', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir }).secretKey;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({ DATA_DIR: dir }).secretKey).toBe(first);
    expect(readFileSync(join(dir, 'secret.key'), 'utf8').trim()).toBe(first);
  });

  it('requires SECRET_KEY in production', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), NODE_ENV: 'production' })).toThrow('SECRET_KEY is required when NODE_ENV=production');
  });

  it('switches to PostgreSQL with DATABASE_URL', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: 'postgres://u:p@db:5432/r2c' }).database).toEqual({
      type: 'postgres',
      url: 'postgres://u:p@db:5432/r2c',
    });
  });

  it.each([
    ['PORT', '70000', 'PORT must be a whole number'],
    ['PORT', 'abc', 'PORT must be a whole number'],
    ['DIGEST_TIMEZONE', 'Europe/Atlantis', 'DIGEST_TIMEZONE is not an IANA time zone'],
    ['DIGEST_CRON', 'every monday', 'DIGEST_CRON is not a cron expression'],
    ['DATABASE_URL', 'mysql://x', 'DATABASE_URL must start with postgres://'],
    ['REDIS_URL', 'not a url', 'REDIS_URL is not a valid URL'],
    ['SMTP_URL', 'http://mail', 'SMTP_URL must start with smtp://'],
    ['SECRET_KEY', 'short', 'SECRET_KEY must be at least 32 characters'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL must be one of'],
    ['DIGEST_SIGNUP', 'maybe', 'DIGEST_SIGNUP must be open or closed'],
    ['TRUST_PROXY', 'yes', 'TRUST_PROXY must be true, false, a number of proxies, or a comma-separated list'],
    [
      'TRUST_PROXY',
      'loopback, 10.0.0.0/33',
      'TRUST_PROXY must be true, false, a number of proxies, or a comma-separated list of loopback, linklocal, uniquelocal, addresses and ranges such as 10.0.0.0/8 (got "10.0.0.0/33")',
    ],
    ['TRUST_PROXY', '-1', 'TRUST_PROXY must be'],
  ])('refuses %s=%s with one line naming the variable', (name, value, message) => {
    let error: unknown;
    try {
      loadConfig({ DATA_DIR: dataDir(), [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it.each([
    [undefined, 'loopback'],
    ['false', false],
    ['true', true],
    ['2', 2],
    ['loopback, 10.0.0.0/8, 192.168.0.0/255.255.0.0, fd00::/8, 203.0.113.7', 'loopback,10.0.0.0/8,192.168.0.0/255.255.0.0,fd00::/8,203.0.113.7'],
    ['uniquelocal,linklocal', 'uniquelocal,linklocal'],
  ])('reads TRUST_PROXY=%s as Express’s trust proxy %p', (value, expected) => {
    expect(loadConfig({ DATA_DIR: dataDir(), ...(value === undefined ? {} : { TRUST_PROXY: value }) }).trustProxy).toEqual(expected);
  });

  it.each([
    ['aaaaaaaaaa', 'Configuration error: ADMIN_PASSWORD is too easy to guess. Choose a longer password or one that is harder to guess: Repeated characters'],
    ['short', 'Configuration error: ADMIN_PASSWORD must be at least 10 characters long'],
  ])('stops the start on a weak ADMIN_PASSWORD=%s with one line naming it', (password, message) => {
    let error: unknown;
    try {
      loadConfig({ DATA_DIR: dataDir(), ADMIN_EMAIL: 'admin@coalition.org', ADMIN_PASSWORD: password });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(new RegExp('^' + message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    expect((error as Error).message).not.toContain('\n');
  });

  it('wants ADMIN_EMAIL and ADMIN_PASSWORD together', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), ADMIN_EMAIL: 'a@b.org' })).toThrow('ADMIN_PASSWORD');
  });

  it('sends from the domain of APP_URL unless MAIL_FROM says otherwise', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), APP_URL: 'https://r2c.coalition.org/' }).mailFrom).toBe('R2C Tracker <r2c@r2c.coalition.org>');
    expect(loadConfig({ DATA_DIR: dataDir(), APP_URL: 'https://r2c.coalition.org', MAIL_FROM: 'R2C <hello@irex.org>' }).mailFrom).toBe('R2C <hello@irex.org>');
    expect(loadConfig({ DATA_DIR: dataDir() }).mailFrom).toBe('R2C Tracker <r2c@localhost>');
  });

  it('warns in production about links that are not https and a sender at localhost, and only then', () => {
    const secret = { SECRET_KEY: 'k'.repeat(40), DATA_DIR: dataDir() };
    const plain = loadConfig({ ...secret, NODE_ENV: 'production', APP_URL: 'http://r2c.coalition.org' });
    expect(configWarnings(plain)).toEqual([expect.stringContaining('APP_URL is http://r2c.coalition.org: links in emails should use https')]);
    const local = loadConfig({ ...secret, NODE_ENV: 'production', APP_URL: 'https://r2c.coalition.org', MAIL_FROM: 'r2c@localhost' });
    expect(configWarnings(local)).toEqual([expect.stringContaining('MAIL_FROM is "r2c@localhost"')]);
    expect(configWarnings(loadConfig({ ...secret, NODE_ENV: 'production', APP_URL: 'https://r2c.coalition.org' }))).toEqual([]);
    expect(configWarnings(loadConfig({ DATA_DIR: dataDir(), APP_URL: 'http://localhost:3000' }))).toEqual([]);
  });
});
