import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { AccessPolicy, AuditService, holds, Permission } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { Clock, isUniqueViolation, newId, Page, PageQuery, rawDate, rawInstant, Reads, Transactions } from '@r2c/core';
import { allowedMoves, canChangeWork, canEdit, canEnter, checkPredictions, isMoveBack, qualityNudges, reviewOutcome, tallyEvidence } from '../domain';
import type { Adaptation, CycleState, Hypothesis, Phase, PredictedIndicator, Prediction, Reflection } from '../domain';
import { Evidence } from '../evidence/evidence.entity';
import type { EvidenceView } from '../evidence/evidence.dto';
import { Indicator } from '../indicators/indicator.entity';
import { Review } from '../reviews/review.entity';
import { CycleAccessPolicy } from './cycle-access';
import { AdaptationDto, CreateCycleDto, HypothesisDto, ReflectionDto, ReviewDto } from './cycle.dto';
import { Cycle } from './cycle.entity';
import { CycleEvents } from './cycle-events';
import { changesSinceRequest } from './changes-since-request';
import { CycleListItem, CycleView, reviewRecord, roundAfter, toCycleListItem, toReviewViews } from './cycle.view';
import { assertAllowed } from './refusal';

type SectionDto = { hypothesis: HypothesisDto; adaptation: AdaptationDto; reflection: ReflectionDto };

/** What another module needs of a cycle (its number and phase), read inside that module's transaction. */
export interface CycleBrief {
  id: string;
  initiativeId: string;
  number: number;
  phase: Phase;
}

const BRIEF = { id: true, initiativeId: true, number: true, phase: true } as const;

