import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { AccessPolicy, Permission } from '@r2c/access';
import type { Principal } from '@r2c/access';
import type { CycleAwaitingReview, OverdueCheckIn, ReviewQueue } from '@r2c/contracts';
import { Clock, rawDate, rawInstant, rawJson } from '@r2c/core';
import { OverdueCheckIns } from '../check-ins/overdue-check-ins';
import { localDate, qualityNudges } from '../domain';
import type { EvidenceKind, EvidenceTally, Hypothesis, IndicatorKind, Reflection } from '../domain';

export type { CycleAwaitingReview, OverdueCheckIn, ReviewQueue } from '@r2c/contracts';

type Row = Record<string, unknown>;

/**
 * A coach's queue: the cycles waiting for their review, each with what would make it weak, and the
 * initiatives whose check-in is overdue, across the initiatives they coach (an admin sees all).
 * Each list holds at most one row per initiative (one open cycle, one due date), and the whole queue
 * is read in five queries however many cycles and entries there are.
 */
@Injectable()
export class ReviewQueueService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly policy: AccessPolicy,
    private readonly checkIns: OverdueCheckIns,
  ) {}

  async forCaller(actor: Principal): Promise<ReviewQueue> {
    await this.policy.require(actor, Permission.ReviewQueueRead);
    const [cyclesInReview, overdueCheckIns] = await Promise.all([this.cyclesInReview(actor), this.overdueCheckIns(actor)]);
    return { cyclesInReview, overdueCheckIns };
  }

  /** The initiatives whose cycles the caller reviews (cycle.review): those they coach; all for admins. */
  private coached<T extends object>(qb: SelectQueryBuilder<T>, actor: Principal): SelectQueryBuilder<T> {
    return this.policy.narrow(qb, actor, Permission.CycleReview, 'i.id');
  }

  private async cyclesInReview(actor: Principal): Promise<CycleAwaitingReview[]> {
    const cycles = await this.coached(
      this.dataSource
        .createQueryBuilder()
        .select([
          'c.id AS id',
          'c.number AS number',
          'c.title AS title',
          'c.initiative_id AS initiative_id',
          'c.planned_end AS planned_end',
          'c.updated_at AS updated_at',
          'c.hypothesis AS hypothesis',
          'c.reflection AS reflection',
          'i.title AS initiative_title',
          'l.name AS library_name',
        ])
        .from('cycles', 'c')
        .innerJoin('initiatives', 'i', 'i.id = c.initiative_id')
        .innerJoin('libraries', 'l', 'l.id = i.library_id')
        .where("c.phase = 'review'"),
      actor,
    )
      .orderBy('c.updated_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getRawMany<Row>();
    if (!cycles.length) return [];

    const cycleIds = cycles.map((c) => String(c.id));
    const initiativeIds = [...new Set(cycles.map((c) => String(c.initiative_id)))];
    const [tallies, indicators, requests] = await Promise.all([
      this.dataSource
        .createQueryBuilder()
        .select(['e.cycle_id AS cycle_id', 'e.kind AS kind', 'e.indicator_id AS indicator_id', 'COUNT(*) AS entries'])
        .from('evidence', 'e')
        .where('e.cycle_id IN (:...cycleIds)', { cycleIds })
        .andWhere('e.removed_at IS NULL')
        .groupBy('e.cycle_id')
        .addGroupBy('e.kind')
        .addGroupBy('e.indicator_id')
        .getRawMany<Row>(),
      this.dataSource
        .createQueryBuilder()
        .select(['x.id AS id', 'x.initiative_id AS initiative_id', 'x.name AS name', 'x.kind AS kind'])
        .from('indicators', 'x')
        .where('x.initiative_id IN (:...initiativeIds)', { initiativeIds })
        .getRawMany<Row>(),
      this.dataSource
        .createQueryBuilder()
        .select(['r.cycle_id AS cycle_id', 'COUNT(*) AS requests'])
        .from('reviews', 'r')
        .where("r.cycle_id IN (:...cycleIds) AND r.verdict = 'request_changes'", { cycleIds })
        .groupBy('r.cycle_id')
        .getRawMany<Row>(),
    ]);

    return cycles.map((c) => {
      const evidence: EvidenceTally[] = tallies
        .filter((t) => t.cycle_id === c.id)
        .map((t) => ({ kind: t.kind as EvidenceKind, indicatorId: t.indicator_id === null ? null : String(t.indicator_id), entries: Number(t.entries) }));
      const ownIndicators = indicators
        .filter((x) => x.initiative_id === c.initiative_id)
        .map((x) => ({ id: String(x.id), name: String(x.name), kind: x.kind as IndicatorKind }));
      return {
        id: String(c.id),
        number: Number(c.number),
        title: String(c.title),
        initiativeId: String(c.initiative_id),
        initiativeTitle: String(c.initiative_title),
        libraryName: String(c.library_name),
        plannedEnd: rawDate(c.planned_end)!,
        inReviewSince: rawInstant(c.updated_at)!,
        round: 1 + Number(requests.find((r) => r.cycle_id === c.id)?.requests ?? 0),
        nudges: qualityNudges({
          phase: 'review',
          hypothesis: rawJson<Hypothesis>(c.hypothesis),
          reflection: rawJson<Reflection>(c.reflection),
          indicators: ownIndicators,
          evidence,
        }),
      };
    });
  }

  /** Active initiatives whose check-in fell due before today in their library's own time zone, longest overdue first. */
  private async overdueCheckIns(actor: Principal): Promise<OverdueCheckIn[]> {
    const now = this.clock.now();
    const overdue = await this.checkIns.overdue(
      this.dataSource.manager,
      (timezone) => localDate(now, timezone),
      (q) => this.coached(q, actor),
    );
    return overdue
      .map(({ initiativeId, initiativeTitle, libraryName, dueOn, daysOverdue, lastCheckInAt }) => ({
        initiativeId,
        initiativeTitle,
        libraryName,
        dueOn,
        daysOverdue,
        lastCheckInAt,
      }))
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.initiativeTitle.localeCompare(b.initiativeTitle));
  }
}
