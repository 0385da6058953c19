import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { type Bind, changedFields, Clock, entityColumns, insertRowSql, newId, Page, rowValues } from '@r2c/core';
import type { Principal } from '../auth/principal';
import { AccessPolicy } from '../policy/access-policy';
import { Permission } from '../policy/permissions';
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
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly policy: AccessPolicy,
  ) {}

  /** Writes the audit row with the caller's transaction, so a change and its record commit together; answers its id, or null when the change changed nothing and no row was written. */
  async record(em: EntityManager, actor: Principal | null, change: AuditChange): Promise<string | null> {
    const entry = this.entryFor(actor, change);
    if (!entry) return null;
    await em.insert(AuditEntry, entry as never);
    return entry.id;
  }

  /** The same row as `record` writes, as an INSERT for a write sent in one trip (Transactions.runInOneTrip); null when there is nothing to record. */
  insertSql(actor: Principal | null, change: AuditChange, bind?: Bind): string | null {
    const entry = this.entryFor(actor, change);
    return entry && insertRowSql(this.dataSource, AuditEntry, entry, {}, bind);
  }

  /** The audit table's name, and its columns in the order `rowValues` gives a row's values. */
  table(): { name: string; columns: string[] } {
    return { name: this.dataSource.getMetadata(AuditEntry).tableName, columns: entityColumns(this.dataSource, AuditEntry) };
  }

  /** The values of the row `record` writes, as TypeORM writes them, in the order of `table().columns`, for a write that binds them itself; null when there is nothing to record. */
  rowValues(actor: Principal | null, change: AuditChange): unknown[] | null {
    const entry = this.entryFor(actor, change);
    return entry && rowValues(this.dataSource, AuditEntry, entry);
  }

  private entryFor(actor: Principal | null, change: AuditChange): AuditEntry | null {
    const { before, after } = changedFields(withoutSecrets(change.before), withoutSecrets(change.after));
    if (before && after && Object.keys(after).length === 0) return null;
    return {
      id: newId(),
      actorId: actor?.id ?? null,
      action: change.action,
      entityType: change.entityType,
      entityId: change.entityId,
      initiativeId: change.initiativeId ?? null,
      before,
      after,
      at: this.clock.now(),
    };
  }

  /** The rows of the initiatives where the caller holds audit.read (admins: every row, coaches: those they coach). */
  async list(actor: Principal, query: AuditQuery): Promise<Page<AuditEntry>> {
    await this.policy.require(actor, Permission.AuditRead);
    const qb = this.policy.narrow(this.dataSource.getRepository(AuditEntry).createQueryBuilder('a'), actor, Permission.AuditRead, 'a.initiative_id');
    if (query.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: query.entityId });
    const [items, total] = await qb.orderBy('a.at', 'DESC').addOrderBy('a.id', 'ASC').take(query.limit).skip(query.offset).getManyAndCount();
    return { items, total };
  }
}