@Injectable()
export class CyclesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly policy: AccessPolicy,
    private readonly cycles: CycleAccessPolicy,
    private readonly audit: AuditService,
    private readonly events: CycleEvents,
    private readonly clock: Clock,
    private readonly reads: Reads,
  ) {}

  async create(actor: Principal, initiativeId: string, dto: CreateCycleDto): Promise<CycleView> {
    if (dto.plannedEnd < dto.plannedStart) {
      throw new BadRequestException({
        message: 'The planned end must be on or after the planned start.',
        details: [{ field: 'plannedEnd', problems: ['Choose a planned end on or after the planned start.'] }],
      });
    }
    try {
      const id = await this.tx.run(async (em) => {
        const { initiative } = await this.policy.require(actor, Permission.InitiativeContribute, { initiativeId }, em);
        assertAllowed(canChangeWork(initiative));
        if (initiative.status !== 'active') throw new ConflictException(`Cannot start a cycle: the initiative is ${initiative.status}.`);
        const open = await em.findOne(Cycle, { where: { openInitiativeId: initiativeId } });
        if (open) throw this.stillOpen(open);
        const previous = await em.findOne(Cycle, { where: { initiativeId }, order: { number: 'DESC' } });
        const now = this.clock.now();
        const cycle: Cycle = {
          id: newId(),
          initiativeId,
          number: (previous?.number ?? 0) + 1,
          title: dto.title,
          plannedStart: dto.plannedStart,
          plannedEnd: dto.plannedEnd,
          phase: 'hypothesis',
          phaseEnteredAt: now,
          openInitiativeId: initiativeId,
          hypothesis: null,
          adaptation: null,
          reflection: null,
          // No cycle is open, so the previous one is closed, and a cycle closes only with a decision.
          carriedOver: previous?.reflection
            ? {
                fromCycleId: previous.id,
                fromCycleNumber: previous.number,
                decision: previous.reflection.decision!,
                nextSteps: previous.reflection.nextSteps,
                insights: previous.reflection.insights,
              }
            : null,
          closedAt: null,
          createdAt: now,
          updatedAt: now,
        };
        await em.insert(Cycle, cycle);
        await this.audit.record(em, actor, { action: 'create', entityType: 'cycle', entityId: cycle.id, initiativeId, after: toCycleListItem(cycle) });
        return cycle.id;
      });
      return this.get(actor, id);
    } catch (error) {
      // Two requests raced past the check above; the database's unique index let only one win.
      if (isUniqueViolation(error)) throw new ConflictException('Another cycle of this initiative is still open; close it before starting a new one.');
      throw error;
    }
  }

  /** The initiative's cycle with this id, or null when it has none. */
  cycleOf(em: EntityManager, initiativeId: string, cycleId: string): Promise<CycleBrief | null> {
    return em.findOne(Cycle, { select: BRIEF, where: { id: cycleId, initiativeId } });
  }

  /** The initiative's open cycle, or null. */
  openCycleOf(em: EntityManager, initiativeId: string): Promise<CycleBrief | null> {
    return em.findOne(Cycle, { select: BRIEF, where: { openInitiativeId: initiativeId } });
  }

  async list(actor: Principal, initiativeId: string, page: PageQuery): Promise<Page<CycleListItem>> {
    await this.policy.require(actor, Permission.InitiativeRead, { initiativeId });
    const [items, total] = await this.dataSource
      .getRepository(Cycle)
      .findAndCount({ where: { initiativeId }, order: { number: 'DESC' }, take: page.limit, skip: page.offset });
    return { items: items.map(toCycleListItem), total };
  }

  /**
   * The whole cycle in five queries, however many evidence entries and reviews it has; two more for a
   * coach or admin once changes were requested (what changed since).
   */
  async get(actor: Principal, cycleId: string): Promise<CycleView> {
    const { cycle, standing } = await this.cycles.cycle(actor, cycleId, Permission.InitiativeRead);
    const [evidence, reviews, indicators] = await Promise.all([this.evidenceOf(cycleId), this.reviewsOf(cycleId), this.indicatorsOf(cycle.initiativeId)]);
    const lastRequest = reviews.filter((r) => r.verdict === 'request_changes').pop();
    const changes = lastRequest && holds(Permission.CycleReview, standing) ? await changesSinceRequest(this.dataSource.manager, cycle, lastRequest) : null;
    return {
      ...toCycleListItem(cycle),
      hypothesis: cycle.hypothesis,
      adaptation: cycle.adaptation,
      evidence,
      reflection: cycle.reflection,
      reviews: toReviewViews(reviews),
      carriedOver: cycle.carriedOver,
      allowedMoves: allowedMoves(this.state(cycle, evidence.length), {
        forward: holds(Permission.CycleAdvance, standing),
        back: holds(Permission.CycleReturn, standing),
      }),
      nudges: qualityNudges({ phase: cycle.phase, hypothesis: cycle.hypothesis, reflection: cycle.reflection, indicators, evidence: tallyEvidence(evidence) }),
      round: roundAfter(reviews),
      changesSinceRequest: changes,
    };
  }

  /** A cycle's reviews, oldest first, each with its author's name (one query, on the read-only connection). */
  private async reviewsOf(cycleId: string): Promise<(Review & { authorName: string | null })[]> {
    const rows = await this.reads.select<Record<string, unknown>>(
      `SELECT r.id, r.cycle_id, r.author_id, r.verdict, r.body, r.return_to, r.created_at, u.name AS author_name
         FROM reviews r LEFT JOIN users u ON u.id = r.author_id
        WHERE r.cycle_id = ? ORDER BY r.created_at ASC, r.id ASC`,
      [cycleId],
    );
    return rows.map((r) => ({
      id: String(r.id),
      cycleId: String(r.cycle_id),
      authorId: String(r.author_id),
      verdict: r.verdict as Review['verdict'],
      body: String(r.body),
      returnTo: (r.return_to ?? null) as Review['returnTo'],
      createdAt: new Date(rawInstant(r.created_at)!),
      authorName: r.author_name === null || r.author_name === undefined ? null : String(r.author_name),
    }));
  }

  /**
   * A cycle's entries as their views, on the read-only connection: the SELECT names each column as the
   * view does, so each row is its entry's view once its instant, date and number are put in the view's
   * form (building entities, then views, took a quarter of GET /cycles/:id's CPU, TypeORM's query
   * building a tenth, and a second object per entry was garbage for the collector).
   */
  private async evidenceOf(cycleId: string): Promise<EvidenceView[]> {
    const rows = await this.reads.select<EvidenceView>(
      `SELECT id, cycle_id AS "cycleId", kind, indicator_id AS "indicatorId", value, text, observed_on AS "observedOn", method, source,
              sample_size AS "sampleSize", created_by AS "createdBy", created_at AS "createdAt"
         FROM evidence WHERE cycle_id = ? AND removed_at IS NULL ORDER BY observed_on ASC, created_at ASC, id ASC`,
      [cycleId],
    );
    for (const row of rows) {
      row.observedOn = rawDate(row.observedOn)!;
      row.createdAt = rawInstant(row.createdAt)!;
      if (row.value !== null && typeof row.value !== 'number') row.value = Number(row.value);
      if (row.sampleSize !== null && typeof row.sampleSize !== 'number') row.sampleSize = Number(row.sampleSize);
    }
    return rows;
  }

  /** The initiative's indicators as the quality nudges need them. */
  private indicatorsOf(initiativeId: string): Promise<{ id: string; name: string; kind: Indicator['kind'] }[]> {
    return this.reads.select(`SELECT id, name, kind FROM indicators WHERE initiative_id = ?`, [initiativeId]);
  }

  async saveSection<S extends keyof SectionDto>(actor: Principal, cycleId: string, section: S, dto: SectionDto[S]): Promise<CycleView> {
    await this.tx.run(async (em) => {
      const { cycle } = await this.cycles.forWork(actor, cycleId, Permission.CycleContribute, em);
      assertAllowed(canEdit(this.state(cycle, 0), section));
      const value =
        section === 'hypothesis'
          ? await this.hypothesisFrom(em, cycle, dto as HypothesisDto)
          : section === 'adaptation'
            ? this.adaptationFrom(dto as AdaptationDto)
            : this.reflectionFrom(dto as ReflectionDto);
      await em.update(Cycle, { id: cycleId }, { [section]: value as never, updatedAt: this.clock.now() });
      await this.audit.record(em, actor, {
        action: `update:${section}`,
        entityType: 'cycle',
        entityId: cycleId,
        initiativeId: cycle.initiativeId,
        before: { [section]: cycle[section] },
        after: { [section]: value },
      });
    });
    return this.get(actor, cycleId);
  }

  async transition(actor: Principal, cycleId: string, to: Phase): Promise<CycleView> {
    await this.tx.run(async (em) => {
      const { cycle } = await this.cycles.cycle(actor, cycleId, Permission.InitiativeRead, em);
      if (cycle.phase === 'closed') assertAllowed(canEnter(this.state(cycle, 0), to));
      const { initiative } = await this.policy.require(actor, isMoveBack(cycle, to) ? Permission.CycleReturn : Permission.CycleAdvance, { cycle }, em);
      assertAllowed(canChangeWork(initiative));
      const evidenceCount = await em.count(Evidence, { where: { cycleId, removedAt: IsNull() } });
      assertAllowed(canEnter(this.state(cycle, evidenceCount), to));
      await this.moveTo(em, actor, cycle, to, 'transition');
    });
    return this.get(actor, cycleId);
  }

  async review(actor: Principal, cycleId: string, dto: ReviewDto): Promise<CycleView> {
    await this.tx.run(async (em) => {
      const { cycle } = await this.cycles.forWork(actor, cycleId, Permission.CycleReview, em);
      const outcome = reviewOutcome(this.state(cycle, 0), dto.verdict, dto.returnTo);
      assertAllowed(outcome);
      const review: Review = {
        id: newId(),
        cycleId,
        authorId: actor.id,
        verdict: dto.verdict,
        body: dto.body,
        returnTo: dto.verdict === 'request_changes' ? (dto.returnTo ?? 'reflection') : null,
        createdAt: this.clock.now(),
      };
      await em.insert(Review, review);
      const eventId = await this.audit.record(em, actor, {
        action: 'create',
        entityType: 'review',
        entityId: review.id,
        initiativeId: cycle.initiativeId,
        after: reviewRecord(review),
      });
      const nextPhase = outcome.allowed && 'nextPhase' in outcome ? outcome.nextPhase : undefined;
      if (nextPhase) await this.moveTo(em, actor, cycle, nextPhase, dto.verdict);
      await this.events.reviewLoop(em, {
        eventId: eventId ?? review.id,
        cycle: { ...cycle, phase: nextPhase ?? cycle.phase },
        actor,
        at: review.createdAt,
        review: { verdict: review.verdict, body: review.body, returnTo: review.returnTo },
      });
    });
    return this.get(actor, cycleId);
  }

  state(cycle: Cycle, evidenceCount: number): CycleState {
    return { phase: cycle.phase, hypothesis: cycle.hypothesis, adaptation: cycle.adaptation, reflection: cycle.reflection, evidenceCount };
  }

  private async moveTo(em: EntityManager, actor: Principal, cycle: Cycle, to: Phase, action: string): Promise<void> {
    const now = this.clock.now();
    const closing = to === 'closed';
    const changes: Partial<Cycle> = { phase: to, phaseEnteredAt: now, updatedAt: now, ...(closing ? { closedAt: now, openInitiativeId: null } : {}) };
    // Guarded by the phase we read, so two concurrent moves cannot both apply.
    const result = await em
      .createQueryBuilder()
      .update(Cycle)
      .set(changes)
      .where('id = :id AND phase = :phase', { id: cycle.id, phase: cycle.phase })
      .execute();
    if (result.affected === 0) throw new ConflictException('The cycle changed while you were working on it; reload it and try again.');
    const eventId = await this.audit.record(em, actor, {
      action: `${action}:${to}`,
      entityType: 'cycle',
      entityId: cycle.id,
      initiativeId: cycle.initiativeId,
      before: { phase: cycle.phase },
      after: { phase: to },
    });
    if (closing) await this.events.closed(em, { ...cycle, ...changes }, actor);
    if (to === 'review' && eventId) await this.events.reviewLoop(em, { eventId, cycle: { ...cycle, phase: to }, actor, at: now });
  }

  private stillOpen(open: Cycle): ConflictException {
    return new ConflictException(
      `Cycle ${open.number} ("${open.title}") is still open in the ${open.phase} phase; a coach must approve it before a new cycle starts.`,
    );
  }

  private async hypothesisFrom(em: EntityManager, cycle: Cycle, dto: HypothesisDto): Promise<Hypothesis> {
    const indicatorIds = dto.indicatorIds ?? [];
    const known = new Map<string, PredictedIndicator>();
    if (indicatorIds.length) {
      const found = await em.find(Indicator, {
        select: { id: true, name: true, kind: true },
        where: { id: In(indicatorIds), initiativeId: cycle.initiativeId },
      });
      for (const i of found) known.set(i.id, i);
      const unknown = indicatorIds.filter((id) => !known.has(id));
      if (unknown.length) {
        throw new BadRequestException({
          message: `indicatorIds names ${unknown.length} indicator(s) that this initiative does not have: ${unknown.join(', ')}`,
          details: [{ field: 'indicatorIds', problems: ['not an indicator of this initiative'] }],
        });
      }
    }
    const predictions = this.predictionsFrom(dto, indicatorIds, known, cycle.hypothesis);
    return {
      statement: dto.statement ?? '',
      expectedOutcome: dto.expectedOutcome ?? '',
      rationale: dto.rationale ?? '',
      learningQuestion: dto.learningQuestion ?? null,
      indicatorIds,
      predictions,
    };
  }

  /**
   * Predictions sent are checked against the indicators' kinds and replace the old ones. A client that
   * sends none (one written before predictions existed) keeps those already saved for indicators the
   * hypothesis still names, rather than erasing them unseen; `predictions: []` clears them.
   */
  private predictionsFrom(dto: HypothesisDto, indicatorIds: string[], indicators: Map<string, PredictedIndicator>, saved: Hypothesis | null): Prediction[] {
    if (dto.predictions === undefined) return (saved?.predictions ?? []).filter((p) => indicatorIds.includes(p.indicatorId));
    assertAllowed(checkPredictions(dto.predictions, indicatorIds, indicators), 'bad-input');
    return dto.predictions.map((p) => ({ indicatorId: p.indicatorId, from: p.from ?? null, to: p.to, note: p.note || null }));
  }

  private adaptationFrom(dto: AdaptationDto): Adaptation {
    return {
      description: dto.description ?? '',
      implementedOn: dto.implementedOn ?? '',
      sessionsHeld: dto.sessionsHeld ?? null,
      participantsReached: dto.participantsReached ?? null,
      gathering: dto.gathering ? { ...dto.gathering } : null,
    };
  }

  private reflectionFrom(dto: ReflectionDto): Reflection {
    return { outcome: dto.outcome ?? null, insights: dto.insights ?? '', decision: dto.decision ?? null, nextSteps: dto.nextSteps ?? '' };
  }
}
