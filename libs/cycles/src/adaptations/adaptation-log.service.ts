import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, Permission } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { Clock, newId, Page, PageQuery, Transactions } from '@r2c/core';
import { canChangeAdaptationLog } from '../domain';
import { CycleAccessPolicy } from '../cycles/cycle-access';
import { assertAllowed } from '../cycles/refusal';
import { AdaptationLogEntryView, LogAdaptationDto, toAdaptationLogEntryView } from './adaptation-log.dto';
import { AdaptationLogEntry } from './adaptation-log-entry.entity';

/** A cycle's adaptation log: librarians and admins add and withdraw entries while the cycle is open; members read it. */
@Injectable()
export class AdaptationLogService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly cycles: CycleAccessPolicy,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  add(actor: Principal, cycleId: string, dto: LogAdaptationDto): Promise<AdaptationLogEntryView> {
    return this.tx.run(async (em) => {
      const { cycle } = await this.cycles.forWork(actor, cycleId, Permission.CycleContribute, em);
      assertAllowed(canChangeAdaptationLog(cycle.phase));
      const entry: AdaptationLogEntry = {
        id: newId(),
        cycleId,
        initiativeId: cycle.initiativeId,
        madeOn: dto.madeOn,
        whatChanged: dto.whatChanged,
        decidedBy: dto.decidedBy,
        planning: dto.planning,
        reason: dto.reason,
        fidelityConsistent: dto.fidelityConsistent,
        permanence: dto.permanence,
        createdBy: actor.id,
        createdAt: this.clock.now(),
      };
      await em.insert(AdaptationLogEntry, entry);
      const view = toAdaptationLogEntryView(entry);
      await this.audit.record(em, actor, { action: 'create', entityType: 'adaptation', entityId: entry.id, initiativeId: cycle.initiativeId, after: view });
      return view;
    });
  }

  /** Oldest first: the log reads as the story of the cycle. */
  async list(actor: Principal, cycleId: string, page: PageQuery): Promise<Page<AdaptationLogEntryView>> {
    await this.cycles.cycle(actor, cycleId, Permission.InitiativeRead);
    const [items, total] = await this.dataSource.getRepository(AdaptationLogEntry).findAndCount({
      where: { cycleId },
      order: { madeOn: 'ASC', createdAt: 'ASC', id: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    return { items: items.map(toAdaptationLogEntryView), total };
  }

  remove(actor: Principal, cycleId: string, adaptationId: string): Promise<void> {
    return this.tx.run(async (em) => {
      const { cycle } = await this.cycles.forWork(actor, cycleId, Permission.CycleContribute, em);
      const entry = await em.findOne(AdaptationLogEntry, { where: { id: adaptationId, cycleId } });
      if (!entry) throw new NotFoundException('No adaptation with this id in this cycle.');
      assertAllowed(canChangeAdaptationLog(cycle.phase));
      await em.delete(AdaptationLogEntry, { id: adaptationId });
      await this.audit.record(em, actor, {
        action: 'delete',
        entityType: 'adaptation',
        entityId: adaptationId,
        initiativeId: cycle.initiativeId,
        before: toAdaptationLogEntryView(entry),
        after: null,
      });
    });
  }
}
