import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { Transactions } from '@r2c/core';
import { Cycle, CycleAccessPolicy } from '@r2c/cycles';
import { CycleSummary } from './cycle-summary.entity';
import { SummariesService } from './summaries.service';
import type { SummaryJob } from './summary-job';
import { SummaryTriggers } from './summary-triggers';

/** Who may read a cycle's summary, and an admin's request for a new version. */
@Injectable()
export class CycleSummaries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly access: CycleAccessPolicy,
    private readonly audit: AuditService,
    private readonly summaries: SummariesService,
    private readonly triggers: SummaryTriggers,
  ) {}

  /** Members and admins read any compiled summary; subscribers the published ones, i.e. of closed cycles. */
  async read(actor: Principal, cycleId: string, version?: number): Promise<CycleSummary> {
    await this.assertReadable(actor, cycleId);
    const summary = await this.summaries.latest(cycleId, version);
    if (!summary) {
      throw new NotFoundException(version ? `This cycle has no summary version ${version}.` : 'This cycle has no summary yet: it is compiled once a coach approves the cycle.');
    }
    return summary;
  }

  /** Records a request for a new version (202); the summaries job compiles it and emails the initiative's people. */
  async requestNow(actor: Principal, cycleId: string): Promise<SummaryJob> {
    const job = await this.transactions.run(async (em) => {
      const { cycle } = await this.access.cycle(actor, cycleId, 'administer', em);
      const requested = await this.summaries.request(em, cycleId, 'on_demand', actor.id);
      await this.audit.record(em, actor, { action: 'request:summary', entityType: 'cycle', entityId: cycleId, initiativeId: cycle.initiativeId, after: { summaryRequestId: requested.requestId } });
      return requested;
    });
    this.triggers.handOver(job);
    return job;
  }

  private async assertReadable(actor: Principal, cycleId: string): Promise<void> {
    if (actor.role === 'subscriber') {
      const cycle = await this.dataSource.getRepository(Cycle).findOne({ select: { id: true, phase: true }, where: { id: cycleId } });
      if (cycle?.phase === 'closed') return;
    }
    await this.access.cycle(actor, cycleId, 'read');
  }
}
