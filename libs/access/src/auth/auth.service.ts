import { BadRequestException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { APP_CONFIG, Reads } from '@r2c/core';
import type { AppConfig } from '@r2c/core';
import { PasswordCheckBusy, PasswordHashing } from '../users/password-hashing';
import { User } from '../users/user.entity';
import type { Principal, TokenHolder } from './principal';
import { accountColumns, principalOf } from './account-row';
import type { AccountRow } from './account-row';
import { ChangePasswordDto, toUserView } from '../users/user.dto';
import type { LoginResult } from '@r2c/contracts';
import { UsersService } from '../users/users.service';
import { AccessTokens } from './access-tokens';
import { addressBucket, emailBucket, LoginThrottle, overLimit, TooManySignInAttempts } from './login-throttle';

export type { LoginResult } from '@r2c/contracts';

/**
 * Sign-in. A client address is refused before any password is checked once it has used its attempts;
 * an email's limit applies only to wrong passwords, so nobody can lock someone else out.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: AccessTokens,
    private readonly throttle: LoginThrottle,
    private readonly hashing: PasswordHashing,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reads: Reads,
  ) {}

  async login(email: string, password: string, address: string): Promise<LoginResult> {
    email = email.toLowerCase();
    const fromAddress = addressBucket(address);
    // Counted before the hash, so that a burst is refused as if its attempts came one by one.
    if (overLimit(fromAddress, await this.throttle.add(fromAddress))) throw new TooManySignInAttempts();
    const user = await this.users.findByEmailWithHash(email);
    let ok: boolean;
    try {
      ok = await this.hashing.verify(user?.passwordHash, password);
    } catch (error) {
      if (error instanceof PasswordCheckBusy) await this.throttle.takeBack(fromAddress);
      throw error;
    }
    if (!user || !ok || !user.active) {
      if (overLimit(emailBucket(email), await this.throttle.add(emailBucket(email)))) throw new TooManySignInAttempts();
      throw new UnauthorizedException('The email or password is not right.');
    }
    await this.throttle.succeeded(fromAddress, emailBucket(email));
    return { accessToken: this.sign(user), expiresIn: this.config.tokenTtlSeconds, user: toUserView(user) };
  }

  /** PUT /me/password: the caller's own new password. Every other token of the account stops working. */
  async changeOwnPassword(me: Principal, dto: ChangePasswordDto): Promise<{ accessToken: string }> {
    const user = await this.users.findByEmailWithHash(me.email);
    if (!user || !(await this.hashing.verify(user.passwordHash, dto.currentPassword))) {
      if (overLimit(emailBucket(me.email), await this.throttle.add(emailBucket(me.email)))) throw new TooManySignInAttempts();
      throw new BadRequestException({
        message:
          'Your current password is not right. Type the password you signed in with; if you have forgotten it, sign out and choose a new one with “Forgot password?” on the sign-in page.',
        details: [{ field: 'currentPassword', problems: ['currentPassword is not your current password'] }],
      });
    }
    const changed = await this.users.changeOwnPassword(me, dto.newPassword);
    return { accessToken: this.sign(changed) };
  }

  /** The active user a token belongs to, or null for a missing, forged, expired, revoked or deactivated one. */
  async principalFromToken(token: string | undefined): Promise<Principal | null> {
    const holder = await this.holderOf(token);
    return holder && this.confirm(holder);
  }

  /** The token's holder when the token is ours and not expired, its account not read yet (see TokenHolder); null otherwise. */
  async holderOf(token: string | undefined): Promise<TokenHolder | null> {
    if (!token) return null;
    return this.tokens.holderOf(token);
  }

  /** The holder's account as a Principal, read now; null when it is gone, deactivated or signed out since the token. */
  async confirm(holder: TokenHolder): Promise<Principal | null> {
    const [account] = await this.reads.select<AccountRow>(`SELECT ${accountColumns('users')} FROM users WHERE id = ?`, [holder.id]);
    return principalOf(holder, account);
  }

  /** Signs the account in (an accepted invitation, a password reset): the token carries its current token version. */
  async issueFor(user: User): Promise<LoginResult> {
    return { accessToken: this.sign(user), expiresIn: this.config.tokenTtlSeconds, user: toUserView(user) };
  }

  private sign(user: Pick<User, 'id' | 'role' | 'tokenVersion'>): string {
    return this.tokens.sign({ sub: user.id, role: user.role, ver: user.tokenVersion });
  }
}
