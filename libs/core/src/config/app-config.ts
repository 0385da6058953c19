import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CronExpressionParser } from 'cron-parser';
import { isIP } from 'node:net';
import { IANAZone } from 'luxon';
import { passwordProblem } from '../security/password-rule';

export type DatabaseConfig = { type: 'sqlite'; path: string } | { type: 'postgres'; url: string };

export interface AppConfig {
  nodeEnv: string;
  host: string;
  port: number;
  dataDir: string;
  database: DatabaseConfig;
  /** Express's `trust proxy`: which connecting addresses may name the client in X-Forwarded-For. */
  trustProxy: boolean | number | string;
  redisUrl?: string;
  smtpUrl?: string;
  mailFrom: string;
  appUrl: string;
  adminEmail?: string;
  adminPassword?: string;
  digestCron: string;
  digestTimezone: string;
  reminderEveryMinutes: number;
  secretKey: string;
  corsOrigins: string[];
  bodyLimit: string;
  tokenTtlSeconds: number;
  logLevel: string;
  shutdownTimeoutMs: number;
  mailMaxAttempts: number;
  mailBackoffMs: number;
  outboxPollMs: number;
  /** Whether anyone may sign up for the digest (POST /api/v1/subscriptions): `open` (the default) or `closed`. */
  digestSignup: DigestSignup;
}

export const DIGEST_SIGNUP_MODES = ['open', 'closed'] as const;
export type DigestSignup = (typeof DIGEST_SIGNUP_MODES)[number];

/** A configuration value that cannot be used; its message is the one line the operator sees. */
export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`Configuration error: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function optional(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return Number(raw);
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = optional(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `is not a valid URL (expected ${protocols.map((p) => p + '//…').join(' or ')})`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => p + '//').join(' or ')} (got "${parsed.protocol}//")`);
  }
  return raw;
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isAddressOrRange(entry: string): boolean {
  const [address, bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (!version || rest.length) return false;
  if (bits === undefined) return true;
  if (/^\d+$/.test(bits)) return Number(bits) <= (version === 4 ? 32 : 128);
  return version === 4 && isIP(bits) === 4; // a netmask such as 255.255.0.0
}

/** The values Express accepts for `trust proxy`, with the default of `loopback`. */
function trustProxy(env: Env): boolean | number | string {
  const raw = optional(env, 'TRUST_PROXY');
  if (raw === undefined) return 'loopback';
  if (raw === 'true' || raw === 'false') return raw === 'true';
  if (/^\d+$/.test(raw)) return Number(raw);
  const entries = raw.split(',').map((entry) => entry.trim());
  const bad = entries.find((entry) => !PROXY_NAMES.includes(entry) && !isAddressOrRange(entry));
  if (bad !== undefined) {
    throw new ConfigError(
      'TRUST_PROXY',
      `must be true, false, a number of proxies, or a comma-separated list of loopback, linklocal, uniquelocal, addresses and ranges such as 10.0.0.0/8 (got "${bad}")`,
    );
  }
  return entries.join(',');
}

export function isTimeZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

function loadOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  return secret;
}

/** Reads and validates the environment once; throws ConfigError naming the first bad variable. */
/**
 * What a running install should hear about but may still start with: in production, links that are not
 * https (mail clients' one-click unsubscribe, RFC 8058, needs https) and a sender at localhost.
 */
