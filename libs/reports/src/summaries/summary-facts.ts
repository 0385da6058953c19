import { EntityManager } from 'typeorm';
import { rawDate, rawInstant } from '@r2c/core';
import { compileSurveyOutcomes } from '@r2c/surveys';
import { IndicatorSeriesReader } from '@r2c/cycles';
import type {
  Adaptation,
  AdaptationPlanning,
  Direction,
  EvidenceKind,
  FidelityAnswer,
  Hypothesis,
  IndicatorKind,
  Permanence,
  Phase,
  Reflection,
} from '@r2c/cycles';
import type { AdaptationFacts, CycleSpan, EvidenceAggregate, IndicatorFacts, QuoteFacts, SummaryFacts, SummaryReview } from './summary-content';
import { QUOTE_KINDS, QUOTE_LIMIT } from './summary-content';

export interface SummaryRecipient {
  id: string;
  email: string;
  name: string;
}

/** The coach's approval that closed the cycle, which the summary email opens with. */
export interface ApprovalFacts {
  coachName: string;
  note: string;
  at: string;
}

type CycleFacts = Pick<SummaryFacts, 'initiative' | 'cycle' | 'hypothesis' | 'adaptation' | 'reflection'>;

const json = <T>(value: unknown): T | null =>
  value === null || value === undefined ? null : typeof value === 'string' ? (JSON.parse(value) as T) : (value as T);
const SCALE_POINTS = [1, 2, 3, 4, 5] as const;
const numberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/**
 * Reads what a summary is made of as plain rows, one query each, whatever the amount of evidence:
 * the cycle with its initiative and library, the initiative's indicators, one aggregate over the
 * evidence of the initiative's cycles up to this one, a bounded page of quotes, the cycles' planned
 * spans, the adaptation log, the run charts' daily series (bounded per indicator), the reviews, the recipients and the latest version. Raw rows rather than entities:
 * nothing here needs hydrating.
 */
export class SummaryFactsReader {
  constructor(private readonly em: EntityManager) {}

  /** Everything a summary of the cycle is made of but its version, date and link; null when there is no such cycle. */
  async all(cycleId: string): Promise<Omit<SummaryFacts, 'version' | 'compiledAt' | 'link'> | null> {
    const cycleFacts = await this.cycle(cycleId);
    if (!cycleFacts) return null;
    const initiativeId = cycleFacts.initiative.id;
    const number = cycleFacts.cycle.number;
    return {
      ...cycleFacts,
      indicators: await this.indicators(initiativeId),
      aggregates: await this.aggregates(initiativeId, number),
      quotes: await this.quotes(cycleId),
      cycles: await this.cycleSpans(initiativeId, number),
      adaptations: await this.adaptations(initiativeId, number),
      surveyOutcomes: (await compileSurveyOutcomes(this.em, initiativeId, cycleId)).outcomes,
      charts: await new IndicatorSeriesReader().charts(this.em, [initiativeId], number),
      reviews: await this.reviews(cycleId),
    };
  }

  async cycle(cycleId: string): Promise<CycleFacts | null> {
    const row = await this.em
      .createQueryBuilder()
      .select([
        'c.id AS cycle_id',
        'c.number AS cycle_number',
        'c.title AS cycle_title',
        'c.phase AS phase',
        'c.planned_start AS planned_start',
        'c.planned_end AS planned_end',
        'c.closed_at AS closed_at',
        'c.hypothesis AS hypothesis',
        'c.adaptation AS adaptation',
        'c.reflection AS reflection',
        'i.id AS initiative_id',
        'i.title AS initiative_title',
        'i.audience AS audience',
        'i.learning_question AS learning_question',
        'l.name AS library_name',
      ])
      .from('cycles', 'c')
      .innerJoin('initiatives', 'i', 'i.id = c.initiative_id')
      .innerJoin('libraries', 'l', 'l.id = i.library_id')
      .where('c.id = :cycleId', { cycleId })
      .getRawOne<Record<string, unknown>>();
    if (!row) return null;
    return {
      initiative: {
        id: String(row.initiative_id),
        title: String(row.initiative_title),
        libraryName: String(row.library_name),
        audience: String(row.audience),
        learningQuestion: String(row.learning_question),
      },
      cycle: {
        id: String(row.cycle_id),
        number: Number(row.cycle_number),
        title: String(row.cycle_title),
        phase: row.phase as Phase,
        plannedStart: rawDate(row.planned_start)!,
        plannedEnd: rawDate(row.planned_end)!,
        closedAt: rawInstant(row.closed_at),
      },
      hypothesis: json<Hypothesis>(row.hypothesis),
      adaptation: json<Adaptation>(row.adaptation),
      reflection: json<Reflection>(row.reflection),
    };
  }

