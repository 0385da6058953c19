import { DataSource } from 'typeorm';
import { entityColumns, quotedName, rowValues } from '@r2c/core';
import { Evidence } from './evidence.entity';

/**
 * What an entry written in one trip depends on, as read before the write (EvidenceService.addFor):
 * the write re-checks each in the database, so that a change in between refuses it.
 */
export interface EntryGuard {
  userId: string;
  cycleId: string;
  initiativeId: string;
  phase: string;
  status: string;
  digestSharing: string | null;
  memberRole: string | null;
  active: boolean;
  role: string;
  tokenVersion: number;
  indicatorId: string | null;
  indicatorKind: string | null;
}

/** Each fact the guard re-checks, once: a field added to EntryGuard must be listed here. */
const GUARD_FIELD_SET: Record<keyof EntryGuard, true> = {
  userId: true,
  cycleId: true,
  initiativeId: true,
  phase: true,
  status: true,
  digestSharing: true,
  memberRole: true,
  active: true,
  role: true,
  tokenVersion: true,
  indicatorId: true,
  indicatorKind: true,
};
const GUARD_FIELDS = Object.keys(GUARD_FIELD_SET) as (keyof EntryGuard)[];

/**
 * The entry's cycle, as long as the facts are what was read; else NULL, which the entry's NOT NULL
 * cycle column refuses (see FACTS_CHANGED). `fact` writes where each fact's value comes from (a
 * parameter, a trigger's NEW column). `indicator`: whether the entry's indicator is checked too —
 * always, never, or when the entry names one.
 */
export function cycleWhileUnchanged(fact: (name: keyof EntryGuard) => string, indicator: 'checked' | 'none' | 'when-named'): string {
  // Written only where used: each `fact` may bind a parameter.
  const indicatorUnchanged = () =>
    `EXISTS (SELECT 1 FROM indicators d WHERE d.id = ${fact('indicatorId')} AND d.initiative_id = ${fact('initiativeId')} AND d.kind = ${fact('indicatorKind')})`;
  return [
    `(SELECT c.id FROM cycles c JOIN initiatives i ON i.id = c.initiative_id`,
    `LEFT JOIN memberships m ON m.initiative_id = i.id AND m.user_id = ${fact('userId')}`,
    `WHERE c.id = ${fact('cycleId')} AND c.initiative_id = ${fact('initiativeId')} AND c.phase = ${fact('phase')} AND i.status = ${fact('status')}`,
    `AND i.digest_sharing IS NOT DISTINCT FROM ${fact('digestSharing')} AND m.role IS NOT DISTINCT FROM ${fact('memberRole')}`,
    `AND EXISTS (SELECT 1 FROM users u WHERE u.id = ${fact('userId')} AND u.active = ${fact('active')} AND u.role = ${fact('role')} AND u.token_version = ${fact('tokenVersion')})`,
    indicator === 'checked' ? `AND ${indicatorUnchanged()}` : '',
    indicator === 'when-named' ? `AND (${fact('indicatorId')} IS NULL OR ${indicatorUnchanged()})` : '',
    ')',
  ]
    .filter(Boolean)
    .join(' ');
}

const VIEW = 'evidence_entry_write';
const guardColumn = (name: keyof EntryGuard) => quotedName(`guard_${name}`);
const auditColumn = (column: string) => quotedName(`audit_${column}`);

/**
 * On SQLite, an entry and its audit row as one prepared statement (Transactions.runPrepared): an
 * INSERT into a TEMP view whose INSTEAD OF trigger inserts the entry, its cycle guarded by
 * `cycleWhileUnchanged`, and the audit row. The statement is a transaction of its own, so both rows or
 * neither are written. Its text and the trigger's never change, so SQLite compiles them once per
 * connection; a script (`BEGIN IMMEDIATE; INSERT …; INSERT …; COMMIT` with the values written in)
 * was parsed again for each entry. The view and trigger are TEMP: they live in the connection, not in
 * the schema the migrations make.
 */
export class SqliteEntryWrite {
  readonly setup: string;
  readonly insert: string;

  /** `audit`: the audit table, its columns in the order of the values `parameters` is given (AuditService.table and rowValues). */
  constructor(
    private readonly dataSource: DataSource,
    audit: { name: string; columns: string[] },
  ) {
    const entryTable = dataSource.getMetadata(Evidence).tableName;
    const entryColumns = entityColumns(dataSource, Evidence);
    const auditColumns = audit.columns;
    const viewColumns = [...entryColumns.map(quotedName), ...GUARD_FIELDS.map(guardColumn), ...auditColumns.map(auditColumn)];
    const fromNew = (name: keyof EntryGuard) => `NEW.${guardColumn(name)}`;
    const entryValues = entryColumns.map((column) => (column === 'cycle_id' ? cycleWhileUnchanged(fromNew, 'when-named') : `NEW.${quotedName(column)}`));
    this.setup = [
      `CREATE TEMP VIEW IF NOT EXISTS ${VIEW} AS SELECT ${viewColumns.map((column) => `NULL AS ${column}`).join(', ')} WHERE 0;`,
      `CREATE TEMP TRIGGER IF NOT EXISTS ${VIEW}_insert INSTEAD OF INSERT ON ${VIEW} BEGIN`,
      `INSERT INTO main.${quotedName(entryTable)} (${entryColumns.map(quotedName).join(', ')}) VALUES (${entryValues.join(', ')});`,
      `INSERT INTO main.${quotedName(audit.name)} (${auditColumns.map(quotedName).join(', ')}) VALUES (${auditColumns.map((column) => `NEW.${auditColumn(column)}`).join(', ')});`,
      'END;',
    ].join('\n');
    this.insert = `INSERT INTO temp.${VIEW} (${viewColumns.join(', ')}) VALUES (${viewColumns.map(() => '?').join(', ')})`;
  }

  /** The statement's parameters, in the order of its columns. */
  parameters(entry: Evidence, guard: EntryGuard, auditValues: unknown[]): unknown[] {
    return [...rowValues(this.dataSource, Evidence, entry), ...GUARD_FIELDS.map((name) => guard[name]), ...auditValues];
  }
}
