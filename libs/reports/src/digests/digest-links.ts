import { BadRequestException, ForbiddenException, GoneException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Role } from '@r2c/access';
import { APP_CONFIG, Clock, DIGEST_LINK_EXPIRY_UPGRADE } from '@r2c/core';
import type { AppConfig } from '@r2c/core';
import { DIGEST_LINK_DAYS, verifyUnsubscribeToken } from './unsubscribe-token';

export interface LinkedPerson {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * Who the link in a digest email (unsubscribe, how often) speaks for, if it still works: signed by us,
 * not expired, and naming an active account.
 */
@Injectable()
export class DigestLinks {
  private upgradedAt?: Promise<Date | null>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Until when a link put in an email now works. */
  expiryFromNow(): Date {
    return new Date(this.clock.now().getTime() + DIGEST_LINK_DAYS * DAY_MS);
  }

  /** The account a token names; 400 when we did not sign it, 410 when it has expired. */
  async userOf(token: string, notValid: string): Promise<string> {
    const link = verifyUnsubscribeToken(token, this.config.secretKey);
    if (!link) throw new BadRequestException({ message: notValid, details: [{ field: 'token', problems: ['is not a token we signed'] }] });
    const expiresAt = link.expiresAt ?? (await this.expiryOfOldLinks());
    if (!expiresAt || this.clock.now() >= expiresAt) {
      throw new GoneException({
        message: `This link has expired: the links in a digest email work for ${DIGEST_LINK_DAYS} days. Use the link in your latest digest email.`,
        details: [{ field: 'token', problems: ['has expired'] }],
      });
    }
    return link.userId;
  }

  /** The person, if their account is active: an inactive account gets no digest, and its links speak for no one. */
  async person(em: EntityManager, userId: string): Promise<LinkedPerson> {
    const person = await this.account(em, userId);
    if (!person.active) {
      throw new ForbiddenException(
        'This link no longer works: the account it was sent to is not active, and inactive accounts get no digest. Ask the programme staff if it should be active again.',
      );
    }
    return person;
  }

  /** The account, active or not (404 when it is gone). */
  async account(em: EntityManager, userId: string): Promise<LinkedPerson> {
    const person = await em
      .createQueryBuilder()
      .select(['u.id AS id', 'u.email AS email', 'u.name AS name', 'u.role AS role', 'u.active AS active'])
      .from('users', 'u')
      .where('u.id = :userId', { userId })
      .getRawOne<Omit<LinkedPerson, 'active'> & { active: unknown }>();
    if (!person) throw new NotFoundException('No account matches this link any more.');
    return { ...person, active: person.active === true || person.active === 1 || person.active === '1' };
  }

  /** Links sent before links expired work until DIGEST_LINK_DAYS after that upgrade. */
  private expiryOfOldLinks(): Promise<Date | null> {
    this.upgradedAt ??= this.dataSource
      .createQueryBuilder()
      .select('s.applied_at', 'appliedAt')
      .from('schema_upgrades', 's')
      .where('s.name = :name', { name: DIGEST_LINK_EXPIRY_UPGRADE })
      .getRawOne<{ appliedAt: string | Date }>()
      .then((row) => (row ? new Date(new Date(row.appliedAt).getTime() + DIGEST_LINK_DAYS * DAY_MS) : null))
      .catch((error: unknown) => {
        this.upgradedAt = undefined;
        throw error;
      });
    return this.upgradedAt;
  }
}
