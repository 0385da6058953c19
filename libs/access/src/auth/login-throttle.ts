import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, Transactions } from '@r2c/core';

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;
/** Password reset emails asked for one email address within the window, whether it has an account or not. */
export const MAX_RESETS_PER_EMAIL = 3;
/** Digest sign-ups one client address may ask for in the window (each sends an email). */
export const MAX_SIGNUPS_PER_ADDRESS = 10;
/** Checks of emailed links (invitation, reset) one client address may make in the window: a page opening is one, so people never reach it. */
export const MAX_LINK_CHECKS_PER_ADDRESS = 60;

const TAKE_BACK = 'UPDATE login_throttle SET failures = failures - 1 WHERE bucket = $1 AND failures > 0';

export type ThrottleBucket = `address:${string}` | `email:${string}` | `reset:${string}` | `signup:${string}` | `link-check:${string}`;

export const addressBucket = (address: string): ThrottleBucket => `address:${address}`;
export const emailBucket = (email: string): ThrottleBucket => `email:${email.toLowerCase()}`;
/** Password reset requests for one email address (a bucket of its own: they are not sign-in failures). */
export const resetBucket = (email: string): ThrottleBucket => `reset:${email.toLowerCase()}`;
/** Digest sign-ups from one client address: counted whether or not they succeed. */
export const signupBucket = (address: string): ThrottleBucket => `signup:${address}`;
/** Link checks from one client address: counted whether the link is good or not. */
export const linkCheckBucket = (address: string): ThrottleBucket => `link-check:${address}`;

const LIMITS: Record<string, number> = {
  address: MAX_FAILURES_PER_ADDRESS,
  email: MAX_FAILURES_PER_EMAIL,
  reset: MAX_RESETS_PER_EMAIL,
  signup: MAX_SIGNUPS_PER_ADDRESS,
  'link-check': MAX_LINK_CHECKS_PER_ADDRESS,
};

/** The rule: a count past the bucket's limit within the window is refused. */
export function overLimit(bucket: ThrottleBucket, count: number): boolean {
  return count > LIMITS[bucket.slice(0, bucket.indexOf(':'))];
}

export class TooManySignInAttempts extends HttpException {
  constructor() {
    super(
      {
        message: `Too many failed sign-in attempts. Wait ${LOGIN_WINDOW_MS / 60000} minutes and try again, or choose a new password with “Forgot password?” on the sign-in page.`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

export class TooManyLinkChecks extends HttpException {
  constructor() {
    super(
      { message: `Too many links were checked from this network. Wait ${LOGIN_WINDOW_MS / 60000} minutes and open the link again.` },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/**
 * Failed sign-ins counted in the database, so every API process behind a load balancer counts the
 * same ones: one row per bucket, its count raised by one upsert, so that attempts sent at once are
 * counted one by one on SQLite and PostgreSQL alike. A bucket's window starts at its first failure.
 */
@Injectable()
export class LoginThrottle {
  private readonly postgres: boolean;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {
    this.postgres = dataSource.options.type === 'postgres';
  }

  /** Counts one more attempt in the bucket and answers the count, this one included. */
  add(bucket: ThrottleBucket): Promise<number> {
    const now = this.clock.now().getTime();
    return this.tx.run(async (em) => {
      await em.query(
        this.sql(`INSERT INTO login_throttle (bucket, window_start_ms, failures) VALUES ($1, $2, 1)
          ON CONFLICT (bucket) DO UPDATE SET
            failures = CASE WHEN login_throttle.window_start_ms <= $3 THEN 1 ELSE login_throttle.failures + 1 END,
            window_start_ms = CASE WHEN login_throttle.window_start_ms <= $3 THEN $2 ELSE login_throttle.window_start_ms END`),
        [bucket, now, now - LOGIN_WINDOW_MS],
      );
      // The upsert holds the row (PostgreSQL) or the write lock (SQLite) until commit, so this reads our own count.
      const [row] = await em.query<{ failures: number | string }[]>(this.sql('SELECT failures FROM login_throttle WHERE bucket = $1'), [bucket]);
      return Number(row.failures);
    });
  }

  /** Counts a link check from the client address; past its limit, 429. */
  async countLinkCheck(address: string): Promise<void> {
    const bucket = linkCheckBucket(address);
    if (overLimit(bucket, await this.add(bucket))) throw new TooManyLinkChecks();
  }

  /** Gives back an address's attempt that was counted but never checked a password. */
  async takeBack(bucket: ThrottleBucket): Promise<void> {
    await this.tx.run((em) => em.query(this.sql(TAKE_BACK), [bucket]));
  }

  /**
   * A right password: the address gets its attempt back, the email's failures are forgotten, and so
   * are the counters whose window has passed (the only clean-up the table needs).
   */
  async succeeded(address: ThrottleBucket, email: ThrottleBucket): Promise<void> {
    const cutoff = this.clock.now().getTime() - LOGIN_WINDOW_MS;
    await this.tx.run(async (em) => {
      await em.query(this.sql(TAKE_BACK), [address]);
      await em.query(this.sql('DELETE FROM login_throttle WHERE bucket = $1 OR window_start_ms <= $2'), [email, cutoff]);
    });
  }

  /** SQLite numbers its parameters ?1, ?2 where PostgreSQL writes $1, $2; both may repeat one. */
  private sql(text: string): string {
    return this.postgres ? text : text.replace(/\$(\d+)/g, '?$1');
  }
}
