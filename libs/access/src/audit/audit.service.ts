import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { changedFields, Clock, newId, Page } from '@r2c/core';
import type { Principal } from '../auth/principal';
import { AuditedEntityType, AuditEntry } from './audit-entry.entity';

export interface AuditChange {
  action: string;
  entityType: AuditedEntityType;
  entityId: string;
  initiativeId?: string | null;
  before?: object | null;
  after?: object | null;
}

export interface AuditQuery {
  entityType?: AuditedEntityType;
  entityId?: string;
  limit: number;
  offset: number;
}

const SECRET_FIELDS = new Set(['passwordHash', 'password']);

function withoutSecrets(value: object | null | undefined): Record<string, unknown> | null {
  if (!value) return null;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !SECRET_FIELDS.has(key)));
}

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly clock: Clock) {}

  /** Writes one audit row with the caller's transaction, so a change and its record commit together. */
  async record(em: EntityManager, actor: Principal | null, change: AuditChange): Promise<void> {
    const { before, after } = changedFields(withoutSecrets(change.before), withoutSecrets(change.after));
    if (before && after && Object.keys(after).length === 0) return;
    await em.insert(AuditEntry, {
      id: newId(),
      actorId: actor?.id ?? null,
      action: change.action,
      entityType: change.entityType,
      entityId: change.entityId,
      initiativeId: change.initiativeId ?? null,
      before: before as never,
      after: after as never,
      at: this.clock.now(),
    });
  }

  /** Admins read every row; coaches the rows of initiatives they coach; nobody else. */
  async list(actor: Principal, query: AuditQuery): Promise<Page<AuditEntry>> {
    if (actor.role !== 'admin' && actor.role !== 'coach') throw new ForbiddenException('Only admins and coaches can read the audit log.');
    const qb = this.dataSource.getRepository(AuditEntry).createQueryBuilder('a');
    if (query.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: query.entityId });
    if (actor.role === 'coach') {
      qb.andWhere("a.initiative_id IN (SELECT m.initiative_id FROM memberships m WHERE m.user_id = :me AND m.role = 'coach')", { me: actor.id });
    }
    const [items, total] = await qb.orderBy('a.at', 'DESC').addOrderBy('a.id', 'ASC').take(query.limit).skip(query.offset).getManyAndCount();
    return { items, total };
  }
}
