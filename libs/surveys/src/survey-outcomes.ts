import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessPolicy, Permission } from '@r2c/access';
import type { Principal } from '@r2c/access';
import type { OutcomeBeforeAfter, OutcomeInCycle, ScalePoint, SurveyOutcomes } from '@r2c/contracts';

export type { OutcomeBeforeAfter, OutcomeInCycle, ScalePoint, SurveyOutcomes } from '@r2c/contracts';

type Row = Record<string, unknown>;
const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Before and after per outcome, from the per-indicator statistics: an outcome's indicators are those
 * its survey items are tied to. Two queries whatever the number of cycles, items or answers.
 */
@Injectable()
export class SurveyOutcomesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
  ) {}

  async forInitiative(actor: Principal, initiativeId: string, cycleId?: string): Promise<SurveyOutcomes> {
    await this.policy.require(actor, Permission.InitiativeRead, { initiativeId });
    return compileSurveyOutcomes(this.dataSource.manager, initiativeId, cycleId);
  }
}

/**
 * Before and after per outcome, read in `em` (summaries read it inside their own transaction): `cycleId`
 * is the "after"; without it, the latest cycle with data.
 */
export async function compileSurveyOutcomes(em: EntityManager, initiativeId: string, cycleId?: string): Promise<SurveyOutcomes> {
  let upTo: number | null = null;
  if (cycleId) {
    const cycle = await em
      .createQueryBuilder()
      .select('c.number', 'number')
      .from('cycles', 'c')
      .where('c.id = :cycleId AND c.initiative_id = :initiativeId', { cycleId, initiativeId })
      .getRawOne<Row>();
    if (!cycle)
      throw new BadRequestException({
        message: 'cycleId is not a cycle of this initiative',
        details: [{ field: 'cycleId', problems: ['not a cycle of this initiative'] }],
      });
    upTo = Number(cycle.number);
  }
  const links = (qb: ReturnType<EntityManager['createQueryBuilder']>) =>
    qb
      .select('DISTINCT si.outcome', 'outcome')
      .addSelect('si.indicator_id', 'indicator_id')
      .from('survey_items', 'si')
      .where('si.initiative_id = :initiativeId');
  const means = await em
    .createQueryBuilder()
    .select([
      's.outcome AS outcome',
      'c.id AS cycle_id',
      'c.number AS cycle_number',
      'ind.id AS indicator_id',
      'ind.name AS indicator_name',
      'SUM(e.value * COALESCE(e.sample_size, 1)) AS weighted',
      'SUM(COALESCE(e.sample_size, 1)) AS n',
    ])
    .from('evidence', 'e')
    .innerJoin('cycles', 'c', 'c.id = e.cycle_id')
    .innerJoin('indicators', 'ind', 'ind.id = e.indicator_id')
    .innerJoin(links, 's', 's.indicator_id = e.indicator_id')
    .where('e.initiative_id = :initiativeId')
    .andWhere('e.removed_at IS NULL')
    .andWhere("e.kind = 'measurement' AND e.value IS NOT NULL")
    .groupBy('s.outcome')
    .addGroupBy('c.id')
    .addGroupBy('c.number')
    .addGroupBy('ind.id')
    .addGroupBy('ind.name')
    .setParameters({ initiativeId })
    .getRawMany<Row>();
  const points = await em
    .createQueryBuilder()
    .select([
      'si.outcome AS outcome',
      'ind.id AS indicator_id',
      'ind.name AS indicator_name',
      'a.cycle_id AS cycle_id',
      'c.number AS cycle_number',
      'imp.period AS period',
      'a.value AS value',
      'COUNT(a.id) AS answers',
    ])
    .from('survey_answers', 'a')
    .innerJoin('survey_items', 'si', 'si.id = a.item_id')
    .innerJoin('survey_imports', 'imp', 'imp.id = a.import_id')
    .innerJoin('cycles', 'c', 'c.id = a.cycle_id')
    .innerJoin('indicators', 'ind', 'ind.id = si.indicator_id')
    .where('si.initiative_id = :initiativeId', { initiativeId })
    .groupBy('si.outcome')
    .addGroupBy('ind.id')
    .addGroupBy('ind.name')
    .addGroupBy('a.cycle_id')
    .addGroupBy('c.number')
    .addGroupBy('imp.period')
    .addGroupBy('a.value')
    .getRawMany<Row>();
  return { initiativeId, cycleId: cycleId ?? null, outcomes: assemble(means, points, upTo) };
}

