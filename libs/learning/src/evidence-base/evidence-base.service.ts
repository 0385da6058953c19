import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AccessPolicy, Permission } from '@r2c/access';
import type { Principal } from '@r2c/access';
import type { Adaptation, Decision, EvidenceBaseItem, EvidenceBasePage, EvidenceMeasurement, Hypothesis, Outcome, Reflection } from '@r2c/contracts';
import { rawInstant, rawJson } from '@r2c/core';
import { tagsOfCycles } from '../tags/cycle-tags';

type Row = Record<string, unknown>;

export interface EvidenceBaseFilter {
  q?: string;
  decision?: Decision;
  outcome?: Outcome;
  indicatorKey?: string;
  tag?: string;
  /** Closed from (inclusive) and before (exclusive), for the digest's period. */
  closedFrom?: Date;
  closedBefore?: Date;
  limit: number;
  offset: number;
}

/** Narrows the cycles `c` of initiatives `i` to those the reader may see. */
export type EvidenceScope = (qb: SelectQueryBuilder<ObjectLiteral>) => SelectQueryBuilder<ObjectLiteral>;

/** `%`, `_` and the escape character itself match only themselves. */
const likeWord = (word: string) => `%${word.toLowerCase().replace(/[!%_]/g, (ch) => `!${ch}`)}%`;
/** A value inside the JSON text of a column as TypeORM writes it (JSON.stringify: no spaces). */
const jsonField = (field: string, value: string) => `%"${field}":"${value}"%`;

/** Initiatives that share their closed cycles with the whole coalition (not `nothing`), as the digest shows them. */
export const sharedWithCoalition: EvidenceScope = (qb) => qb.andWhere("COALESCE(i.digest_sharing, 'everything') <> 'nothing'");

/**
 * The coalition evidence base: closed cycles across initiatives, each told as hypothesis → what
 * changed → what the evidence said → the decision. The one reading behind the screen and the
 * digest's "What the pilots learned" (it needs nothing injected, so the worker's digest uses it as
 * it is); a page costs four queries however many cycles it holds.
 */
@Injectable()
export class EvidenceBaseReader {
  async read(em: EntityManager, filter: EvidenceBaseFilter, scope: EvidenceScope): Promise<EvidenceBasePage> {
    const base = () => this.filtered(em, filter, scope);
    const [rows] = [
      await base()
        .select([
          'c.id AS id',
          'c.number AS number',
          'c.title AS title',
          'c.hypothesis AS hypothesis',
          'c.adaptation AS adaptation',
          'c.reflection AS reflection',
          'c.closed_at AS closed_at',
          'i.id AS initiative_id',
          'i.title AS initiative_title',
          'l.name AS library_name',
        ])
        .orderBy('c.closed_at', 'DESC')
        .addOrderBy('c.id', 'ASC')
        .limit(filter.limit)
        .offset(filter.offset)
        .getRawMany<Row>(),
    ];
    const total = Number((await base().select('COUNT(*)', 'total').getRawOne<{ total: unknown }>())?.total ?? 0);
    const cycleIds = rows.map((r) => String(r.id));
    const [measurements, tags] = [await this.measurementsOf(em, cycleIds), await tagsOfCycles(em, cycleIds)];
    const items = rows.map((r): EvidenceBaseItem => {
      const hypothesis = rawJson<Hypothesis>(r.hypothesis);
      const adaptation = rawJson<Adaptation>(r.adaptation);
      const reflection = rawJson<Reflection>(r.reflection);
      const id = String(r.id);
      return {
        cycleId: id,
        cycleNumber: Number(r.number),
        cycleTitle: String(r.title),
        initiativeId: String(r.initiative_id),
        initiativeTitle: String(r.initiative_title),
        libraryName: String(r.library_name),
        hypothesis: hypothesis?.statement ?? null,
        expectedOutcome: hypothesis?.expectedOutcome || null,
        change: adaptation?.description ?? null,
        outcome: reflection?.outcome ?? null,
        keyInsight: reflection?.insights || null,
        measurements: measurements.get(id) ?? [],
        decision: reflection?.decision ?? null,
        tags: tags.get(id) ?? [],
        closedAt: rawInstant(r.closed_at)!,
        summaryPath: `/cycles/${id}/summary`,
      };
    });
    return { items, total };
  }

