import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { rawInstant, rawJson } from '@r2c/core';
import { OverdueCheckIns, plusDays } from '@r2c/cycles';
import { EvidenceBaseReader, sharedWithCoalition } from '@r2c/learning';
import type { Direction, Reflection } from '@r2c/cycles';
import { ClosedCycleNews, DigestContent, EvidenceTally, IndicatorTrend, keyInsight, OverdueCheckIn, rounded, trendOf } from './digest-content';
import { DIGEST_SERIES, DigestPeriod, periodInstants } from './digest-period';
import type { DigestSeries } from './digest-period';

export interface DigestRecipient {
  id: string;
  email: string;
  role: string;
}

/** Who receives the digest: subscribers, coaches and librarians with an active account who have not unsubscribed. */
export const DIGEST_ROLES = ['subscriber', 'coach', 'librarian'] as const;

/**
 * What each initiative lets through (its digestSharing): closed_cycles shows only the cycles a coach
 * approved, with their results (indicator trends); work in progress (evidence logged, overdue
 * check-ins) only comes from initiatives that share everything; nothing keeps it out altogether.
 */
const SHARES_CLOSED_CYCLES = "i.digest_sharing IN ('everything', 'closed_cycles')";
const SHARES_EVERYTHING = "i.digest_sharing = 'everything'";

type Row = Record<string, unknown>;
/** A digest tells at most this many cycles' lessons (newest first); the evidence base has them all. */
const LEARNED_IN_A_DIGEST = 20;
const count = (v: unknown) => Number(v ?? 0);

/**
 * Reads what a digest reports, in one SQL query per section whatever the number of cycles,
 * evidence entries or initiatives: counts and means are aggregated by the database.
 */
@Injectable()
export class DigestSources {
  constructor(
    private readonly checkIns: OverdueCheckIns,
    private readonly evidenceBase: EvidenceBaseReader,
  ) {}

  async content(em: EntityManager, period: DigestPeriod, timezone: string): Promise<DigestContent> {
    const span = periodInstants(period, timezone);
    // One after another: inside a transaction they share one connection anyway.
    const closedCycles = await this.closedCycles(em, span);
    const evidence = await this.evidence(em, span);
    const overdueCheckIns = await this.overdueCheckIns(em, period);
    const indicatorTrends = await this.indicatorTrends(em, span);
    const checkInsHeld = await this.checkInsHeld(em, span);
    const learned = await this.learned(em, span);
    return { periodStart: period.start, periodEnd: period.end, timezone, closedCycles, evidence, checkInsHeld, overdueCheckIns, indicatorTrends, learned };
  }

  /** With a series, only those who chose it (no choice made is weekly); without, everyone who gets a digest. */
  async recipients(em: EntityManager, series?: DigestSeries): Promise<DigestRecipient[]> {
    const frequencies: readonly DigestSeries[] = series ? [series] : DIGEST_SERIES;
    const rows = await em
      .createQueryBuilder()
      .select(['u.id AS id', 'u.email AS email', 'u.role AS role'])
      .from('users', 'u')
      .leftJoin('mail_preferences', 'p', 'p.user_id = u.id')
      .where('u.active = :active', { active: true })
      .andWhere('u.role IN (:...roles)', { roles: DIGEST_ROLES })
      .andWhere(`(${frequencies.includes('weekly') ? 'p.user_id IS NULL OR ' : ''}p.digest_frequency IN (:...frequencies))`, { frequencies })
      .orderBy('u.email', 'ASC')
      .getRawMany<Row>();
    return rows.map((r) => ({ id: String(r.id), email: String(r.email), role: String(r.role) }));
  }

  /** What the pilots learned: the evidence base's cycles closed in the period, from initiatives that share them with the coalition. */
  private async learned(em: EntityManager, span: { from: Date; until: Date }) {
    const page = await this.evidenceBase.read(
      em,
      { closedFrom: span.from, closedBefore: span.until, limit: LEARNED_IN_A_DIGEST, offset: 0 },
      sharedWithCoalition,
    );
    return page.items;
  }

