import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock, newId, Page, Transactions } from '@r2c/core';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { Membership } from '../initiatives/initiative.entity';
import { canHoldMembership } from '../initiatives/membership-rule';
import { PasswordHashing } from './password-hashing';
import { NO_PASSWORD } from './passwords';
import { readSubscriberCsv, SubscriberLine, UnusableSubscriberCsv } from './subscriber-csv';
import { CreateUserDto, SubscriberImportResult, toUserView, UpdateUserDto, UserListQuery, UserView } from './user.dto';
import { User } from './user.entity';

/** Rows per INSERT: SQLite takes at most 999 parameters in one statement. */
const INSERT_CHUNK = 100;
/** Emails per IN (…) lookup, for the same limit. */
const LOOKUP_CHUNK = 500;

/** Raises the account's token version in the statement itself, so two changes at once both count. */
const NEXT_TOKEN_VERSION = () => 'token_version + 1';

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly hashing: PasswordHashing,
  ) {}

  async create(actor: Principal | null, dto: CreateUserDto): Promise<UserView> {
    const passwordHash = await this.hashing.hash(dto.password);
    return this.tx.run(async (em) => {
      await this.assertEmailFree(em, dto.email);
      const now = this.clock.now();
      const user: User = {
        id: newId(),
        email: dto.email.toLowerCase(),
        name: dto.name,
        role: dto.role,
        passwordHash,
        active: true,
        tokenVersion: 0,
        createdAt: now,
        updatedAt: now,
      };
      await em.insert(User, user);
      await this.audit.record(em, actor, { action: 'create', entityType: 'user', entityId: user.id, after: toUserView(user) });
      return toUserView(user);
    });
  }

  /**
   * Subscribers from a CSV list (`email,name`), all or nothing: any bad line refuses the whole list
   * (400 naming every line and its problem) and nothing is created. Emails that already have an account
   * are counted as existing and left as they are. The new accounts have no password (they sign in
   * through a reset or an invitation link); each is audited. A dry run answers the same and stores nothing.
   */
  async importSubscribers(actor: Principal, csv: string, dryRun: boolean): Promise<SubscriberImportResult> {
    let sheet: ReturnType<typeof readSubscriberCsv>;
    try {
      sheet = readSubscriberCsv(csv);
    } catch (error) {
      if (error instanceof UnusableSubscriberCsv) throw new BadRequestException(error.message);
      throw error;
    }
    if (sheet.invalid.length) {
      const count = sheet.invalid.length;
      throw new BadRequestException({
        message: `Nothing was imported: ${count} line${count === 1 ? ' has a problem' : 's have problems'} (${sheet.invalid
          .slice(0, 5)
          .map((p) => `line ${p.line}: ${p.problem}`)
          .join('; ')}${count > 5 ? '; …' : ''}). Fix ${count === 1 ? 'it' : 'them'} and import the whole list again.`,
        details: sheet.invalid,
      });
    }
    const run = async (em: EntityManager): Promise<SubscriberImportResult> => {
      const known = await this.existingEmails(
        em,
        sheet.people.map((p) => p.email),
      );
      const fresh = sheet.people.filter((p) => !known.has(p.email));
      if (!dryRun) await this.insertSubscribers(em, actor, fresh, 'import');
      return { created: fresh.length, existing: sheet.people.length - fresh.length, invalid: [], dryRun };
    };
    return dryRun ? run(this.dataSource.manager) : this.tx.run(run);
  }

  /**
   * A confirmed digest sign-up, in the caller's transaction: a subscriber account without a password
   * for the email unless one exists already (then nothing changes). Answers the account's id.
   */
  async addSubscriberWithin(em: EntityManager, person: { email: string; name: string }): Promise<{ id: string; created: boolean }> {
    const email = person.email.toLowerCase();
    const existing = await em.findOne(User, { where: { email } });
    if (existing) return { id: existing.id, created: false };
    const [id] = await this.insertSubscribers(em, null, [{ email, name: person.name }], 'signup');
    return { id, created: true };
  }

  /** Has this email an account (active or not)? In the caller's transaction. */
  hasAccountWithin(em: EntityManager, email: string): Promise<boolean> {
    return em.exists(User, { where: { email: email.toLowerCase() } });
  }

  private async existingEmails(em: EntityManager, emails: string[]): Promise<Set<string>> {
    const known = new Set<string>();
    for (let start = 0; start < emails.length; start += LOOKUP_CHUNK) {
      const users = await em.find(User, { select: { email: true }, where: { email: In(emails.slice(start, start + LOOKUP_CHUNK)) } });
      for (const user of users) known.add(user.email);
    }
    return known;
  }

  private async insertSubscribers(
    em: EntityManager,
    actor: Principal | null,
    people: Pick<SubscriberLine, 'email' | 'name'>[],
    via: 'import' | 'signup',
  ): Promise<string[]> {
    const now = this.clock.now();
    const users: User[] = people.map((p) => ({
      id: newId(),
      email: p.email,
      name: p.name,
      role: 'subscriber',
      passwordHash: NO_PASSWORD,
      active: true,
      tokenVersion: 0,
      createdAt: now,
      updatedAt: now,
    }));
    for (let start = 0; start < users.length; start += INSERT_CHUNK) await em.insert(User, users.slice(start, start + INSERT_CHUNK));
    for (const user of users) {
      await this.audit.record(em, actor, { action: 'create', entityType: 'user', entityId: user.id, after: { ...toUserView(user), via } });
    }
    return users.map((u) => u.id);
  }

  async list(query: UserListQuery): Promise<Page<UserView>> {
    const qb = this.dataSource.getRepository(User).createQueryBuilder('u');
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.active !== undefined) qb.andWhere('u.active = :active', { active: query.active });
    if (query.q) {
      // LOWER on both sides: SQLite's LIKE folds ASCII only and PostgreSQL's not at all; the pattern's own wildcards are escaped.
      const pattern = `%${query.q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      qb.andWhere("(LOWER(u.name) LIKE :pattern ESCAPE '\\' OR LOWER(u.email) LIKE :pattern ESCAPE '\\')", { pattern });
    }
    const [users, total] = await qb.orderBy('u.name', 'ASC').addOrderBy('u.id', 'ASC').take(query.limit).skip(query.offset).getManyAndCount();
    return { items: users.map(toUserView), total };
  }

  /**
   * An admin's change. A new password, a deactivation or reactivation and a new role sign the person
   * out everywhere; a new role also ends the memberships the new role cannot hold, each with its audit row.
   */
  async update(actor: Principal, id: string, dto: UpdateUserDto): Promise<UserView> {
    const passwordHash = dto.password ? await this.hashing.hash(dto.password) : undefined;
    return this.tx.run(async (em) => {
      const user = await em.findOne(User, { where: { id } });
      if (!user) throw new NotFoundException('No user with this id.');
      if (actor.id === id && (dto.active === false || (dto.role && dto.role !== 'admin'))) {
        throw new ConflictException('You cannot deactivate yourself or remove your own admin role; ask another admin.');
      }
      const before = toUserView(user);
      const changes: Partial<User> = { updatedAt: this.clock.now() };
      if (dto.name !== undefined) changes.name = dto.name;
      if (dto.role !== undefined) changes.role = dto.role;
      if (dto.active !== undefined) changes.active = dto.active;
      if (passwordHash) changes.passwordHash = passwordHash;
      const roleChanged = dto.role !== undefined && dto.role !== user.role;
      const signOut = passwordHash !== undefined || roleChanged || (dto.active !== undefined && dto.active !== user.active);
      await em.update(User, { id }, signOut ? { ...changes, tokenVersion: NEXT_TOKEN_VERSION } : changes);
      const after = toUserView({ ...user, ...changes });
      await this.audit.record(em, actor, {
        action: dto.active === false ? 'deactivate' : dto.active === true && !user.active ? 'activate' : 'update',
        entityType: 'user',
        entityId: id,
        before,
        after: { ...after, ...(passwordHash ? { passwordChanged: true } : {}) },
      });
      if (roleChanged) await this.endMembershipsBeyond(em, actor, user, dto.role!);
      return after;
    });
  }

  /** The caller's own new password (checked against the current one by the caller); answers the account with its new token version. */
  async changeOwnPassword(me: Principal, newPassword: string): Promise<User> {
    const passwordHash = await this.hashing.hash(newPassword);
    return this.tx.run(async (em) => {
      await em.update(User, { id: me.id }, { passwordHash, updatedAt: this.clock.now(), tokenVersion: NEXT_TOKEN_VERSION });
      await this.audit.record(em, me, { action: 'password', entityType: 'user', entityId: me.id, before: null, after: { passwordChanged: true } });
      return em.findOneOrFail(User, { where: { id: me.id } });
    });
  }

  findByEmailWithHash(email: string): Promise<User | null> {
    return this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: email.toLowerCase() })
      .getOne();
  }

  /** The account as a principal while it is active; null once it is deactivated or gone (the queue dashboard asks). */
  async activePrincipal(id: string): Promise<Principal | null> {
    const user = await this.dataSource.getRepository(User).findOne({ where: { id } });
    return user && user.active ? { id: user.id, email: user.email, name: user.name, role: user.role } : null;
  }

  /** Does any account use one of these emails? (The demo seed refuses to run twice.) */
  anyWithEmail(emails: string[]): Promise<boolean> {
    return this.dataSource.getRepository(User).exists({ where: { email: In(emails) } });
  }

  async adminExists(): Promise<boolean> {
    return (await this.dataSource.getRepository(User).count({ where: { role: 'admin' } })) > 0;
  }

  private async endMembershipsBeyond(em: EntityManager, actor: Principal, user: User, role: User['role']): Promise<void> {
    const memberships = await em.find(Membership, { where: { userId: user.id } });
    for (const membership of memberships.filter((m) => !canHoldMembership(role, m.role))) {
      await em.delete(Membership, { initiativeId: membership.initiativeId, userId: user.id });
      await this.audit.record(em, actor, {
        action: 'delete',
        entityType: 'membership',
        entityId: user.id,
        initiativeId: membership.initiativeId,
        before: { userId: user.id, role: membership.role },
        after: null,
      });
    }
  }

  private async assertEmailFree(em: EntityManager, email: string): Promise<void> {
    if (await em.exists(User, { where: { email: email.toLowerCase() } })) {
      throw new ConflictException(`An account with the email ${email} already exists.`);
    }
  }
}