  private filtered(em: EntityManager, filter: EvidenceBaseFilter, scope: EvidenceScope): SelectQueryBuilder<ObjectLiteral> {
    const qb = em
      .createQueryBuilder()
      .from('cycles', 'c')
      .innerJoin('initiatives', 'i', 'i.id = c.initiative_id')
      .innerJoin('libraries', 'l', 'l.id = i.library_id')
      .where("c.phase = 'closed'");
    const words = (filter.q ?? '').split(/\s+/).filter(Boolean).slice(0, 10);
    words.forEach((word, n) =>
      qb.andWhere(
        `(LOWER(COALESCE(c.hypothesis, '')) LIKE :word${n} ESCAPE '!' OR LOWER(COALESCE(c.adaptation, '')) LIKE :word${n} ESCAPE '!' OR LOWER(COALESCE(c.reflection, '')) LIKE :word${n} ESCAPE '!')`,
        { [`word${n}`]: likeWord(word) },
      ),
    );
    if (filter.decision) qb.andWhere('c.reflection LIKE :decision', { decision: jsonField('decision', filter.decision) });
    if (filter.outcome) qb.andWhere('c.reflection LIKE :outcome', { outcome: jsonField('outcome', filter.outcome) });
    if (filter.indicatorKey)
      qb.andWhere(
        "EXISTS (SELECT 1 FROM evidence ie INNER JOIN indicators ix ON ix.id = ie.indicator_id WHERE ie.cycle_id = c.id AND ie.kind = 'measurement' AND ie.removed_at IS NULL AND ix.template_key = :indicatorKey)",
        { indicatorKey: filter.indicatorKey },
      );
    if (filter.tag)
      qb.andWhere(
        'EXISTS (SELECT 1 FROM cycle_tags ct INNER JOIN strategy_tags st ON st.id = ct.tag_id WHERE ct.cycle_id = c.id AND (st.id = :tag OR LOWER(st.name) = LOWER(:tag)))',
        { tag: filter.tag },
      );
    if (filter.closedFrom) qb.andWhere('c.closed_at >= :closedFrom', { closedFrom: filter.closedFrom });
    if (filter.closedBefore) qb.andWhere('c.closed_at < :closedBefore', { closedBefore: filter.closedBefore });
    return scope(qb);
  }

  /** Each cycle's measurements per indicator: the mean and n, computed by the database. */
  private async measurementsOf(em: EntityManager, cycleIds: string[]): Promise<Map<string, EvidenceMeasurement[]>> {
    const byCycle = new Map<string, EvidenceMeasurement[]>();
    if (!cycleIds.length) return byCycle;
    const rows = await em
      .createQueryBuilder()
      .select(['e.cycle_id AS cycle_id', 'x.name AS name', 'x.unit AS unit', 'AVG(e.value) AS mean', 'COUNT(e.value) AS n'])
      .from('evidence', 'e')
      .innerJoin('indicators', 'x', 'x.id = e.indicator_id')
      .where("e.cycle_id IN (:...cycleIds) AND e.kind = 'measurement' AND e.value IS NOT NULL AND e.removed_at IS NULL", { cycleIds })
      .groupBy('e.cycle_id')
      .addGroupBy('x.name')
      .addGroupBy('x.unit')
      .orderBy('x.name', 'ASC')
      .getRawMany<Row>();
    for (const r of rows) {
      const list = byCycle.get(String(r.cycle_id)) ?? byCycle.set(String(r.cycle_id), []).get(String(r.cycle_id))!;
      list.push({ indicatorName: String(r.name), unit: String(r.unit), mean: Math.round(Number(r.mean) * 100) / 100, n: Number(r.n) });
    }
    return byCycle;
  }
}

/** The evidence base as a signed-in caller may read it. */
@Injectable()
export class EvidenceBaseService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly reader: EvidenceBaseReader,
  ) {}

  /** Exactly the summaries summary.read lets the caller open: members and admins their own; anyone what is shared. */
  async search(actor: Principal, filter: EvidenceBaseFilter): Promise<EvidenceBasePage> {
    await this.policy.require(actor, Permission.EvidenceBaseRead);
    return this.reader.read(this.dataSource.manager, filter, (qb) =>
      this.policy.narrow(qb, actor, Permission.SummaryRead, 'i.id', { phase: 'c.phase', digestSharing: 'i.digest_sharing' }),
    );
  }
}
