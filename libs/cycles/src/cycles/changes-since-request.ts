import { EntityManager } from 'typeorm';
import { rawInstant } from '@r2c/core';
import type { ChangesSinceRequest, SectionChange } from '@r2c/contracts';

type Row = Record<string, unknown>;
type Section = SectionChange['section'];
const SECTIONS: Section[] = ['hypothesis', 'adaptation', 'reflection'];
const parsed = (value: unknown): Record<string, unknown> | null =>
  value === null || value === undefined || value === ''
    ? null
    : typeof value === 'string'
      ? (JSON.parse(value) as Record<string, unknown>)
      : (value as Record<string, unknown>);

/** The fields whose value differs between two saved versions of a section. */
function changedFieldsOf(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const empty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
  return [...keys].filter((key) => {
    const [b, a] = [before?.[key], after?.[key]];
    if (empty(b) && empty(a)) return false;
    return JSON.stringify(b ?? null) !== JSON.stringify(a ?? null);
  });
}

/**
 * What the librarians changed after a coach's request for changes, read from the audit log in two
 * queries: the section saves of this cycle since then, and the evidence added and removed since then.
 * Evidence rows are found by initiative: only one of its cycles is open at a time, and only an open
 * cycle takes evidence, so until this cycle closed every entry added or removed was this cycle's.
 */
export async function changesSinceRequest(
  em: EntityManager,
  cycle: { id: string; initiativeId: string; closedAt: Date | null },
  request: { createdAt: Date; body: string },
): Promise<ChangesSinceRequest> {
  const since = new Date(request.createdAt);
  const [saves, evidence] = await Promise.all([
    em
      .createQueryBuilder()
      .select(['a.action AS action', 'a.before AS before', 'a.after AS after'])
      .from('audit_entries', 'a')
      .where("a.entity_type = 'cycle' AND a.entity_id = :cycleId AND a.action IN (:...actions) AND a.at > :since", {
        cycleId: cycle.id,
        actions: SECTIONS.map((s) => `update:${s}`),
        since,
      })
      .orderBy('a.at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .getRawMany<Row>(),
    em
      .createQueryBuilder()
      .select(['a.action AS action', 'COUNT(*) AS entries'])
      .from('audit_entries', 'a')
      .where("a.entity_type = 'evidence' AND a.initiative_id = :initiativeId AND a.at > :since", { initiativeId: cycle.initiativeId, since })
      .andWhere(cycle.closedAt ? 'a.at <= :until' : '1 = 1', cycle.closedAt ? { until: new Date(cycle.closedAt) } : {})
      .groupBy('a.action')
      .getRawMany<Row>(),
  ]);

  const sections = SECTIONS.flatMap((section): SectionChange[] => {
    const rows = saves.filter((r) => r.action === `update:${section}`);
    if (!rows.length) return [];
    const first = parsed(parsed(rows[0].before)?.[section] ?? null);
    const last = parsed(parsed(rows[rows.length - 1].after)?.[section] ?? null);
    const fields = changedFieldsOf(first, last);
    return fields.length ? [{ section, fields }] : [];
  });
  const count = (actions: string[]) => evidence.filter((r) => actions.includes(String(r.action))).reduce((sum, r) => sum + Number(r.entries), 0);
  return {
    requestedAt: rawInstant(since)!,
    note: request.body,
    sections,
    evidenceAdded: count(['create', 'restore']),
    evidenceRemoved: count(['delete']),
  };
}
