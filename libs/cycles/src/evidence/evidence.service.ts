import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, Permission } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { Clock, newId, Page, PageQuery, Transactions } from '@r2c/core';
import { canEdit, checkEvidenceEntry } from '../domain';
import { CycleAccessPolicy } from '../cycles/cycle-access';
import { assertAllowed } from '../cycles/refusal';
import { Indicator } from '../indicators/indicator.entity';
import { CreateEvidenceDto, EvidenceView, toEvidenceView } from './evidence.dto';
import { Evidence } from './evidence.entity';

/** What an evidence entry holds: the HTTP body, or the same fields from another module's action. */
export type NewEvidence = Pick<CreateEvidenceDto, 'kind' | 'indicatorId' | 'value' | 'text' | 'observedOn' | 'method' | 'source' | 'sampleSize'>;

@Injectable()
export class EvidenceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly cycles: CycleAccessPolicy,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  add(actor: Principal, cycleId: string, dto: CreateEvidenceDto): Promise<EvidenceView> {
    return this.tx.run((em) => this.addWithin(em, actor, cycleId, dto));
  }

  /**
   * Records an entry inside the caller's transaction (the survey import's evidence): the same access
   * check, phase rule, entry rule and audit row as `add`, so there is one way to write evidence.
   */
  async addWithin(em: EntityManager, actor: Principal, cycleId: string, dto: NewEvidence): Promise<EvidenceView> {
    const { cycle } = await this.cycles.forWork(actor, cycleId, Permission.CycleContribute, em);
    assertAllowed(canEdit({ phase: cycle.phase, hypothesis: null, adaptation: null, reflection: null, evidenceCount: 0 }, 'evidence'));
    let indicator: Indicator | null = null;
    if (dto.indicatorId) {
      indicator = await em.findOne(Indicator, { where: { id: dto.indicatorId, initiativeId: cycle.initiativeId } });
      if (!indicator) {
        throw new BadRequestException({
          message: 'indicatorId is not an indicator of this initiative',
          details: [{ field: 'indicatorId', problems: ['not an indicator of this initiative'] }],
        });
      }
    }
    assertAllowed(checkEvidenceEntry(dto, indicator), 'bad-input');
    const entry: Evidence = {
      id: newId(),
      cycleId,
      initiativeId: cycle.initiativeId,
      kind: dto.kind,
      indicatorId: dto.indicatorId ?? null,
      value: dto.value ?? null,
      text: dto.text ?? null,
      observedOn: dto.observedOn,
      method: dto.method,
      source: dto.source ?? null,
      sampleSize: dto.sampleSize ?? null,
      createdBy: actor.id,
      createdAt: this.clock.now(),
    };
    await em.insert(Evidence, entry);
    await this.audit.record(em, actor, {
      action: 'create',
      entityType: 'evidence',
      entityId: entry.id,
      initiativeId: cycle.initiativeId,
      after: toEvidenceView(entry),
    });
    return toEvidenceView(entry);
  }

  async list(actor: Principal, cycleId: string, page: PageQuery): Promise<Page<EvidenceView>> {
    await this.cycles.cycle(actor, cycleId, Permission.InitiativeRead);
    const [items, total] = await this.dataSource
      .getRepository(Evidence)
      .findAndCount({ where: { cycleId }, order: { observedOn: 'ASC', createdAt: 'ASC', id: 'ASC' }, take: page.limit, skip: page.offset });
    return { items: items.map(toEvidenceView), total };
  }

  remove(actor: Principal, cycleId: string, evidenceId: string): Promise<void> {
    return this.tx.run(async (em) => {
      const { cycle } = await this.cycles.forWork(actor, cycleId, Permission.CycleContribute, em);
      const entry = await em.findOne(Evidence, { where: { id: evidenceId, cycleId } });
      if (!entry) throw new NotFoundException('No evidence entry with this id in this cycle.');
      assertAllowed(canEdit({ phase: cycle.phase, hypothesis: null, adaptation: null, reflection: null, evidenceCount: 0 }, 'evidence'));
      await em.delete(Evidence, { id: evidenceId });
      await this.audit.record(em, actor, {
        action: 'delete',
        entityType: 'evidence',
        entityId: evidenceId,
        initiativeId: cycle.initiativeId,
        before: toEvidenceView(entry),
        after: null,
      });
    });
  }
}
