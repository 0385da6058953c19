import { BadRequestException, HttpException, HttpStatus, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { IsNull, MoreThan } from 'typeorm';
import { LoginThrottle, overLimit, signupBucket, UsersService } from '@r2c/access';
import { APP_CONFIG, Clock, newId, Transactions } from '@r2c/core';
import type { AppConfig } from '@r2c/core';
import { OutboxService } from '@r2c/notify';
import type { NewMail } from '@r2c/notify';
import { ConfirmDigestSignupDto, DigestSignupConfirmed, DigestSignupDto } from './digest-signup.dto';
import { DigestSignup } from './digest-signup.entity';

/** How long a confirmation link works. */
export const SIGNUP_LINK_DAYS = 7;
const DAY_MS = 24 * 3600 * 1000;

export const hashSignupToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

export class TooManySignups extends HttpException {
  constructor() {
    super({ message: 'Too many sign-ups from your address. Wait 15 minutes and try again.' }, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/** A refused confirmation link: 400 naming the token, in words for the person who opened it. */
const linkRefused = (reason: string) => new BadRequestException({ message: reason, details: [{ field: 'token', problems: [reason] }] });

/**
 * Anyone may sign up for the coalition digest with their email (unless DIGEST_SIGNUP=closed). The
 * answer is the same whether or not the address has an account; a confirmation link (random 256-bit
 * token, stored as its SHA-256, single use, 7 days) makes the address a subscriber account without a
 * password. A pending sign-up is no account, so it receives no digest.
 */
@Injectable()
export class DigestSignupsService {
  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly users: UsersService,
    private readonly throttle: LoginThrottle,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async signUp(dto: DigestSignupDto, address: string): Promise<void> {
    if (this.config.digestSignup === 'closed') {
      throw new NotFoundException('Signing up for the digest is closed here: ask the coalition staff to add you as a subscriber.');
    }
    const bucket = signupBucket(address);
    if (overLimit(bucket, await this.throttle.add(bucket))) throw new TooManySignups();
    const email = dto.email.toLowerCase();
    const now = this.clock.now();
    await this.tx.run(async (em) => {
      const day = now.toISOString().slice(0, 10);
      if (await this.users.hasAccountWithin(em, email)) {
        // Known address: no new account, at most one note a day; the HTTP answer is the same.
        await this.outbox.add(em, [this.alreadyMail(email, day)]);
        return;
      }
      // One confirmation email a day per address, whoever asks: a pending link from today still works.
      const recent = await em.exists(DigestSignup, { where: { email, confirmedAt: IsNull(), createdAt: MoreThan(new Date(now.getTime() - DAY_MS)) } });
      if (recent) return;
      const token = randomBytes(32).toString('base64url');
      const signup: DigestSignup = {
        id: newId(),
        email,
        name: dto.name,
        tokenHash: hashSignupToken(token),
        expiresAt: new Date(now.getTime() + SIGNUP_LINK_DAYS * DAY_MS),
        confirmedAt: null,
        userId: null,
        createdAt: now,
      };
      await em.insert(DigestSignup, signup);
      await this.outbox.add(em, [this.confirmationMail(signup, token)]);
    });
    this.outbox.kick();
  }

  /** Works whatever DIGEST_SIGNUP says: a link sent while sign-up was open stays good for its 7 days. */
  async confirm(dto: ConfirmDigestSignupDto): Promise<DigestSignupConfirmed> {
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      const signup = await em.findOne(DigestSignup, { where: { tokenHash: hashSignupToken(dto.token) } });
      if (!signup) throw linkRefused('This confirmation link is not valid. Copy the whole link from the email, or sign up again.');
      const used = `This confirmation link has already been used: ${signup.email} is subscribed to the digest.`;
      if (signup.confirmedAt) throw linkRefused(used);
      if (signup.expiresAt.getTime() <= now.getTime()) {
        throw linkRefused(`This confirmation link has expired (links work for ${SIGNUP_LINK_DAYS} days). Sign up again to get a new one.`);
      }
      // Only one of two confirmations at once wins the link.
      const claimed = await em.update(DigestSignup, { id: signup.id, confirmedAt: IsNull() }, { confirmedAt: now });
      if (!claimed.affected) throw linkRefused(used);
      const account = await this.users.addSubscriberWithin(em, { email: signup.email, name: signup.name });
      await em.update(DigestSignup, { id: signup.id }, { userId: account.id });
      return { email: signup.email, subscribed: true };
    });
  }

  private confirmationMail(signup: DigestSignup, token: string): NewMail {
    const link = `${this.config.appUrl}/confirm-subscription?token=${encodeURIComponent(token)}`;
    return {
      kind: 'digest_signup',
      idempotencyKey: `digest-signup:${signup.id}`,
      to: signup.email,
      subject: 'Confirm your subscription to the R2C coalition digest',
      text: [
        `Hello ${signup.name},`,
        '',
        'Someone (we hope you) asked to receive the R2C coalition digest at this address. To confirm, open this link:',
        '',
        link,
        '',
        `The link works once, for ${SIGNUP_LINK_DAYS} days. If you did not ask, ignore this email: nothing is sent until the link is opened.`,
      ].join('\n'),
    };
  }

  private alreadyMail(email: string, day: string): NewMail {
    return {
      kind: 'digest_signup',
      // The email's hash, not the email: a key holds 300 characters at most, an email 320.
      idempotencyKey: `digest-signup-known:${hashSignupToken(email).slice(0, 32)}:${day}`,
      to: email,
      subject: 'You already have an R2C Tracker account',
      text: [
        'Someone (we hope you) asked to receive the R2C coalition digest at this address.',
        '',
        'This address already has an R2C Tracker account, so nothing changed. Sign in and choose how often you get the digest under Settings. If you have no password yet, choose one with “Forgot password?” on the sign-in page.',
        '',
        `${this.config.appUrl}/`,
      ].join('\n'),
    };
  }
}
