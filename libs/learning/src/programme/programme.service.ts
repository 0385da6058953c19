import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessPolicy, Permission } from '@r2c/access';
import type { Principal } from '@r2c/access';
import type { Phase, ProgrammeRow, ProgrammeSort, ProgrammeView } from '@r2c/contracts';
import { Clock, rawInstant, rawJson } from '@r2c/core';
import { daysFrom, IndicatorSeriesReader, localDate, OverdueCheckIns, qualityNudges } from '@r2c/cycles';
import type { EvidenceKind, EvidenceTally, Hypothesis, IndicatorKind, Reflection } from '@r2c/cycles';
import { sortProgramme } from './programme-sort';

type Row = Record<string, unknown>;

/**
 * The programme view: every active or paused pilot side by side (completed ones have left the
 * programme's day-to-day and are not shown). The same figures as the review queue (overdue days,
 * nudges) and the run charts (signals), read in a fixed number of queries however many pilots.
 */
@Injectable()
export class ProgrammeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly clock: Clock,
    private readonly checkIns: OverdueCheckIns,
    private readonly series: IndicatorSeriesReader,
  ) {}

  async view(actor: Principal, sort: ProgrammeSort = 'library', direction: 'asc' | 'desc' = 'asc'): Promise<ProgrammeView> {
    await this.policy.require(actor, Permission.ProgrammeRead);
    const em = this.dataSource.manager;
    const now = this.clock.now();
    const initiatives = await em
      .createQueryBuilder()
      .select([
        'i.id AS id',
        'i.title AS title',
        'i.status AS status',
        'i.last_check_in_at AS last_check_in_at',
        'l.name AS library_name',
        'l.timezone AS timezone',
      ])
      .from('initiatives', 'i')
      .innerJoin('libraries', 'l', 'l.id = i.library_id')
      .where("i.status IN ('active', 'paused')")
      .getRawMany<Row>();
    if (!initiatives.length) return { items: [], sort, direction };
    const initiativeIds = initiatives.map((i) => String(i.id));

    const cycles = await em
      .createQueryBuilder()
      .select([
        'c.id AS id',
        'c.initiative_id AS initiative_id',
        'c.number AS number',
        'c.phase AS phase',
        'c.created_at AS created_at',
        'c.phase_entered_at AS phase_entered_at',
        'c.hypothesis AS hypothesis',
        'c.reflection AS reflection',
      ])
      .from('cycles', 'c')
      .where('c.initiative_id IN (:...initiativeIds)', { initiativeIds })
      .andWhere('c.number = (SELECT MAX(c2.number) FROM cycles c2 WHERE c2.initiative_id = c.initiative_id)')
      .getRawMany<Row>();
    const cycleIds = cycles.map((c) => String(c.id));

    const [tallies, indicators, standings, charts] = await Promise.all([
      cycleIds.length
        ? em
            .createQueryBuilder()
            .select(['e.cycle_id AS cycle_id', 'e.kind AS kind', 'e.indicator_id AS indicator_id', 'COUNT(*) AS entries'])
            .from('evidence', 'e')
            .where('e.cycle_id IN (:...cycleIds) AND e.removed_at IS NULL', { cycleIds })
            .groupBy('e.cycle_id')
            .addGroupBy('e.kind')
            .addGroupBy('e.indicator_id')
            .getRawMany<Row>()
        : [],
      em
        .createQueryBuilder()
        .select(['x.id AS id', 'x.initiative_id AS initiative_id', 'x.name AS name', 'x.kind AS kind'])
        .from('indicators', 'x')
        .where('x.initiative_id IN (:...initiativeIds)', { initiativeIds })
        .getRawMany<Row>(),
      this.checkIns.standings(
        em,
        (timezone) => localDate(now, timezone),
        (q) => q.andWhere('i.id IN (:...initiativeIds)', { initiativeIds }),
      ),
      this.series.charts(em, initiativeIds),
    ]);

    const indicatorName = new Map(indicators.map((x) => [String(x.id), String(x.name)]));
    const rows = initiatives.map((i): ProgrammeRow => {
      const id = String(i.id);
      const timezone = String(i.timezone);
      const cycle = cycles.find((c) => c.initiative_id === i.id);
      const since = cycle ? (rawInstant(cycle.phase_entered_at) ?? rawInstant(cycle.created_at)) : null;
      // A closed cycle has nothing left to strengthen: its nudges are no longer open.
      const nudges =
        cycle && cycle.phase !== 'closed'
          ? qualityNudges({
              phase: cycle.phase as Phase,
              hypothesis: rawJson<Hypothesis>(cycle.hypothesis),
              reflection: rawJson<Reflection>(cycle.reflection),
              indicators: indicators
                .filter((x) => x.initiative_id === i.id)
                .map((x) => ({ id: String(x.id), name: String(x.name), kind: x.kind as IndicatorKind })),
              evidence: tallies
                .filter((t) => t.cycle_id === cycle.id)
                .map((t): EvidenceTally => ({
                  kind: t.kind as EvidenceKind,
                  indicatorId: t.indicator_id === null ? null : String(t.indicator_id),
                  entries: Number(t.entries),
                })),
            })
          : [];
      const signals = charts
        .filter((c) => c.initiativeId === id)
        .flatMap((c) => c.signals.map((s) => `${indicatorName.get(c.indicatorId) ?? 'Indicator'}: ${s.words}`));
      const standing = standings.find((s) => s.initiativeId === id);
      return {
        initiativeId: id,
        initiativeTitle: String(i.title),
        libraryName: String(i.library_name),
        status: i.status as 'active' | 'paused',
        cycleId: cycle ? String(cycle.id) : null,
        cycleNumber: cycle ? Number(cycle.number) : null,
        phase: cycle ? (cycle.phase as Phase) : null,
        daysInPhase: since ? Math.max(0, daysFrom(localDate(new Date(since), timezone), localDate(now, timezone))) : null,
        lastCheckInAt: rawInstant(i.last_check_in_at),
        overdueDays: standing ? Math.max(0, standing.daysOverdue) : 0,
        nudges: { count: nudges.length, words: nudges.map((n) => n.message) },
        signals: { count: signals.length, words: signals },
      };
    });
    return { items: sortProgramme(rows, sort, direction), sort, direction };
  }
}