export function configWarnings(config: Pick<AppConfig, 'nodeEnv' | 'appUrl' | 'mailFrom'>): string[] {
  if (config.nodeEnv !== 'production') return [];
  const warnings: string[] = [];
  if (!config.appUrl.startsWith('https://')) {
    warnings.push(`APP_URL is ${config.appUrl}: links in emails should use https (one-click unsubscribe in Gmail and Outlook needs it)`);
  }
  const domain = config.mailFrom.match(/@([^>\s]+)/)?.[1] ?? '';
  if (domain === 'localhost' || domain.endsWith('.local') || !domain.includes('.')) {
    warnings.push(`MAIL_FROM is "${config.mailFrom}": set an address at your own domain, or mail servers will treat the emails as spam`);
  }
  return warnings;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnv = optional(env, 'NODE_ENV') ?? 'development';
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const dataDir = resolve(optional(env, 'DATA_DIR') ?? './data');
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const redisUrl = url(env, 'REDIS_URL', ['redis:', 'rediss:']);
  const smtpUrl = url(env, 'SMTP_URL', ['smtp:', 'smtps:']);
  const appUrl = url(env, 'APP_URL', ['http:', 'https:']) ?? `http://localhost:${port}`;

  const mailFrom = optional(env, 'MAIL_FROM') ?? `R2C Tracker <r2c@${new URL(appUrl).hostname}>`;
  if (!/@/.test(mailFrom)) throw new ConfigError('MAIL_FROM', `must contain an email address (got "${mailFrom}")`);

  const digestTimezone = optional(env, 'DIGEST_TIMEZONE') ?? 'America/New_York';
  if (!isTimeZone(digestTimezone)) {
    throw new ConfigError('DIGEST_TIMEZONE', `is not an IANA time zone such as America/New_York (got "${digestTimezone}")`);
  }
  const digestCron = optional(env, 'DIGEST_CRON') ?? '0 8 * * 1';
  try {
    CronExpressionParser.parse(digestCron, { tz: digestTimezone });
  } catch {
    throw new ConfigError('DIGEST_CRON', `is not a cron expression such as "0 8 * * 1" (got "${digestCron}")`);
  }

  const adminEmail = optional(env, 'ADMIN_EMAIL');
  const adminPassword = optional(env, 'ADMIN_PASSWORD');
  if ((adminEmail === undefined) !== (adminPassword === undefined)) {
    throw new ConfigError(adminEmail ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL', 'must be set together with the other of ADMIN_EMAIL/ADMIN_PASSWORD');
  }
  const adminPasswordProblem = adminPassword === undefined ? null : passwordProblem(adminPassword, [adminEmail!]);
  if (adminPasswordProblem) throw new ConfigError('ADMIN_PASSWORD', adminPasswordProblem);

  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new ConfigError('DATA_DIR', `cannot be created at ${dataDir} (${error instanceof Error ? error.message : String(error)})`);
  }

  let secretKey = optional(env, 'SECRET_KEY');
  if (secretKey !== undefined && secretKey.length < 32) {
    throw new ConfigError('SECRET_KEY', 'must be at least 32 characters long');
  }
  if (secretKey === undefined) {
    if (nodeEnv === 'production') throw new ConfigError('SECRET_KEY', 'is required when NODE_ENV=production');
    secretKey = loadOrCreateSecret(dataDir);
  }

  const logLevel = optional(env, 'LOG_LEVEL') ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of fatal, error, warn, info, debug, trace, silent (got "${logLevel}")`);
  }

  const digestSignup = (optional(env, 'DIGEST_SIGNUP') ?? 'open').toLowerCase();
  if (!(DIGEST_SIGNUP_MODES as readonly string[]).includes(digestSignup)) {
    throw new ConfigError('DIGEST_SIGNUP', `must be open or closed (got "${optional(env, 'DIGEST_SIGNUP')}")`);
  }

  return {
    nodeEnv,
    host: optional(env, 'HOST') ?? '127.0.0.1',
    port,
    dataDir,
    database: databaseUrl ? { type: 'postgres', url: databaseUrl } : { type: 'sqlite', path: join(dataDir, 'r2c.sqlite') },
    trustProxy: trustProxy(env),
    redisUrl,
    smtpUrl,
    mailFrom,
    appUrl: appUrl.replace(/\/$/, ''),
    adminEmail: adminEmail?.toLowerCase(),
    adminPassword,
    digestCron,
    digestTimezone,
    reminderEveryMinutes: integer(env, 'REMINDER_EVERY_MINUTES', 15, 1, 1440),
    secretKey,
    corsOrigins: (optional(env, 'CORS_ORIGINS') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    bodyLimit: optional(env, 'BODY_LIMIT') ?? '256kb',
    tokenTtlSeconds: integer(env, 'TOKEN_TTL_SECONDS', 8 * 3600, 10, 30 * 24 * 3600),
    logLevel,
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10000, 0, 120000),
    mailMaxAttempts: integer(env, 'MAIL_MAX_ATTEMPTS', 5, 1, 50),
    mailBackoffMs: integer(env, 'MAIL_BACKOFF_MS', 30000, 1, 3600000),
    outboxPollMs: integer(env, 'OUTBOX_POLL_MS', 1000, 10, 60000),
    digestSignup: digestSignup as DigestSignup,
  };
}