  async indicators(initiativeId: string): Promise<IndicatorFacts[]> {
    const rows = await this.em
      .createQueryBuilder()
      .select(['x.id AS id', 'x.name AS name', 'x.unit AS unit', 'x.kind AS kind', 'x.direction AS direction', 'x.baseline AS baseline', 'x.target AS target'])
      .from('indicators', 'x')
      .where('x.initiative_id = :initiativeId', { initiativeId })
      .getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({
      id: String(r.id),
      name: String(r.name),
      unit: String(r.unit),
      kind: r.kind as IndicatorKind,
      direction: r.direction as Direction,
      baseline: numberOrNull(r.baseline),
      target: numberOrNull(r.target),
    }));
  }

  /**
   * The one statistics query: entries and value statistics per cycle, kind and indicator, computed by
   * the database, with how many values are exactly each scale point (a scale's distribution).
   */
  async aggregates(initiativeId: string, upToCycleNumber: number): Promise<EvidenceAggregate[]> {
    const rows = await this.em
      .createQueryBuilder()
      .select([
        'c.number AS cycle_number',
        'e.kind AS kind',
        'e.indicator_id AS indicator_id',
        'COUNT(*) AS entries',
        'AVG(e.value) AS mean_value',
        'MIN(e.value) AS min_value',
        'MAX(e.value) AS max_value',
        'COUNT(e.value) AS valued',
        ...SCALE_POINTS.map((point) => `SUM(CASE WHEN e.value = ${point} THEN 1 ELSE 0 END) AS at_${point}`),
      ])
      .from('evidence', 'e')
      .innerJoin('cycles', 'c', 'c.id = e.cycle_id')
      .where('e.initiative_id = :initiativeId AND c.initiative_id = :initiativeId AND c.number <= :upToCycleNumber', { initiativeId, upToCycleNumber })
      .andWhere('e.removed_at IS NULL')
      .groupBy('e.indicator_id')
      .addGroupBy('e.cycle_id')
      .addGroupBy('c.number')
      .addGroupBy('e.kind')
      .getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({
      cycleNumber: Number(r.cycle_number),
      kind: r.kind as EvidenceKind,
      indicatorId: r.indicator_id === null ? null : String(r.indicator_id),
      entries: Number(r.entries),
      mean: numberOrNull(r.mean_value),
      min: numberOrNull(r.min_value),
      max: numberOrNull(r.max_value),
      valued: Number(r.valued ?? 0),
      atPoint: SCALE_POINTS.map((point) => Number(r[`at_${point}`] ?? 0)) as EvidenceAggregate['atPoint'],
    }));
  }

  /** The initiative's cycles up to this one, with the planned spans the run charts place adaptations in. */
  async cycleSpans(initiativeId: string, upToCycleNumber: number): Promise<CycleSpan[]> {
    const rows = await this.em
      .createQueryBuilder()
      .select(['c.number AS number', 'c.planned_start AS planned_start', 'c.planned_end AS planned_end'])
      .from('cycles', 'c')
      .where('c.initiative_id = :initiativeId AND c.number <= :upToCycleNumber', { initiativeId, upToCycleNumber })
      .orderBy('c.number', 'ASC')
      .getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({ number: Number(r.number), plannedStart: rawDate(r.planned_start)!, plannedEnd: rawDate(r.planned_end)! }));
  }

  /** Every adaptation logged in the initiative's cycles up to this one, oldest first. */
  async adaptations(initiativeId: string, upToCycleNumber: number): Promise<AdaptationFacts[]> {
    const rows = await this.em
      .createQueryBuilder()
      .select([
        'c.number AS cycle_number',
        'a.made_on AS made_on',
        'a.what_changed AS what_changed',
        'a.decided_by AS decided_by',
        'a.planning AS planning',
        'a.reason AS reason',
        'a.fidelity_consistent AS fidelity_consistent',
        'a.permanence AS permanence',
      ])
      .from('adaptations', 'a')
      .innerJoin('cycles', 'c', 'c.id = a.cycle_id')
      .where('a.initiative_id = :initiativeId AND c.number <= :upToCycleNumber', { initiativeId, upToCycleNumber })
      .orderBy('a.made_on', 'ASC')
      .addOrderBy('a.created_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({
      cycleNumber: Number(r.cycle_number),
      madeOn: rawDate(r.made_on)!,
      whatChanged: String(r.what_changed),
      decidedBy: String(r.decided_by),
      planning: r.planning as AdaptationPlanning,
      reason: String(r.reason),
      fidelityConsistent: r.fidelity_consistent as FidelityAnswer,
      permanence: r.permanence as Permanence,
    }));
  }

  async quotes(cycleId: string): Promise<QuoteFacts[]> {
    const rows = await this.em
      .createQueryBuilder()
      .select(['e.kind AS kind', 'e.text AS text', 'e.observed_on AS observed_on', 'e.source AS source'])
      .from('evidence', 'e')
      .where('e.cycle_id = :cycleId AND e.kind IN (:...kinds)', { cycleId, kinds: QUOTE_KINDS })
      .andWhere('e.removed_at IS NULL')
      .orderBy('e.observed_on', 'ASC')
      .addOrderBy('e.created_at', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .limit(QUOTE_LIMIT)
      .getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({
      kind: r.kind as EvidenceKind,
      text: String(r.text ?? ''),
      observedOn: rawDate(r.observed_on)!,
      source: r.source === null ? null : String(r.source),
    }));
  }

  /** Every review of the cycle, oldest first, with its coach's name and its round (a request for changes starts the next). */
  async reviews(cycleId: string): Promise<SummaryReview[]> {
    const rows = await this.em
      .createQueryBuilder()
      .select(['r.verdict AS verdict', 'r.body AS body', 'r.return_to AS return_to', 'r.created_at AS created_at', 'u.name AS coach_name'])
      .from('reviews', 'r')
      .leftJoin('users', 'u', 'u.id = r.author_id')
      .where('r.cycle_id = :cycleId', { cycleId })
      .orderBy('r.created_at', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .getRawMany<Record<string, unknown>>();
    let round = 1;
    return rows.map((r) => {
      const review: SummaryReview = {
        verdict: r.verdict as SummaryReview['verdict'],
        note: String(r.body),
        coachName: r.coach_name === null || r.coach_name === undefined ? 'Programme staff' : String(r.coach_name),
        createdAt: rawInstant(r.created_at)!,
        round,
        returnTo: (r.return_to ?? null) as Phase | null,
      };
      if (review.verdict === 'request_changes') round++;
      return review;
    });
  }

  /** The initiative's people: its librarians and coaches with an active account. */
  async recipients(initiativeId: string): Promise<SummaryRecipient[]> {
    const rows = await this.em
      .createQueryBuilder()
      .select(['u.id AS id', 'u.email AS email', 'u.name AS name'])
      .from('memberships', 'm')
      .innerJoin('users', 'u', 'u.id = m.user_id')
      .where('m.initiative_id = :initiativeId AND u.active = :active', { initiativeId, active: true })
      .orderBy('u.email', 'ASC')
      .getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({ id: String(r.id), email: String(r.email), name: String(r.name) }));
  }

  async latestVersion(cycleId: string): Promise<number> {
    const row = await this.em
      .createQueryBuilder()
      .select('MAX(s.version)', 'latest')
      .from('cycle_summaries', 's')
      .where('s.cycle_id = :cycleId', { cycleId })
      .getRawOne<{ latest: unknown }>();
    return Number(row?.latest ?? 0);
  }

  /** The latest approval of the cycle, or null when none closed it (an admin's on-demand compile of an open cycle). */
  async approval(cycleId: string): Promise<ApprovalFacts | null> {
    const row = await this.em
      .createQueryBuilder()
      .select(['r.body AS body', 'r.created_at AS created_at', 'u.name AS coach_name'])
      .from('reviews', 'r')
      .leftJoin('users', 'u', 'u.id = r.author_id')
      .where("r.cycle_id = :cycleId AND r.verdict = 'approve'", { cycleId })
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(1)
      .getRawOne<Record<string, unknown>>();
    if (!row) return null;
    return { coachName: row.coach_name === null ? 'Your coach' : String(row.coach_name), note: String(row.body ?? ''), at: rawInstant(row.created_at)! };
  }
}
