import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock, newId, Page, Transactions } from '@r2c/core';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { Library } from '../libraries/library.entity';
import { AccessPolicy } from '../policy/access-policy';
import { Permission } from '../policy/permissions';
import { User } from '../users/user.entity';
import type { InitiativeWithMembers, MembershipView } from '@r2c/contracts';
import {
  CreateInitiativeDto,
  DigestSharingDto,
  InitiativeListQuery,
  InitiativeView,
  MemberView,
  SetMemberDto,
  toInitiativeView,
  UpdateInitiativeDto,
} from './initiative.dto';
import { Initiative, Membership } from './initiative.entity';
import { canHoldMembership } from './membership-rule';

@Injectable()
export class InitiativesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly policy: AccessPolicy,
    private readonly clock: Clock,
  ) {}

  create(actor: Principal, dto: CreateInitiativeDto): Promise<InitiativeView> {
    return this.tx.run(async (em) => {
      if (!(await em.exists(Library, { where: { id: dto.libraryId } }))) {
        throw new BadRequestException({
          message: 'libraryId does not name an existing library',
          details: [{ field: 'libraryId', problems: ['no library with this id'] }],
        });
      }
      const now = this.clock.now();
      const initiative: Initiative = { id: newId(), ...dto, status: 'active', createdAt: now, updatedAt: now };
      await em.insert(Initiative, initiative);
      await this.audit.record(em, actor, {
        action: 'create',
        entityType: 'initiative',
        entityId: initiative.id,
        initiativeId: initiative.id,
        after: toInitiativeView(initiative),
      });
      return toInitiativeView(initiative);
    });
  }

  /**
   * Notes a check-in on the initiative (its reminder clock), inside the check-in's transaction: the
   * check-in's own audit row covers it, so this writes none.
   */
  async noteCheckIn(em: EntityManager, initiativeId: string, at: Date): Promise<void> {
    await em.update(Initiative, { id: initiativeId }, { lastCheckInAt: at });
  }

  async list(actor: Principal, query: InitiativeListQuery): Promise<Page<InitiativeView>> {
    const qb = this.policy.narrow(this.dataSource.getRepository(Initiative).createQueryBuilder('i'), actor, Permission.InitiativeRead, 'i.id');
    if (query.status) qb.andWhere('i.status = :status', { status: query.status });
    if (query.libraryId) qb.andWhere('i.libraryId = :libraryId', { libraryId: query.libraryId });
    const [items, total] = await qb.orderBy('i.title', 'ASC').addOrderBy('i.id', 'ASC').take(query.limit).skip(query.offset).getManyAndCount();
    return { items: items.map(toInitiativeView), total };
  }

  async get(actor: Principal, id: string): Promise<InitiativeWithMembers> {
    const { initiative } = await this.policy.require(actor, Permission.InitiativeRead, { initiativeId: id });
    return { ...toInitiativeView(initiative), members: await this.members(id) };
  }

  update(actor: Principal, id: string, dto: UpdateInitiativeDto): Promise<InitiativeView> {
    return this.tx.run(async (em) => {
      const { initiative } = await this.policy.require(actor, Permission.InitiativeManage, { initiativeId: id }, em);
      const updated: Initiative = { ...initiative, ...dto, updatedAt: this.clock.now() };
      await em.update(Initiative, { id }, { ...dto, updatedAt: updated.updatedAt });
      const action = dto.status && dto.status !== initiative.status ? `status:${dto.status}` : 'update';
      await this.audit.record(em, actor, {
        action,
        entityType: 'initiative',
        entityId: id,
        initiativeId: id,
        before: toInitiativeView(initiative),
        after: toInitiativeView(updated),
      });
      return toInitiativeView(updated);
    });
  }

  /** What reaches the coalition digest is the initiative's own choice: its librarians may set it, not only admins. */
  setDigestSharing(actor: Principal, id: string, dto: DigestSharingDto): Promise<InitiativeView> {
    return this.tx.run(async (em) => {
      const { initiative } = await this.policy.require(actor, Permission.InitiativeShare, { initiativeId: id }, em);
      const updated: Initiative = { ...initiative, digestSharing: dto.digestSharing, updatedAt: this.clock.now() };
      await em.update(Initiative, { id }, { digestSharing: dto.digestSharing, updatedAt: updated.updatedAt });
      await this.audit.record(em, actor, {
        action: 'digest_sharing',
        entityType: 'initiative',
        entityId: id,
        initiativeId: id,
        before: { digestSharing: toInitiativeView(initiative).digestSharing },
        after: { digestSharing: dto.digestSharing },
      });
      return toInitiativeView(updated);
    });
  }

  setMember(actor: Principal, initiativeId: string, userId: string, dto: SetMemberDto): Promise<MemberView> {
    return this.tx.run(async (em) => {
      await this.policy.require(actor, Permission.InitiativeManage, { initiativeId }, em);
      const user = await em.findOne(User, { where: { id: userId } });
      if (!user) throw new NotFoundException('No user with this id.');
      if (!canHoldMembership(user.role, dto.role)) {
        throw new ConflictException(
          `${user.name} has a ${user.role} account; only a ${dto.role} account can be a ${dto.role} of an initiative. Change the account's role first.`,
        );
      }
      const existing = await em.findOne(Membership, { where: { initiativeId, userId } });
      if (existing) {
        if (existing.role !== dto.role) await em.update(Membership, { initiativeId, userId }, { role: dto.role });
      } else {
        await em.insert(Membership, { initiativeId, userId, role: dto.role, createdAt: this.clock.now() });
      }
      await this.audit.record(em, actor, {
        action: existing ? 'update' : 'create',
        entityType: 'membership',
        entityId: userId,
        initiativeId,
        before: existing ? { role: existing.role } : null,
        after: { userId, role: dto.role },
      });
      return { initiativeId, userId, role: dto.role, name: user.name, email: user.email };
    });
  }

  removeMember(actor: Principal, initiativeId: string, userId: string): Promise<void> {
    return this.tx.run(async (em) => {
      await this.policy.require(actor, Permission.InitiativeManage, { initiativeId }, em);
      const existing = await em.findOne(Membership, { where: { initiativeId, userId } });
      if (!existing) throw new NotFoundException('This user is not a member of the initiative.');
      await em.delete(Membership, { initiativeId, userId });
      await this.audit.record(em, actor, {
        action: 'delete',
        entityType: 'membership',
        entityId: userId,
        initiativeId,
        before: { userId, role: existing.role },
        after: null,
      });
    });
  }

  async members(initiativeId: string): Promise<MemberView[]> {
    const rows = await this.dataSource
      .getRepository(Membership)
      .createQueryBuilder('m')
      .innerJoin(User, 'u', 'u.id = m.userId')
      .select(['m.initiativeId AS "initiativeId"', 'm.userId AS "userId"', 'm.role AS "role"', 'u.name AS "name"', 'u.email AS "email"'])
      .where('m.initiativeId = :initiativeId', { initiativeId })
      .orderBy('u.name', 'ASC')
      .getRawMany<MemberView>();
    return rows;
  }

  /** The caller's memberships with the initiative titles, for GET /me. */
  async membershipsOf(userId: string): Promise<MembershipView[]> {
    const memberships = await this.dataSource.getRepository(Membership).find({ where: { userId } });
    if (!memberships.length) return [];
    const initiatives = await this.dataSource.getRepository(Initiative).find({ where: { id: In(memberships.map((m) => m.initiativeId)) } });
    const titles = new Map(initiatives.map((i) => [i.id, i.title]));
    return memberships.map((m) => ({ initiativeId: m.initiativeId, title: titles.get(m.initiativeId) ?? '', role: m.role }));
  }
}
