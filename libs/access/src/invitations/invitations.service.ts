import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, Clock, isUniqueViolation, newId, Page, PageQuery, Transactions } from '@r2c/core';
import type { AppConfig } from '@r2c/core';
import { NewMail, OutboxService } from '@r2c/notify';
import type { InvitationLinkCheck, LoginResult, MemberRole } from '@r2c/contracts';
import { AuditService } from '../audit/audit.service';
import { AuthService } from '../auth/auth.service';
import { LoginThrottle } from '../auth/login-throttle';
import type { Principal } from '../auth/principal';
import { Initiative, Membership } from '../initiatives/initiative.entity';
import { canHoldMembership } from '../initiatives/membership-rule';
import { PasswordHashing } from '../users/password-hashing';
import { isPasswordHash } from '../users/passwords';
import { toUserView } from '../users/user.dto';
import { User } from '../users/user.entity';
import { AcceptInvitationDto, CreateInvitationDto, InvitationView, toInvitationView } from './invitation.dto';
import { Invitation } from './invitation.entity';
import { hashLinkToken, newLinkToken, plainInstant, sameLinkHash } from './link-tokens';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const fieldProblem = (message: string, field: string, problem: string) => new BadRequestException({ message, details: [{ field, problems: [problem] }] });

/** Why an invitation link cannot be used any more, in words for the person holding it; null while it can. */
export function invitationRefusal(invitation: Invitation | null, now: Date): string | null {
  if (!invitation)
    return 'This invitation link is not valid: check that you copied the whole link from the email, or ask the programme staff for a new invitation.';
  const ended = invitation.endedAt ? plainInstant(new Date(invitation.endedAt)) : 'an earlier date';
  switch (invitation.status) {
    case 'accepted':
      return `This invitation was already used on ${ended}: sign in with the password chosen then, or ask for a password reset if you no longer know it.`;
    case 'replaced':
      return `This invitation was replaced by a newer one on ${ended}: use the link in the most recent invitation email.`;
    case 'revoked':
      return `This invitation was revoked on ${ended} by the programme staff: ask them for a new one if you still need an account.`;
  }
  const expiresAt = new Date(invitation.expiresAt);
  if (expiresAt.getTime() <= now.getTime()) return `This invitation expired on ${plainInstant(expiresAt)}: ask the programme staff for a new one.`;
  return null;
}

/**
 * Invitations: an admin invites someone by email; the link (single use, 7 days) lets them choose a
 * password and signs them in with the account, its role and its membership. Inviting a pending email
 * again replaces the earlier invitation, whose link then says so.
 */