  /** Check-ins held during the period, from initiatives that share their work in progress. */
  private async checkInsHeld(em: EntityManager, span: { from: Date; until: Date }): Promise<number> {
    const row = await em
      .createQueryBuilder()
      .select('COUNT(k.id)', 'held')
      .from('check_ins', 'k')
      .innerJoin('initiatives', 'i', 'i.id = k.initiative_id')
      .where('k.created_at >= :from AND k.created_at < :until', span)
      .andWhere(SHARES_EVERYTHING)
      .getRawOne<Row>();
    return count(row?.held);
  }

  private async closedCycles(em: EntityManager, span: { from: Date; until: Date }): Promise<ClosedCycleNews[]> {
    const rows = await em
      .createQueryBuilder()
      .select([
        'c.id AS cycle_id',
        'c.number AS cycle_number',
        'c.title AS cycle_title',
        'c.reflection AS reflection',
        'c.closed_at AS closed_at',
        'i.id AS initiative_id',
        'i.title AS initiative_title',
        'l.name AS library_name',
      ])
      .from('cycles', 'c')
      .innerJoin('initiatives', 'i', 'i.id = c.initiative_id')
      .innerJoin('libraries', 'l', 'l.id = i.library_id')
      .where('c.closed_at >= :from AND c.closed_at < :until', span)
      .andWhere(SHARES_CLOSED_CYCLES)
      .orderBy('c.closed_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getRawMany<Row>();
    return rows.map((r) => {
      const reflection = rawJson<Partial<Reflection>>(r.reflection);
      return {
        cycleId: String(r.cycle_id),
        cycleNumber: count(r.cycle_number),
        cycleTitle: String(r.cycle_title),
        initiativeId: String(r.initiative_id),
        initiativeTitle: String(r.initiative_title),
        libraryName: String(r.library_name),
        closedAt: rawInstant(r.closed_at)!,
        outcome: reflection?.outcome ?? null,
        decision: reflection?.decision ?? null,
        keyInsight: keyInsight(reflection?.insights),
        nextSteps: reflection?.nextSteps?.trim() || null,
      };
    });
  }

  /** Entries logged (recorded) during the period, per initiative, whatever day they were observed. */
  private async evidence(em: EntityManager, span: { from: Date; until: Date }): Promise<EvidenceTally[]> {
    const kindCount = (kind: string) => `SUM(CASE WHEN e.kind = '${kind}' THEN 1 ELSE 0 END)`;
    const rows = await em
      .createQueryBuilder()
      .select([
        'e.initiative_id AS initiative_id',
        'i.title AS initiative_title',
        'l.name AS library_name',
        'COUNT(e.id) AS entries',
        `${kindCount('measurement')} AS measurements`,
        `${kindCount('observation')} AS observations`,
        `${kindCount('quote')} AS quotes`,
        `${kindCount('story')} AS stories`,
      ])
      .from('evidence', 'e')
      .innerJoin('initiatives', 'i', 'i.id = e.initiative_id')
      .innerJoin('libraries', 'l', 'l.id = i.library_id')
      .where('e.created_at >= :from AND e.created_at < :until', span)
      .andWhere('e.removed_at IS NULL')
      .andWhere(SHARES_EVERYTHING)
      .groupBy('e.initiative_id')
      .addGroupBy('i.title')
      .addGroupBy('l.name')
      .orderBy('i.title', 'ASC')
      .getRawMany<Row>();
    return rows.map((r) => ({
      initiativeId: String(r.initiative_id),
      initiativeTitle: String(r.initiative_title),
      libraryName: String(r.library_name),
      entries: count(r.entries),
      measurements: count(r.measurements),
      observations: count(r.observations),
      quotes: count(r.quotes),
      stories: count(r.stories),
    }));
  }

  /**
   * Active initiatives whose next check-in fell due on or before the period's last day, in their
   * library's own time zone, as the initiative stands when the digest is compiled.
   */
  private async overdueCheckIns(em: EntityManager, period: DigestPeriod): Promise<OverdueCheckIn[]> {
    const dayAfter = plusDays(period.end, 1);
    const overdue = await this.checkIns.overdue(
      em,
      () => dayAfter,
      (q) => q.andWhere(SHARES_EVERYTHING).andWhere('i.start_date <= :end', { end: period.end }),
    );
    return overdue.map(({ initiativeId, initiativeTitle, libraryName, dueOn, daysOverdue }) => ({
      initiativeId,
      initiativeTitle,
      libraryName,
      dueOn,
      daysOverdue,
    }));
  }

  /** Per indicator: the mean of its measurements in each cycle closed in the period, and in the cycle before it. */
  private async indicatorTrends(em: EntityManager, span: { from: Date; until: Date }): Promise<IndicatorTrend[]> {
    const rows = await em
      .createQueryBuilder()
      .select([
        'c.initiative_id AS initiative_id',
        'c.number AS cycle_number',
        'c.closed_at AS closed_at',
        'ind.id AS indicator_id',
        'ind.name AS indicator_name',
        'ind.unit AS unit',
        'ind.direction AS direction',
        'i.title AS initiative_title',
        'AVG(e.value) AS mean',
        'COUNT(e.id) AS measurements',
      ])
      .from('evidence', 'e')
      .innerJoin('cycles', 'c', 'c.id = e.cycle_id')
      .innerJoin('indicators', 'ind', 'ind.id = e.indicator_id')
      .innerJoin('initiatives', 'i', 'i.id = c.initiative_id')
      .where("e.kind = 'measurement' AND e.value IS NOT NULL")
      .andWhere('e.removed_at IS NULL')
      .andWhere(SHARES_CLOSED_CYCLES)
      .andWhere(
        `((c.closed_at >= :from AND c.closed_at < :until)
          OR EXISTS (SELECT 1 FROM cycles nxt WHERE nxt.initiative_id = c.initiative_id AND nxt.number = c.number + 1 AND nxt.closed_at >= :from AND nxt.closed_at < :until))`,
        span,
      )
      .groupBy('c.initiative_id')
      .addGroupBy('c.number')
      .addGroupBy('c.closed_at')
      .addGroupBy('ind.id')
      .addGroupBy('ind.name')
      .addGroupBy('ind.unit')
      .addGroupBy('ind.direction')
      .addGroupBy('i.title')
      .orderBy('i.title', 'ASC')
      .addOrderBy('c.number', 'ASC')
      .addOrderBy('ind.name', 'ASC')
      .getRawMany<Row>();

    const meanOf = new Map(rows.map((r) => [`${String(r.initiative_id)}/${String(r.indicator_id)}/${count(r.cycle_number)}`, Number(r.mean)]));
    return rows
      .filter((r) => {
        const closedAt = rawInstant(r.closed_at);
        return closedAt !== null && new Date(closedAt) >= span.from && new Date(closedAt) < span.until;
      })
      .map((r) => {
        const cycleNumber = count(r.cycle_number);
        const mean = rounded(Number(r.mean));
        const before = meanOf.get(`${String(r.initiative_id)}/${String(r.indicator_id)}/${cycleNumber - 1}`);
        const previousMean = before === undefined ? null : rounded(before);
        const direction = String(r.direction) as Direction;
        return {
          indicatorId: String(r.indicator_id),
          indicatorName: String(r.indicator_name),
          unit: String(r.unit),
          direction,
          initiativeId: String(r.initiative_id),
          initiativeTitle: String(r.initiative_title),
          cycleNumber,
          mean,
          measurements: count(r.measurements),
          previousMean,
          change: previousMean === null ? null : rounded(mean - previousMean),
          trend: trendOf(mean, previousMean, direction),
        };
      });
  }
}
