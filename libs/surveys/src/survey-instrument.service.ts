import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessPolicy, AuditService, Permission } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { Clock, newId, Transactions } from '@r2c/core';
import { assertAllowed, canChangeWork, findTemplate, IndicatorsService } from '@r2c/cycles';
import type { IndicatorView } from '@r2c/cycles';
import { DEFAULT_SCALE_LABELS } from './forms-csv/answers';
import { normalisedWording } from './forms-csv/wording';
import { STARTER_ITEMS, STARTER_SURVEY_TITLE } from './starter-items';
import type { StarterItem } from './starter-items';
import { CreateSurveyItemDto, UpdateSurveyDto, UpdateSurveyItemDto } from './survey.dto';
import { SurveyAnswer, SurveyInstrument, SurveyItem } from './survey.entities';
import { SurveyItemView, SurveyView, toSurveyItemView } from './survey.views';

const SCORE_UNIT = 'score (1–5)';

/** The survey an initiative asks its participants: librarians and admins shape it, every member reads it. */
@Injectable()
export class SurveyInstrumentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly indicators: IndicatorsService,
  ) {}

  starterItems(): readonly Readonly<StarterItem>[] {
    return STARTER_ITEMS;
  }

  async view(actor: Principal, initiativeId: string): Promise<SurveyView> {
    await this.policy.require(actor, Permission.InitiativeRead, { initiativeId });
    return this.load(this.dataSource.manager, initiativeId);
  }

  update(actor: Principal, initiativeId: string, dto: UpdateSurveyDto): Promise<SurveyView> {
    return this.tx.run(async (em) => {
      const { initiative } = await this.policy.require(actor, Permission.InitiativeContribute, { initiativeId }, em);
      assertAllowed(canChangeWork(initiative));
      const before = await this.instrument(em, initiativeId);
      // Not `...dto`: a DTO instance carries its left-out fields as undefined, which would blank required columns.
      const after = { ...before, title: dto.title ?? before.title, scaleLabels: dto.scaleLabels ?? before.scaleLabels, updatedAt: this.clock.now() };
      await this.save(em, after);
      await this.audit.record(em, actor, {
        action: 'update',
        entityType: 'survey',
        entityId: initiativeId,
        initiativeId,
        before: { title: before.title, scaleLabels: before.scaleLabels },
        after: { title: after.title, scaleLabels: after.scaleLabels },
      });
      return this.load(em, initiativeId);
    });
  }

  addItem(actor: Principal, initiativeId: string, dto: CreateSurveyItemDto): Promise<SurveyItemView> {
    return this.tx.run(async (em) => {
      const { initiative } = await this.policy.require(actor, Permission.InitiativeContribute, { initiativeId }, em);
      assertAllowed(canChangeWork(initiative));
      const indicator = await this.scaleIndicator(em, initiativeId, dto.indicatorId);
      const items = await this.items(em, initiativeId);
      this.assertNewWording(items, dto.text);
      await this.save(em, await this.instrument(em, initiativeId));
      const now = this.clock.now();
      const item: SurveyItem = {
        id: newId(),
        initiativeId,
        position: items.length + 1,
        text: dto.text,
        outcome: dto.outcome,
        indicatorId: indicator.id,
        starterKey: null,
        createdAt: now,
        updatedAt: now,
      };
      await em.insert(SurveyItem, item);
      const view = toSurveyItemView(item, indicator.name);
      await this.audit.record(em, actor, { action: 'create', entityType: 'survey_item', entityId: item.id, initiativeId, after: view });
      return view;
    });
  }

  updateItem(actor: Principal, initiativeId: string, itemId: string, dto: UpdateSurveyItemDto): Promise<SurveyItemView> {
    return this.tx.run(async (em) => {
      const { initiative } = await this.policy.require(actor, Permission.InitiativeContribute, { initiativeId }, em);
      assertAllowed(canChangeWork(initiative));
      const items = await this.items(em, initiativeId);
      const item = items.find((i) => i.id === itemId);
      if (!item) throw new NotFoundException('No survey item with this id in this initiative.');
      const indicator = await this.scaleIndicator(em, initiativeId, dto.indicatorId ?? item.indicatorId);
      if (dto.text !== undefined)
        this.assertNewWording(
          items.filter((i) => i.id !== itemId),
          dto.text,
        );
      const updated: SurveyItem = {
        ...item,
        text: dto.text ?? item.text,
        outcome: dto.outcome ?? item.outcome,
        indicatorId: indicator.id,
        updatedAt: this.clock.now(),
      };
      await em.update(
        SurveyItem,
        { id: itemId },
        { text: updated.text, outcome: updated.outcome, indicatorId: updated.indicatorId, updatedAt: updated.updatedAt },
      );
      if (dto.position !== undefined) updated.position = await this.move(em, items, itemId, dto.position);
      const before = toSurveyItemView(item, null);
      const after = toSurveyItemView(updated, indicator.name);
      await this.audit.record(em, actor, {
        action: 'update',
        entityType: 'survey_item',
        entityId: itemId,
        initiativeId,
        before: { ...before, indicatorName: undefined },
        after: { ...after, indicatorName: undefined },
      });
      return after;
    });
  }

  removeItem(actor: Principal, initiativeId: string, itemId: string): Promise<void> {
    return this.tx.run(async (em) => {
      const { initiative } = await this.policy.require(actor, Permission.InitiativeContribute, { initiativeId }, em);
      assertAllowed(canChangeWork(initiative));
      const items = await this.items(em, initiativeId);
      const item = items.find((i) => i.id === itemId);
      if (!item) throw new NotFoundException('No survey item with this id in this initiative.');
      const answers = await em.count(SurveyAnswer, { where: { itemId } });
      if (answers) {
        throw new ConflictException(
          `"${item.text}" has ${answers} imported answers, which would lose their question; change its wording instead of removing it.`,
        );
      }
      await em.delete(SurveyItem, { id: itemId });
      await this.renumber(
        em,
        items.filter((i) => i.id !== itemId),
      );
      await this.audit.record(em, actor, {
        action: 'delete',
        entityType: 'survey_item',
        entityId: itemId,
        initiativeId,
        before: toSurveyItemView(item, null),
        after: null,
      });
    });
  }

  /**
   * Adds the starter items the survey does not have yet (by starter key or the same wording), adopting
   * each one's indicator from the catalogue, or creating it, unless the initiative already has it.
   */
  adoptStarter(actor: Principal, initiativeId: string): Promise<SurveyView> {
    return this.tx.run(async (em) => {
      const { initiative } = await this.policy.require(actor, Permission.InitiativeContribute, { initiativeId }, em);
      assertAllowed(canChangeWork(initiative));
      const instrument = await this.instrument(em, initiativeId);
      const isNew = !(await em.exists(SurveyInstrument, { where: { initiativeId } }));
      await this.save(em, isNew ? { ...instrument, title: STARTER_SURVEY_TITLE } : instrument);
      const items = await this.items(em, initiativeId);
      const indicators = await this.indicators.ofInitiative(em, initiativeId);
      const wordings = new Set(items.map((i) => normalisedWording(i.text)));
      const keys = new Set(items.map((i) => i.starterKey));
      let position = items.length;
      for (const starter of STARTER_ITEMS) {
        if (keys.has(starter.key) || wordings.has(normalisedWording(starter.text))) continue;
        const indicator = await this.starterIndicator(em, actor, initiativeId, starter, indicators);
        const now = this.clock.now();
        const item: SurveyItem = {
          id: newId(),
          initiativeId,
          position: ++position,
          text: starter.text,
          outcome: starter.outcome,
          indicatorId: indicator.id,
          starterKey: starter.key,
          createdAt: now,
          updatedAt: now,
        };
        await em.insert(SurveyItem, item);
        await this.audit.record(em, actor, {
          action: 'create',
          entityType: 'survey_item',
          entityId: item.id,
          initiativeId,
          after: toSurveyItemView(item, indicator.name),
        });
      }
      return this.load(em, initiativeId);
    });
  }

  /** The instrument's settings, the defaults when it was never saved. */
  async instrument(em: EntityManager, initiativeId: string): Promise<SurveyInstrument> {
    const saved = await em.findOne(SurveyInstrument, { where: { initiativeId } });
    if (saved) return saved;
    const now = this.clock.now();
    return { initiativeId, title: 'Participant survey', scaleLabels: [...DEFAULT_SCALE_LABELS], createdAt: now, updatedAt: now };
  }

  items(em: EntityManager, initiativeId: string): Promise<SurveyItem[]> {
    return em.find(SurveyItem, { where: { initiativeId }, order: { position: 'ASC', createdAt: 'ASC' } });
  }

  private async load(em: EntityManager, initiativeId: string): Promise<SurveyView> {
    const instrument = await this.instrument(em, initiativeId);
    const items = await this.items(em, initiativeId);
    const names = new Map((await this.indicators.ofInitiative(em, initiativeId)).map((i) => [i.id, i.name]));
    return {
      initiativeId,
      title: instrument.title,
      scaleLabels: instrument.scaleLabels,
      // An item whose indicator is gone is not shown (as the inner join did before).
      items: items.filter((item) => names.has(item.indicatorId)).map((item) => toSurveyItemView(item, names.get(item.indicatorId) ?? null)),
    };
  }

  private async save(em: EntityManager, instrument: SurveyInstrument): Promise<void> {
    await em.createQueryBuilder().insert().into(SurveyInstrument).values(instrument).orIgnore().updateEntity(false).execute();
    await em.update(
      SurveyInstrument,
      { initiativeId: instrument.initiativeId },
      { title: instrument.title, scaleLabels: instrument.scaleLabels, updatedAt: instrument.updatedAt },
    );
  }

  private async scaleIndicator(em: EntityManager, initiativeId: string, indicatorId: string): Promise<IndicatorView> {
    const indicator = await this.indicators.oneOf(em, initiativeId, indicatorId);
    if (!indicator) {
      throw new BadRequestException({
        message: 'indicatorId is not an indicator of this initiative',
        details: [{ field: 'indicatorId', problems: ['not an indicator of this initiative'] }],
      });
    }
    if (indicator.kind !== 'scale_1_5') {
      const message = `"${indicator.name}" is a ${indicator.kind} indicator; a survey item's answers are a 1–5 score, so it needs a scale_1_5 indicator`;
      throw new BadRequestException({ message, details: [{ field: 'indicatorId', problems: [message] }] });
    }
    return indicator;
  }

  /** Columns are matched to items by wording: two items worded alike would make the match ambiguous. */
  private assertNewWording(items: SurveyItem[], text: string): void {
    const twin = items.find((i) => normalisedWording(i.text) === normalisedWording(text));
    if (twin) throw new ConflictException(`The survey already asks "${twin.text}"; word the new item differently.`);
  }

  private async move(em: EntityManager, items: SurveyItem[], itemId: string, position: number): Promise<number> {
    const moving = items.find((i) => i.id === itemId)!;
    const others = items.filter((i) => i.id !== itemId);
    const at = Math.min(position, items.length) - 1;
    others.splice(at, 0, moving);
    await this.renumber(em, others);
    return at + 1;
  }

  private async renumber(em: EntityManager, ordered: SurveyItem[]): Promise<void> {
    for (const [index, item] of ordered.entries()) {
      if (item.position !== index + 1) await em.update(SurveyItem, { id: item.id }, { position: index + 1 });
    }
  }

  /** The starter item's indicator: adopted when the initiative has it, else created by libs/cycles' IndicatorsService in this transaction. */
  private async starterIndicator(
    em: EntityManager,
    actor: Principal,
    initiativeId: string,
    starter: StarterItem,
    indicators: IndicatorView[],
  ): Promise<IndicatorView> {
    const template = starter.indicator.templateKey ? findTemplate(starter.indicator.templateKey) : undefined;
    const name = template?.name ?? starter.indicator.name!;
    const existing = indicators.find((i) => (template && i.templateKey === template.key) || i.name === name);
    if (existing && existing.kind === 'scale_1_5') return existing;
    const indicator = await this.indicators.createWithin(em, actor, initiativeId, {
      templateKey: template?.key,
      // An indicator of that name but another kind stays as it is; the survey's gets a name of its own.
      name: existing ? `${name} (survey)` : name,
      unit: template?.unit ?? SCORE_UNIT,
      kind: 'scale_1_5',
      direction: 'increase',
      description: template?.description ?? starter.indicator.description ?? undefined,
    });
    indicators.push(indicator);
    return indicator;
  }
}