@Injectable()
export class InvitationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly hashing: PasswordHashing,
    private readonly outbox: OutboxService,
    private readonly auth: AuthService,
    private readonly throttle: LoginThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async invite(actor: Principal, dto: CreateInvitationDto): Promise<InvitationView> {
    const memberRole = this.memberRoleOf(dto);
    const { token, hash } = newLinkToken();
    let view: InvitationView;
    try {
      view = await this.tx.run(async (em) => {
        await this.assertNoAccount(em, dto.email);
        if (dto.initiativeId && !(await em.exists(Initiative, { where: { id: dto.initiativeId } }))) {
          throw fieldProblem('There is no initiative with this id.', 'initiativeId', 'initiativeId is not the id of an initiative');
        }
        const now = this.clock.now();
        for (const earlier of await em.find(Invitation, { where: { pendingEmail: dto.email } })) {
          await em.update(Invitation, { id: earlier.id }, { status: 'replaced', pendingEmail: null, endedAt: now });
          await this.audit.record(em, actor, {
            action: 'replace',
            entityType: 'invitation',
            entityId: earlier.id,
            before: { status: 'pending' },
            after: { status: 'replaced' },
          });
        }
        const invitation: Invitation = {
          id: newId(),
          email: dto.email,
          pendingEmail: dto.email,
          name: dto.name,
          role: dto.role,
          initiativeId: dto.initiativeId ?? null,
          memberRole,
          tokenHash: hash,
          status: 'pending',
          expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
          invitedBy: actor.id,
          userId: null,
          endedAt: null,
          createdAt: now,
        };
        await em.insert(Invitation, invitation);
        const initiative = invitation.initiativeId ? await em.findOne(Initiative, { where: { id: invitation.initiativeId } }) : null;
        await this.outbox.add(em, [this.invitationEmail(invitation, token, actor, initiative?.title ?? null)]);
        const created = toInvitationView(invitation, now);
        await this.audit.record(em, actor, {
          action: 'create',
          entityType: 'invitation',
          entityId: invitation.id,
          initiativeId: invitation.initiativeId,
          after: created,
        });
        return created;
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ConflictException(`Someone invited ${dto.email} at the same moment. Look at the pending invitations before inviting again.`);
      throw error;
    }
    this.outbox.kick();
    return view;
  }

  /** Pending invitations, newest first; an expired one stays listed (marked expired) until it is revoked or replaced. */
  async listPending(query: PageQuery): Promise<Page<InvitationView>> {
    const [rows, total] = await this.dataSource.getRepository(Invitation).findAndCount({
      where: { status: 'pending' },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: query.limit,
      skip: query.offset,
    });
    const now = this.clock.now();
    return { items: rows.map((row) => toInvitationView(row, now)), total };
  }

  /** Revokes a pending invitation: its link then answers that it was revoked. */
  async revoke(actor: Principal, id: string): Promise<void> {
    await this.tx.run(async (em) => {
      const invitation = await em.findOne(Invitation, { where: { id } });
      if (!invitation) throw new NotFoundException('No invitation with this id.');
      if (invitation.status !== 'pending') throw new ConflictException(`This invitation is no longer pending: it was ${invitation.status}.`);
      await em.update(Invitation, { id }, { status: 'revoked', pendingEmail: null, endedAt: this.clock.now() });
      await this.audit.record(em, actor, {
        action: 'revoke',
        entityType: 'invitation',
        entityId: id,
        initiativeId: invitation.initiativeId,
        before: { status: 'pending' },
        after: { status: 'revoked' },
      });
    });
  }

  /**
   * The link's holder chooses a password: the account is created (or, for an account without a
   * password, completed with the password, role and name), the membership added, the invitation
   * used up, each audited, and the person signed in. A used, replaced, revoked or expired link is 400 saying which.
   */
  async accept(dto: AcceptInvitationDto): Promise<LoginResult> {
    const usable = await this.usableInvitation(dto.token);
    const passwordHash = await this.hashing.hash(dto.password);
    const user = await this.tx.run(async (em) => {
      const now = this.clock.now();
      const claimed = await em
        .createQueryBuilder()
        .update(Invitation)
        .set({ status: 'accepted', pendingEmail: null, endedAt: now })
        .where('id = :id AND status = :pending', { id: usable.id, pending: 'pending' })
        .execute();
      if (!claimed.affected) {
        // Used, replaced or revoked since it was read: say which.
        const again = invitationRefusal(await em.findOne(Invitation, { where: { id: usable.id } }), now)!;
        throw fieldProblem(again, 'token', again);
      }
      const existing = await em.createQueryBuilder(User, 'u').addSelect('u.passwordHash').where('u.email = :email', { email: usable.email }).getOne();
      let userId: string;
      if (existing) {
        if (isPasswordHash(existing.passwordHash)) {
          throw new ConflictException(`An account with the email ${usable.email} already exists: sign in with it instead, or ask for a password reset.`);
        }
        userId = existing.id;
        const before = toUserView(existing);
        const changes = { passwordHash, role: usable.role, active: true, updatedAt: now };
        await em.update(User, { id: userId }, { ...changes, tokenVersion: () => 'token_version + 1' });
        await this.audit.record(
          em,
          { id: userId, email: existing.email, name: existing.name, role: usable.role },
          {
            action: 'accept_invitation',
            entityType: 'user',
            entityId: userId,
            before,
            after: { ...toUserView({ ...existing, ...changes }), passwordChanged: true, invitationId: usable.id },
          },
        );
        await this.endMembershipsBeyond(em, { id: userId, email: existing.email, name: existing.name, role: usable.role });
      } else {
        userId = newId();
        const user: User = {
          id: userId,
          email: usable.email,
          name: usable.name,
          role: usable.role,
          passwordHash,
          active: true,
          tokenVersion: 0,
          createdAt: now,
          updatedAt: now,
        };
        await em.insert(User, user);
        await this.audit.record(
          em,
          { id: userId, email: user.email, name: user.name, role: user.role },
          {
            action: 'accept_invitation',
            entityType: 'user',
            entityId: userId,
            before: null,
            after: { ...toUserView(user), invitationId: usable.id },
          },
        );
      }
      await em.update(Invitation, { id: usable.id }, { userId });
      const principal: Principal = { id: userId, email: usable.email, name: existing?.name ?? usable.name, role: usable.role };
      if (usable.initiativeId && usable.memberRole) await this.joinInitiative(em, principal, usable.initiativeId, usable.memberRole);
      return em.findOneOrFail(User, { where: { id: userId } });
    });
    return this.auth.issueFor(user);
  }

  /**
   * Who the link is for, so its page greets the person before they type a password; the link is not
   * spent. Refused exactly as accepting would refuse it at this moment. Counted per client address.
   */
  async check(token: string, address: string): Promise<InvitationLinkCheck> {
    await this.throttle.countLinkCheck(address);
    const invitation = await this.usableInvitation(token);
    const initiative = invitation.initiativeId ? await this.dataSource.getRepository(Initiative).findOne({ where: { id: invitation.initiativeId } }) : null;
    return {
      email: invitation.email,
      name: invitation.name,
      role: invitation.role,
      expiresAt: new Date(invitation.expiresAt).toISOString(),
      ...(initiative && invitation.memberRole ? { initiativeTitle: initiative.title, memberRole: invitation.memberRole } : {}),
    };
  }

  /** The invitation the token belongs to while it can still be accepted; otherwise 400 on `token` saying why. */
  private async usableInvitation(token: string): Promise<Invitation> {
    const hash = hashLinkToken(token);
    const found = await this.dataSource.getRepository(Invitation).findOne({ where: { tokenHash: hash } });
    const usable = found && sameLinkHash(found.tokenHash, hash) ? found : null;
    const refusal = invitationRefusal(usable, this.clock.now());
    if (refusal || !usable) throw fieldProblem(refusal!, 'token', refusal!);
    return usable;
  }

  private async joinInitiative(em: EntityManager, person: Principal, initiativeId: string, role: MemberRole): Promise<void> {
    // The initiative may have been deleted since the invitation (its invitations go with it, so this is a guard only).
    if (!(await em.exists(Initiative, { where: { id: initiativeId } }))) return;
    const existing = await em.findOne(Membership, { where: { initiativeId, userId: person.id } });
    if (existing?.role === role) return;
    if (existing) await em.update(Membership, { initiativeId, userId: person.id }, { role });
    else await em.insert(Membership, { initiativeId, userId: person.id, role, createdAt: this.clock.now() });
    await this.audit.record(em, person, {
      action: existing ? 'update' : 'create',
      entityType: 'membership',
      entityId: person.id,
      initiativeId,
      before: existing ? { role: existing.role } : null,
      after: { userId: person.id, role, via: 'invitation' },
    });
  }

  /** A completed account takes the invitation's role: memberships that role cannot hold end, each audited (as a role change does). */
  private async endMembershipsBeyond(em: EntityManager, person: Principal): Promise<void> {
    for (const membership of await em.find(Membership, { where: { userId: person.id } })) {
      if (canHoldMembership(person.role, membership.role)) continue;
      await em.delete(Membership, { initiativeId: membership.initiativeId, userId: person.id });
      await this.audit.record(em, person, {
        action: 'delete',
        entityType: 'membership',
        entityId: person.id,
        initiativeId: membership.initiativeId,
        before: { userId: person.id, role: membership.role },
        after: null,
      });
    }
  }

  /** The membership the invitation grants: memberRole, or the account's own role, and only a role the account can hold. */
  private memberRoleOf(dto: CreateInvitationDto): MemberRole | null {
    if (!dto.initiativeId) {
      if (dto.memberRole)
        throw fieldProblem('memberRole needs an initiativeId: say which initiative the person joins.', 'memberRole', 'memberRole needs initiativeId');
      return null;
    }
    const memberRole = dto.memberRole ?? (dto.role === 'librarian' || dto.role === 'coach' ? dto.role : undefined);
    if (!memberRole || !canHoldMembership(dto.role, memberRole)) {
      const problem = `a ${dto.role} account cannot be ${memberRole ? `a ${memberRole}` : 'a member'} of an initiative; only a librarian account is a librarian member and only a coach account a coach`;
      throw fieldProblem(`The membership does not fit the role: ${problem}.`, 'memberRole', problem);
    }
    return memberRole;
  }

  private async assertNoAccount(em: EntityManager, email: string): Promise<void> {
    const user = await em.createQueryBuilder(User, 'u').addSelect('u.passwordHash').where('u.email = :email', { email }).getOne();
    if (!user || !isPasswordHash(user.passwordHash)) return; // none yet, or one without a password that the invitation completes
    throw new ConflictException(
      user.active
        ? `${email} already has an active account, so there is nobody to invite: they can sign in, or ask for a password reset if they forgot their password.`
        : `${email} already has an account, which is deactivated: reactivate it under users instead of inviting again.`,
    );
  }

  private invitationEmail(invitation: Invitation, token: string, actor: Principal, initiativeTitle: string | null): NewMail {
    const link = `${this.config.appUrl}/accept-invitation?token=${token}`;
    const joining = initiativeTitle ? ` and join the initiative "${initiativeTitle}" as its ${invitation.memberRole}` : '';
    return {
      idempotencyKey: `invitation:${invitation.id}`,
      kind: 'invitation',
      to: invitation.email,
      subject: 'You are invited to R2C Tracker',
      text: [
        `Hello ${invitation.name},`,
        '',
        `${actor.name} invited you to R2C Tracker, where the coalition's libraries plan and record their Research to Change cycles. You are invited as a ${invitation.role}${joining}.`,
        '',
        'To accept, open this link and choose a password; you are then signed in:',
        link,
        '',
        `The link works once and expires on ${plainInstant(new Date(invitation.expiresAt))}. If it has expired, ask the programme staff for a new one.`,
        '',
        `You get this email because ${actor.name} (${actor.email}) entered your address. If you did not expect it, ignore it: no account is made unless the link is used.`,
      ].join('\n'),
    };
  }
}
