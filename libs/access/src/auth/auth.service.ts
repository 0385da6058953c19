import { HttpException, HttpStatus, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThan } from 'typeorm';
import { APP_CONFIG, Clock, newId, Transactions } from '@r2c/core';
import type { AppConfig } from '@r2c/core';
import { LoginFailure } from '../audit/audit-entry.entity';
import { verifyPassword } from '../users/passwords';
import { User } from '../users/user.entity';
import type { Principal } from './principal';
import { toUserView } from '../users/user.dto';
import type { LoginResult } from '@r2c/contracts';
import { UsersService } from '../users/users.service';

export type { LoginResult } from '@r2c/contracts';

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

/**
 * Sign-in with throttling kept in the database, so every API process behind a load balancer
 * counts the same failures.
 */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(email: string, password: string, address: string): Promise<LoginResult> {
    email = email.toLowerCase();
    await this.assertNotThrottled(email, address);
    const user = await this.users.findByEmailWithHash(email);
    const ok = await verifyPassword(user?.passwordHash, password);
    if (!user || !ok || !user.active) {
      await this.tx.run((em) => em.insert(LoginFailure, { id: newId(), email, address, at: this.clock.now() }));
      throw new UnauthorizedException('The email or password is not right.');
    }
    await this.tx.run((em) => em.delete(LoginFailure, { email }));
    const accessToken = await this.jwt.signAsync({ sub: user.id, role: user.role }, { expiresIn: this.config.tokenTtlSeconds, algorithm: 'HS256' });
    return { accessToken, expiresIn: this.config.tokenTtlSeconds, user: toUserView(user) };
  }

  /** The active user a token belongs to, or null for a missing, forged, expired or deactivated one. */
  async principalFromToken(token: string | undefined): Promise<Principal | null> {
    if (!token) return null;
    let subject: unknown;
    try {
      subject = (await this.jwt.verifyAsync<{ sub: string }>(token, { algorithms: ['HS256'] })).sub;
    } catch {
      return null;
    }
    if (typeof subject !== 'string') return null;
    const user = await this.dataSource.getRepository(User).findOne({ where: { id: subject } });
    return user && user.active ? { id: user.id, email: user.email, name: user.name, role: user.role } : null;
  }

  private async assertNotThrottled(email: string, address: string): Promise<void> {
    const since = new Date(this.clock.now().getTime() - LOGIN_WINDOW_MS);
    const repo = this.dataSource.getRepository(LoginFailure);
    const [byEmail, byAddress] = await Promise.all([
      repo.count({ where: { email, at: MoreThan(since) } }),
      repo.count({ where: { address, at: MoreThan(since) } }),
    ]);
    if (byEmail >= MAX_FAILURES_PER_EMAIL || byAddress >= MAX_FAILURES_PER_ADDRESS) {
      throw new HttpException(
        { message: `Too many failed sign-in attempts. Wait ${LOGIN_WINDOW_MS / 60000} minutes, or ask an admin to reset your password.` },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }
}
