import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, Clock, isUniqueViolation, newId, Transactions } from '@r2c/core';
import type { AppConfig } from '@r2c/core';
import { OutboxService } from '@r2c/notify';
import type { NewMail } from '@r2c/notify';
import { CycleSummary } from './cycle-summary.entity';
import { CompiledSummary, SummaryCompiler } from './summary-compiler';
import { summarise } from './summary-content';
import type { SummaryContent } from './summary-content';
import { SummaryFactsReader, SummaryRecipient } from './summary-facts';
import type { SummaryJob } from './summary-job';
import { SummaryReason, SummaryRequest } from './summary-request.entity';
import { openedHtml } from './summary-opening';
import { summaryEmailBody } from './summary-email';
import type { SummaryEmailBody } from './summary-email';

export type CompileOutcome = { status: 'compiled'; cycleId: string; version: number; emails: number } | { status: 'skipped'; reason: string };

/** Two requests of one cycle compiled at once both reach for the next version; the loser tries again. */
const VERSION_RACE_ATTEMPTS = 3;

/**
 * Compiles cycle summaries. A summary is compiled for a request (written when a cycle closes, or by
 * an admin); compiling marks the request, so running the same request again, as BullMQ's
 * at-least-once delivery may, changes nothing.
 */
@Injectable()
export class SummariesService {
  private readonly logger = new Logger(SummariesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly compiler: SummaryCompiler,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Records, in the caller's transaction, that a cycle needs a new summary version. */
  async request(em: EntityManager, cycleId: string, reason: SummaryReason, requestedBy: string | null): Promise<SummaryJob> {
    const request: SummaryRequest = {
      id: newId(),
      cycleId,
      reason,
      requestedBy,
      requestedAt: this.clock.now(),
      enqueuedAt: null,
      compiledAt: null,
      version: null,
    };
    await em.insert(SummaryRequest, request);
    return { requestId: request.id, cycleId };
  }

  /** Requests still to compile that no relay handed to the queue, or not since `handedOverBefore`. */
  due(handedOverBefore: Date, limit: number): Promise<SummaryJob[]> {
    return this.transactions.run(async (em) => {
      const rows = await em
        .getRepository(SummaryRequest)
        .createQueryBuilder('r')
        .select(['r.id', 'r.cycleId'])
        .where('r.compiledAt IS NULL')
        .andWhere('(r.enqueuedAt IS NULL OR r.enqueuedAt < :handedOverBefore)', { handedOverBefore })
        .orderBy('r.requestedAt', 'ASC')
        .limit(limit)
        .getMany();
      return rows.map((r) => ({ requestId: r.id, cycleId: r.cycleId }));
    });
  }

  async markHandedOver(jobs: SummaryJob[], at: Date): Promise<void> {
    if (!jobs.length) return;
    await this.transactions.run((em) =>
      em
        .createQueryBuilder()
        .update(SummaryRequest)
        .set({ enqueuedAt: at })
        .where('id IN (:...ids) AND compiled_at IS NULL', { ids: jobs.map((j) => j.requestId) })
        .execute(),
    );
  }

  async compile(requestId: string): Promise<CompileOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = await this.transactions.run((em) => this.compileIn(em, requestId));
        if (outcome.status === 'compiled') this.outbox.kick();
        return outcome;
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= VERSION_RACE_ATTEMPTS) throw error;
        this.logger.debug(`summary request ${requestId} met a concurrent version; compiling it again`);
      }
    }
  }

  /** The latest version of a cycle's summary, or the one asked for; null when there is none. */
  latest(cycleId: string, version?: number): Promise<CycleSummary | null> {
    return this.dataSource.getRepository(CycleSummary).findOne({ where: version ? { cycleId, version } : { cycleId }, order: { version: 'DESC' } });
  }

  /** The summary as it would be compiled now, stored nowhere and sent to no one; null when there is no such cycle. */
  async draft(cycleId: string): Promise<SummaryContent | null> {
    const read = new SummaryFactsReader(this.dataSource.manager);
    const facts = await read.all(cycleId);
    if (!facts) return null;
    const version = (await read.latestVersion(cycleId)) + 1;
    return summarise({ ...facts, version, compiledAt: this.clock.now().toISOString(), link: this.linkTo(cycleId) });
  }

  private linkTo(cycleId: string): string {
    // The web app's summary page (it signs a reader in first); the API route would answer a browser 401.
    return `${this.config.appUrl}/cycles/${cycleId}/summary`;
  }

  private async compileIn(em: EntityManager, requestId: string): Promise<CompileOutcome> {
    const now = this.clock.now();
    // Claiming the request first makes a second run of it find nothing to do; on PostgreSQL a
    // concurrent run waits on this row and then finds it claimed.
    const claimed = await em
      .createQueryBuilder()
      .update(SummaryRequest)
      .set({ compiledAt: now })
      .where('id = :id AND compiled_at IS NULL', { id: requestId })
      .execute();
    if (!claimed.affected) return { status: 'skipped', reason: 'already compiled, or no such request' };
    const { cycleId, reason } = await em.findOneByOrFail(SummaryRequest, { id: requestId });

    const read = new SummaryFactsReader(em);
    const facts = await read.all(cycleId);
    if (!facts) return { status: 'skipped', reason: 'the cycle no longer exists' };
    const initiativeId = facts.initiative.id;
    const recipients = await read.recipients(initiativeId);
    const version = (await read.latestVersion(cycleId)) + 1;
    const approval = reason === 'closed' ? await read.approval(cycleId) : null;
    const opening = approval && { ...approval, initiativeTitle: facts.initiative.title, link: `${this.config.appUrl}/cycles/${cycleId}/summary` };
    const compiled = this.compiler.compile({ ...facts, version, compiledAt: now.toISOString(), link: this.linkTo(cycleId) });
    await em.insert(CycleSummary, {
      id: newId(),
      cycleId,
      initiativeId,
      version,
      content: compiled.json,
      markdown: compiled.markdown,
      html: compiled.html,
      compiledAt: now,
    });
    await em.update(SummaryRequest, { id: requestId }, { version });
    // Rendered once for all recipients: the charts' PNGs are the same bytes in every copy.
    const body = recipients.length ? summaryEmailBody(opening ? openedHtml(opening, compiled.html) : compiled.html, `${cycleId}.${version}`) : null;
    const emails = await this.outbox.add(
      em,
      recipients.map((person) => this.email(compiled, person, !!opening, body!)),
    );
    return { status: 'compiled', cycleId, version, emails };
  }

  /** An approved cycle's summary email is also the librarians' news of the approval: it opens with the coach's verdict and note. */
  private email(summary: CompiledSummary, person: SummaryRecipient, approved: boolean, body: SummaryEmailBody): NewMail {
    const { initiative, cycle, version } = summary.json;
    return {
      kind: 'summary',
      idempotencyKey: `summary:${cycle.id}:${version}:${person.id}`,
      to: person.email,
      subject: `${approved ? 'Approved: ' : ''}${initiative.title}: summary of cycle ${cycle.number}, ${cycle.title}${version > 1 ? ` (version ${version})` : ''}`,
      text: body.text,
      html: body.html,
      attachments: body.attachments,
    };
  }
}
