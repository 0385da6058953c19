import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { Initiative, MemberRole, Membership } from '../initiatives/initiative.entity';

/**
 * What a caller may do with an initiative's data:
 * read (see it), contribute (write open cycles, indicators, check-ins), review (coach verdicts),
 * administer (change the initiative and its members).
 */
export type InitiativeAction = 'read' | 'contribute' | 'review' | 'administer';

export type Standing = MemberRole | 'admin';

const ALLOWED: Record<InitiativeAction, Standing[]> = {
  read: ['admin', 'librarian', 'coach'],
  contribute: ['admin', 'librarian'],
  review: ['admin', 'coach'],
  administer: ['admin'],
};

const REFUSAL: Record<InitiativeAction, string> = {
  read: 'You cannot see this initiative.',
  contribute: "Only the initiative's librarians and admins can record or change its work.",
  review: "Only the initiative's coaches and admins can review its cycles.",
  administer: 'Only admins can change an initiative and its members.',
};

export interface InitiativeAccess {
  initiative: Initiative;
  standing: Standing;
}

/**
 * The one authorization policy for initiative data. An initiative the caller may not see is 404
 * (its existence is not revealed); an action the caller may not take on a visible one is 403.
 */
@Injectable()
export class AccessPolicy {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async initiative(actor: Principal, initiativeId: string, action: InitiativeAction, em?: EntityManager): Promise<InitiativeAccess> {
    const manager = em ?? this.dataSource.manager;
    const row = await manager
      .getRepository(Initiative)
      .createQueryBuilder('i')
      .leftJoin(Membership, 'm', 'm.initiativeId = i.id AND m.userId = :me', { me: actor.id })
      .addSelect('m.role', 'member_role')
      .where('i.id = :id', { id: initiativeId })
      .getRawAndEntities();
    const initiative = row.entities[0];
    const memberRole = row.raw[0]?.member_role as MemberRole | null | undefined;
    const standing: Standing | null = actor.role === 'admin' ? 'admin' : memberRole ?? null;
    if (!initiative || !standing) throw new NotFoundException('No initiative with this id.');
    this.assert(standing, action);
    return { initiative, standing };
  }

  assert(standing: Standing, action: InitiativeAction): void {
    if (!ALLOWED[action].includes(standing)) throw new ForbiddenException(REFUSAL[action]);
  }

  /** The initiatives the caller may see, or null for "all" (admins). */
  async visibleInitiativeIds(actor: Principal): Promise<string[] | null> {
    if (actor.role === 'admin') return null;
    const rows = await this.dataSource.getRepository(Membership).find({ select: { initiativeId: true }, where: { userId: actor.id } });
    return rows.map((r) => r.initiativeId);
  }
}
