import { BadRequestException, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, Clock, newId, Transactions } from '@r2c/core';
import type { AppConfig } from '@r2c/core';
import { NewMail, OutboxService } from '@r2c/notify';
import type { LoginResult, PasswordResetLinkCheck } from '@r2c/contracts';
import { AuditService } from '../audit/audit.service';
import { AuthService } from '../auth/auth.service';
import { LOGIN_WINDOW_MS, LoginThrottle, overLimit, resetBucket } from '../auth/login-throttle';
import { PasswordHashing } from '../users/password-hashing';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { PasswordResetConfirmDto } from './invitation.dto';
import { PasswordReset } from './invitation.entity';
import { hashLinkToken, newLinkToken, plainInstant, sameLinkHash } from './link-tokens';

export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;

/** The one answer to every reset request, whether the email has an account or not. */
export const PASSWORD_RESET_ANSWER = {
  message: 'If this email belongs to an active account, a link to choose a new password is on its way. It works once, for one hour.',
};

export class TooManyResetRequests extends HttpException {
  constructor() {
    super(
      { message: `Too many password reset requests for this email. Wait ${LOGIN_WINDOW_MS / 60000} minutes and look for the emails already sent.` },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/** Why a reset link cannot be used, in words for the person holding it; null while it can. */
export function resetRefusal(reset: PasswordReset | null, now: Date): string | null {
  if (!reset) return 'This password reset link is not valid: check that you copied the whole link from the email, or ask for a new one.';
  const ended = reset.endedAt ? plainInstant(new Date(reset.endedAt)) : 'an earlier date';
  if (reset.status === 'used') return `This password reset link was already used on ${ended}: sign in with that password, or ask for a new link.`;
  if (reset.status === 'replaced') return `This password reset link was replaced by a newer one on ${ended}: use the link in the most recent email.`;
  const expiresAt = new Date(reset.expiresAt);
  if (expiresAt.getTime() <= now.getTime()) return `This password reset link expired on ${plainInstant(expiresAt)}: ask for a new one.`;
  return null;
}

const ACCOUNT_DEACTIVATED = 'This account was deactivated after the link was sent: ask an admin about it.';

const refused = (reason: string) => new BadRequestException({ message: reason, details: [{ field: 'token', problems: [reason] }] });

/**
 * Forgotten passwords. A request answers the same for every email (no enumeration) after the same
 * steps: it is counted in its email's throttle bucket, the account looked up, a token drawn and one
 * transaction run; only a known active account gets a reset row and an email. Choosing the new
 * password uses the link up, raises the token version (every earlier token is refused) and signs in.
 */
@Injectable()
export class PasswordResetsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly hashing: PasswordHashing,
    private readonly users: UsersService,
    private readonly throttle: LoginThrottle,
    private readonly outbox: OutboxService,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async request(email: string): Promise<typeof PASSWORD_RESET_ANSWER> {
    email = email.toLowerCase();
    const bucket = resetBucket(email);
    if (overLimit(bucket, await this.throttle.add(bucket))) throw new TooManyResetRequests();
    const user = await this.users.findByEmailWithHash(email);
    const { token, hash } = newLinkToken();
    const known = user?.active ? user : null;
    const emailed = await this.tx.run(async (em) => {
      const now = this.clock.now();
      // Run for an unknown email too (it matches no row), so both take the same steps.
      await em
        .createQueryBuilder()
        .update(PasswordReset)
        .set({ status: 'replaced', endedAt: now })
        .where('user_id = :userId AND status = :pending', { userId: known?.id ?? '', pending: 'pending' })
        .execute();
      if (!known) return false;
      const reset: PasswordReset = {
        id: newId(),
        userId: known.id,
        tokenHash: hash,
        status: 'pending',
        expiresAt: new Date(now.getTime() + PASSWORD_RESET_TTL_MS),
        endedAt: null,
        createdAt: now,
      };
      await em.insert(PasswordReset, reset);
      await this.outbox.add(em, [this.resetEmail(known, reset, token)]);
      return true;
    });
    if (emailed) this.outbox.kick();
    return PASSWORD_RESET_ANSWER;
  }

  async confirm(dto: PasswordResetConfirmDto): Promise<LoginResult> {
    const { reset: usable } = await this.usableReset(dto.token);
    const passwordHash = await this.hashing.hash(dto.password);
    const user = await this.tx.run(async (em) => {
      const now = this.clock.now();
      const claimed = await em
        .createQueryBuilder()
        .update(PasswordReset)
        .set({ status: 'used', endedAt: now })
        .where('id = :id AND status = :pending', { id: usable.id, pending: 'pending' })
        .execute();
      if (!claimed.affected) throw refused(resetRefusal(await em.findOne(PasswordReset, { where: { id: usable.id } }), now)!);
      const account = await em.findOne(User, { where: { id: usable.userId } });
      if (!account?.active) throw refused(ACCOUNT_DEACTIVATED);
      await em.update(User, { id: account.id }, { passwordHash, updatedAt: now, tokenVersion: () => 'token_version + 1' });
      await this.audit.record(
        em,
        { id: account.id, email: account.email, name: account.name, role: account.role },
        {
          action: 'password_reset',
          entityType: 'user',
          entityId: account.id,
          before: null,
          after: { passwordChanged: true, resetId: usable.id },
        },
      );
      return em.findOneOrFail(User, { where: { id: account.id } });
    });
    return this.auth.issueFor(user);
  }

  /** The account the link resets, while the link can be used; the link is not spent. Refused exactly as confirming would refuse it now. */
  async check(token: string, address: string): Promise<PasswordResetLinkCheck> {
    await this.throttle.countLinkCheck(address);
    const { reset, account } = await this.usableReset(token);
    return { email: account.email, expiresAt: new Date(reset.expiresAt).toISOString() };
  }

  /** The reset the token belongs to and its account, while both can be used; otherwise 400 on `token` saying why. */
  private async usableReset(token: string): Promise<{ reset: PasswordReset; account: User }> {
    const hash = hashLinkToken(token);
    const found = await this.dataSource.getRepository(PasswordReset).findOne({ where: { tokenHash: hash } });
    const usable = found && sameLinkHash(found.tokenHash, hash) ? found : null;
    const refusal = resetRefusal(usable, this.clock.now());
    if (refusal || !usable) throw refused(refusal!);
    const account = await this.dataSource.getRepository(User).findOne({ where: { id: usable.userId } });
    if (!account?.active) throw refused(ACCOUNT_DEACTIVATED);
    return { reset: usable, account };
  }

  private resetEmail(user: User, reset: PasswordReset, token: string): NewMail {
    const link = `${this.config.appUrl}/reset-password?token=${token}`;
    return {
      idempotencyKey: `password-reset:${reset.id}`,
      kind: 'password-reset',
      to: user.email,
      subject: 'Choose a new password for R2C Tracker',
      text: [
        `Hello ${user.name},`,
        '',
        'Someone asked to reset the password of your R2C Tracker account. To choose a new password, open this link:',
        link,
        '',
        `The link works once and expires on ${plainInstant(new Date(reset.expiresAt))} (one hour after it was asked for). Choosing a new password signs you out everywhere else.`,
        '',
        `You get this email because a password reset was asked for ${user.email} on the sign-in page. If it was not you, ignore this email: your password stays as it is.`,
      ].join('\n'),
    };
  }
}