type Distribution = Record<ScalePoint, number>;
type Baseline = { number: number; total: number; n: number; distribution: Distribution };
const emptyDistribution = (): Distribution => ({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 });

/**
 * A cycle's baseline (answers imported as `before` the change) per outcome: kept as answers only, so
 * its mean is the mean of the answers, and its n the answers counted (as a measurement's sample size is).
 */
function baselinesOf(points: Row[]): Map<string, Map<string, Baseline>> {
  const byOutcome = new Map<string, Map<string, Baseline>>();
  for (const r of points) {
    if (r.period !== 'before') continue;
    const cycles = byOutcome.get(String(r.outcome)) ?? new Map<string, Baseline>();
    byOutcome.set(String(r.outcome), cycles);
    const baseline = cycles.get(String(r.cycle_id)) ?? { number: Number(r.cycle_number), total: 0, n: 0, distribution: emptyDistribution() };
    cycles.set(String(r.cycle_id), baseline);
    const [value, answers] = [Number(r.value), Number(r.answers)];
    baseline.total += value * answers;
    baseline.n += answers;
    baseline.distribution[String(value) as ScalePoint] += answers;
  }
  return byOutcome;
}

function assemble(means: Row[], points: Row[], upTo: number | null): OutcomeBeforeAfter[] {
  type CycleTally = { number: number; weighted: number; n: number };
  type Entry = { indicators: Map<string, string>; cycles: Map<string, CycleTally> };
  const byOutcome = new Map<string, Entry>();
  const entryOf = (outcome: string) => {
    const entry = byOutcome.get(outcome) ?? { indicators: new Map<string, string>(), cycles: new Map<string, CycleTally>() };
    byOutcome.set(outcome, entry);
    return entry;
  };
  for (const r of means) {
    const entry = entryOf(String(r.outcome));
    entry.indicators.set(String(r.indicator_id), String(r.indicator_name));
    const cycle = entry.cycles.get(String(r.cycle_id)) ?? { number: Number(r.cycle_number), weighted: 0, n: 0 };
    cycle.weighted += Number(r.weighted);
    cycle.n += Number(r.n);
    entry.cycles.set(String(r.cycle_id), cycle);
  }
  const distributions = new Map<string, Distribution>();
  for (const r of points) {
    if (r.period === 'before') {
      entryOf(String(r.outcome)).indicators.set(String(r.indicator_id), String(r.indicator_name));
      continue;
    }
    const key = `${String(r.outcome)}/${String(r.cycle_id)}`;
    const counts = distributions.get(key) ?? emptyDistribution();
    counts[String(Number(r.value)) as ScalePoint] += Number(r.answers);
    distributions.set(key, counts);
  }
  const baselines = baselinesOf(points);
  return [...byOutcome.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([outcome, { indicators, cycles }]) => {
      const series: OutcomeInCycle[] = [...cycles.entries()]
        .map(([cycleId, c]) => ({
          cycleId,
          cycleNumber: c.number,
          mean: round(c.weighted / c.n),
          n: c.n,
          distribution: distributions.get(`${outcome}/${cycleId}`) ?? null,
          period: 'after' as const,
        }))
        .sort((a, b) => a.cycleNumber - b.cycleNumber);
      const upToHere = series.filter((c) => upTo === null || c.cycleNumber <= upTo);
      const after = upToHere.length && (upTo === null || upToHere[upToHere.length - 1].cycleNumber === upTo) ? upToHere[upToHere.length - 1] : null;
      const latestBaseline = Math.max(0, ...[...(baselines.get(outcome)?.values() ?? [])].map((b) => b.number));
      const askedAbout = after?.cycleNumber ?? upTo ?? latestBaseline;
      const baselineEntry = [...(baselines.get(outcome)?.entries() ?? [])].find(([, b]) => b.number === askedAbout);
      const baseline: OutcomeInCycle | null = baselineEntry
        ? {
            cycleId: baselineEntry[0],
            cycleNumber: baselineEntry[1].number,
            mean: round(baselineEntry[1].total / baselineEntry[1].n),
            n: baselineEntry[1].n,
            distribution: baselineEntry[1].distribution,
            period: 'before',
          }
        : null;
      const earlier = after ? (upToHere[upToHere.length - 2] ?? null) : (upToHere[upToHere.length - 1] ?? null);
      const before = baseline ?? earlier;
      return {
        outcome,
        indicators: [...indicators.entries()].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
        cycles: series,
        before,
        after,
        change: before && after ? round(after.mean - before.mean) : null,
        comparison: before && after ? (baseline ? 'within_cycle' : 'across_cycles') : null,
      };
    });
}
