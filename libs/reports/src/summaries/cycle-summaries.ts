import { Injectable, NotFoundException } from '@nestjs/common';
import { AuditService, Permission } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { Transactions } from '@r2c/core';
import { CycleAccessPolicy } from '@r2c/cycles';
import { CycleSummary } from './cycle-summary.entity';
import { SummariesService } from './summaries.service';
import type { SummaryContent } from './summary-content';
import type { SummaryJob } from './summary-job';
import { SummaryTriggers } from './summary-triggers';

/** Who may read a cycle's summary, and an admin's request for a new version. */
@Injectable()
export class CycleSummaries {
  constructor(
    private readonly transactions: Transactions,
    private readonly access: CycleAccessPolicy,
    private readonly audit: AuditService,
    private readonly summaries: SummariesService,
    private readonly triggers: SummaryTriggers,
  ) {}

  /**
   * Members and admins read any compiled summary; anyone signed in reads that of a closed cycle when
   * the initiative shares closed cycles in the digest (summary.read).
   */
  async read(actor: Principal, cycleId: string, version?: number): Promise<CycleSummary> {
    await this.access.cycle(actor, cycleId, Permission.SummaryRead);
    const summary = await this.summaries.latest(cycleId, version);
    if (!summary) {
      throw new NotFoundException(
        version ? `This cycle has no summary version ${version}.` : 'This cycle has no summary yet: it is compiled once a coach approves the cycle.',
      );
    }
    return summary;
  }

  /**
   * The summary as it would read if the cycle were approved now (what the librarians will see), for
   * the initiative's people and admins; nothing is stored or sent.
   */
  async draft(actor: Principal, cycleId: string): Promise<SummaryContent> {
    await this.access.cycle(actor, cycleId, Permission.InitiativeRead);
    const draft = await this.summaries.draft(cycleId);
    if (!draft) throw new NotFoundException('No cycle with this id.');
    return draft;
  }

  /** Records a request for a new version (202); the summaries job compiles it and emails the initiative's people. */
  async requestNow(actor: Principal, cycleId: string): Promise<SummaryJob> {
    const job = await this.transactions.run(async (em) => {
      const { cycle } = await this.access.cycle(actor, cycleId, Permission.SummaryCompile, em);
      const requested = await this.summaries.request(em, cycleId, 'on_demand', actor.id);
      await this.audit.record(em, actor, {
        action: 'request:summary',
        entityType: 'cycle',
        entityId: cycleId,
        initiativeId: cycle.initiativeId,
        after: { summaryRequestId: requested.requestId },
      });
      return requested;
    });
    this.triggers.handOver(job);
    return job;
  }
}
