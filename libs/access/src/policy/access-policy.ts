import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { columnsOf, entityFrom, Reads } from '@r2c/core';
import type { Principal } from '../auth/principal';
import { DigestSharing, Initiative, MemberRole, Membership } from '../initiatives/initiative.entity';
import { accountStanding, decide, Decision, memberRolesHolding, Permission, PERMISSION_RULES, sharesSummary, Standing } from './permissions';

/** What the policy needs to know of a cycle (the cycle entity has it). */
export interface CycleFacts {
  id: string;
  initiativeId: string;
  phase: string;
}

/** Where a list that spans cycles keeps the cycle's phase and its initiative's digest sharing, for summary.read. */
export interface SharedColumns {
  phase: string;
  digestSharing: string;
}

/** `sharesSummary` as SQL: the cycle is closed and its initiative does not share `nothing`. */
function sharesSummaryClause(shared: SharedColumns | undefined): string {
  if (!shared) throw new Error('summary.read narrows a list only with the columns of the cycle phase and the initiative digest sharing.');
  return `(${shared.phase} = 'closed' AND COALESCE(${shared.digestSharing}, 'everything') <> 'nothing')`;
}

/** The caller's standing on an initiative: admin for an admin, else their member role there, else outsider. */
const standingOf = (actor: Principal, memberRole: MemberRole | null | undefined): Standing => (actor.role === 'admin' ? 'admin' : (memberRole ?? 'outsider'));

/** Where `requireOnCycle` puts the joined initiative on the cycle for a moment. */
const JOINED_INITIATIVE = '__initiative';

export type AccessTarget = { initiativeId: string } | { cycle: CycleFacts };

export interface InitiativeAccess {
  initiative: Initiative;
  standing: Standing;
}

/**
 * The one authorization policy. Every route asks `require(caller, permission)` (account
 * permissions, through @Requires) or `require(caller, permission, { initiativeId } | { cycle })`;
 * the answer comes from the table in permissions.ts. An initiative or cycle the caller may not see
 * is 404 (its existence is not revealed); an action the caller may not take on one they see is 403.
 */
