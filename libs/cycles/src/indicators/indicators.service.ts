import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessPolicy, AuditService, Permission } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { Clock, newId, Page, PageQuery, Transactions } from '@r2c/core';
import { canChangeWork, checkMeasurementValue, findTemplate, INDICATOR_TEMPLATES } from '../domain';
import { assertAllowed } from '../cycles/refusal';
import { CreateIndicatorDto, IndicatorView, toIndicatorView } from './indicator.dto';
import { Indicator } from './indicator.entity';

@Injectable()
export class IndicatorsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  templates() {
    return INDICATOR_TEMPLATES;
  }

  create(actor: Principal, initiativeId: string, dto: CreateIndicatorDto): Promise<IndicatorView> {
    return this.tx.run((em) => this.createWithin(em, actor, initiativeId, dto));
  }

  /**
   * Creates an indicator inside the caller's transaction (the survey's starter items): the same access
   * check, rules and audit row as `create`, so there is one way to write an indicator.
   */
  async createWithin(em: EntityManager, actor: Principal, initiativeId: string, dto: CreateIndicatorDto): Promise<IndicatorView> {
    const { initiative } = await this.policy.require(actor, Permission.InitiativeContribute, { initiativeId }, em);
    assertAllowed(canChangeWork(initiative));
    const template = dto.templateKey !== undefined ? findTemplate(dto.templateKey) : undefined;
    if (dto.templateKey !== undefined && !template) {
      const keys = INDICATOR_TEMPLATES.map((t) => t.key).join(', ');
      throw new BadRequestException({
        message: `templateKey "${dto.templateKey}" is not in the catalogue; use one of ${keys}`,
        details: [{ field: 'templateKey', problems: ['unknown template'] }],
      });
    }
    const now = this.clock.now();
    const indicator: Indicator = {
      id: newId(),
      initiativeId,
      name: dto.name ?? template!.name,
      unit: dto.unit ?? template!.unit,
      kind: dto.kind ?? template!.kind,
      direction: dto.direction ?? template!.direction,
      baseline: dto.baseline ?? null,
      target: dto.target ?? null,
      templateKey: template?.key ?? null,
      description: dto.description ?? template?.description ?? null,
      createdAt: now,
      updatedAt: now,
    };
    for (const field of ['baseline', 'target'] as const) {
      const value = indicator[field];
      if (value === null) continue;
      if (indicator.kind === 'text') assertAllowed({ allowed: false, reason: `A text indicator has no numeric ${field}.`, fields: [field] }, 'bad-input');
      const verdict = checkMeasurementValue(indicator.kind, value);
      if (!verdict.allowed) assertAllowed({ ...verdict, reason: verdict.reason.replace('The value', `The ${field}`), fields: [field] }, 'bad-input');
    }
    if (await em.exists(Indicator, { where: { initiativeId, name: indicator.name } })) {
      throw new ConflictException(`This initiative already has an indicator called "${indicator.name}".`);
    }
    await em.insert(Indicator, indicator);
    await this.audit.record(em, actor, { action: 'create', entityType: 'indicator', entityId: indicator.id, initiativeId, after: toIndicatorView(indicator) });
    return toIndicatorView(indicator);
  }

  /** The initiative's indicators, read in `em` (another module's action or reader). */
  async ofInitiative(em: EntityManager, initiativeId: string): Promise<IndicatorView[]> {
    return (await em.find(Indicator, { where: { initiativeId }, order: { createdAt: 'ASC', name: 'ASC' } })).map(toIndicatorView);
  }

  /** One of the initiative's indicators, or null when it has none with this id. */
  async oneOf(em: EntityManager, initiativeId: string, indicatorId: string): Promise<IndicatorView | null> {
    const indicator = await em.findOne(Indicator, { where: { id: indicatorId, initiativeId } });
    return indicator && toIndicatorView(indicator);
  }

  async list(actor: Principal, initiativeId: string, page: PageQuery): Promise<Page<IndicatorView>> {
    await this.policy.require(actor, Permission.InitiativeRead, { initiativeId });
    const [items, total] = await this.dataSource
      .getRepository(Indicator)
      .findAndCount({ where: { initiativeId }, order: { createdAt: 'ASC', name: 'ASC' }, take: page.limit, skip: page.offset });
    return { items: items.map(toIndicatorView), total };
  }
}