@Injectable()
export class AccessPolicy {
  /** `requireOnCycle`'s SQL outside a transaction, per cycle entity. */
  private readonly cycleSql = new Map<EntityTarget<ObjectLiteral>, string>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: Reads,
  ) {}

  require(actor: Principal, permission: Permission): Promise<void>;
  require(actor: Principal, permission: Permission, target: AccessTarget, em?: EntityManager): Promise<InitiativeAccess>;
  async require(actor: Principal, permission: Permission, target?: AccessTarget, em?: EntityManager): Promise<InitiativeAccess | void> {
    const rule = PERMISSION_RULES[permission];
    if (!target) {
      if (rule.about !== 'account') throw new Error(`${permission} is about an initiative or a cycle: ask for it with its id.`);
      return this.enforce(decide(permission, accountStanding(actor.role)));
    }
    const initiativeId = 'cycle' in target ? target.cycle.initiativeId : target.initiativeId;
    const found = await this.standingOn(actor, initiativeId, em);
    if (!found) throw new NotFoundException('cycle' in target ? 'No cycle with this id.' : 'No initiative with this id.');
    const shared = 'cycle' in target && sharesSummary(target.cycle.phase, found.initiative.digestSharing);
    this.enforce(decide(permission, found.standing, shared));
    return found;
  }

  /**
   * `require(caller, permission, { cycle })` for a cycle read by id, with its initiative and the caller's
   * membership in the same query (one round trip instead of two inside a write transaction). `cycles`
   * is the cycle entity, which this library does not know; 404 when there is no such cycle.
   */
  async requireOnCycle<C extends CycleFacts>(
    actor: Principal,
    permission: Permission,
    cycles: EntityTarget<C>,
    cycleId: string,
    em?: EntityManager,
  ): Promise<InitiativeAccess & { cycle: C }> {
    const { found, initiative, memberRole } = em ? await this.cycleWithin(em, actor, cycles, cycleId) : await this.cycleRead(actor, cycles, cycleId);
    if (!found || !initiative) throw new NotFoundException('No cycle with this id.');
    const standing = standingOf(actor, memberRole);
    this.enforce(decide(permission, standing, sharesSummary(found.phase, initiative.digestSharing)));
    return { cycle: found, initiative, standing };
  }

  /** The cycle, its initiative and the caller's membership inside the caller's transaction (sees its writes). */
  private async cycleWithin<C extends CycleFacts>(em: EntityManager, actor: Principal, cycles: EntityTarget<C>, cycleId: string) {
    const { raw, entities } = await em
      .getRepository(cycles)
      .createQueryBuilder('c')
      .innerJoinAndMapOne(`c.${JOINED_INITIATIVE}`, Initiative, 'i', 'i.id = c.initiativeId')
      .leftJoin(Membership, 'm', 'm.initiativeId = i.id AND m.userId = :me', { me: actor.id })
      .addSelect('m.role', 'member_role')
      .where('c.id = :id', { id: cycleId })
      .getRawAndEntities();
    const found = entities[0] as (C & { [JOINED_INITIATIVE]?: Initiative }) | undefined;
    const initiative = found?.[JOINED_INITIATIVE];
    if (found) delete found[JOINED_INITIATIVE];
    const memberRole = (raw[0] as { member_role?: MemberRole | null } | undefined)?.member_role ?? null;
    return { found, initiative, memberRole };
  }

  /**
   * The same outside a transaction: one SQL text per cycle entity, on the read-only connection (`Reads`),
   * the entities built from the row as TypeORM builds them. TypeORM's query building was a sixteenth
   * of the CPU of GET /cycles/:id.
   */
  private async cycleRead<C extends CycleFacts>(actor: Principal, cycles: EntityTarget<C>, cycleId: string) {
    let sql = this.cycleSql.get(cycles);
    if (!sql) {
      const metadata = this.dataSource.getMetadata(cycles);
      const initiativeColumn = metadata.findColumnWithPropertyName('initiativeId')!.databaseName;
      sql = `SELECT ${columnsOf(this.dataSource, cycles, 'c')}, ${columnsOf(this.dataSource, Initiative, 'i')}, m.role AS member_role
        FROM "${metadata.tableName}" c JOIN initiatives i ON i.id = c."${initiativeColumn}"
        LEFT JOIN memberships m ON m.initiative_id = i.id AND m.user_id = ?
        WHERE c.id = ?`;
      this.cycleSql.set(cycles, sql);
    }
    const [row] = await this.reads.select<Record<string, unknown>>(sql, [actor.id, cycleId]);
    if (!row) return { found: undefined, initiative: undefined, memberRole: null };
    return {
      found: entityFrom(this.dataSource, cycles, row, 'c'),
      initiative: entityFrom(this.dataSource, Initiative, row, 'i'),
      memberRole: (row.member_role ?? null) as MemberRole | null,
    };
  }

  /**
   * What `requireOnCycle` decides, from facts already read (the caller's member role on the cycle's
   * initiative, the cycle's phase and the initiative's digest sharing): true when it would let the
   * caller through. For a write that reads outside its transaction and makes its insert conditional on
   * the same facts; when false, the caller asks `requireOnCycle` for the refusal.
   */
  allowsOnCycle(
    actor: Principal,
    permission: Permission,
    facts: { phase: string; digestSharing?: DigestSharing | null; memberRole: MemberRole | null },
  ): boolean {
    const standing = standingOf(actor, facts.memberRole);
    return decide(permission, standing, sharesSummary(facts.phase, facts.digestSharing ?? undefined)).allowed;
  }

  /**
   * The one clause that narrows a query to the initiatives where the caller holds `permission`
   * (`initiativeColumn` names the initiative id in the query): all of them for admins, those where the
   * caller has one of the roles holding it otherwise (none, when no initiative role holds it); for
   * summary.read also the shared summaries of other initiatives (`shared` names their columns). Used by
   * every list that spans initiatives.
   */
  narrow<T extends ObjectLiteral>(
    qb: SelectQueryBuilder<T>,
    actor: Principal,
    permission: Permission,
    initiativeColumn: string,
    shared?: SharedColumns,
  ): SelectQueryBuilder<T> {
    if (actor.role === 'admin') return qb;
    const roles = memberRolesHolding(permission);
    const sharedClause = PERMISSION_RULES[permission].holders.includes('signed-in, if shared') ? sharesSummaryClause(shared) : null;
    if (!roles.length) return qb.andWhere(sharedClause ?? '1 = 0');
    const key = permission.replace(/\W/g, '_');
    const member = `${initiativeColumn} IN (SELECT scope_m.initiative_id FROM memberships scope_m WHERE scope_m.user_id = :scope_user AND scope_m.role IN (:...${key}_roles))`;
    return qb.andWhere(sharedClause ? `(${member} OR ${sharedClause})` : member, {
      scope_user: actor.id,
      [`${key}_roles`]: roles,
    });
  }

  private async standingOn(actor: Principal, initiativeId: string, em?: EntityManager): Promise<InitiativeAccess | null> {
    const row = await (em ?? this.dataSource.manager)
      .getRepository(Initiative)
      .createQueryBuilder('i')
      .leftJoin(Membership, 'm', 'm.initiativeId = i.id AND m.userId = :me', { me: actor.id })
      .addSelect('m.role', 'member_role')
      .where('i.id = :id', { id: initiativeId })
      .getRawAndEntities();
    const initiative = row.entities[0];
    if (!initiative) return null;
    const memberRole = (row.raw[0] as { member_role?: MemberRole | null } | undefined)?.member_role;
    return { initiative, standing: standingOf(actor, memberRole) };
  }

  private enforce(decision: Decision): void {
    if (decision.allowed) return;
    throw decision.status === 404 ? new NotFoundException(decision.reason) : new ForbiddenException(decision.reason);
  }
}
