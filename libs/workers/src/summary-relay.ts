import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { APP_CONFIG, Clock } from '@r2c/core';
import type { AppConfig } from '@r2c/core';
import { PollingRelay, QueueName } from '@r2c/jobs';
import { SUMMARY_JOB_NAME, SummariesService, summaryJobOptions } from '@r2c/reports';

const BATCH = 100;
/** A request handed over this long ago and still not compiled may have been lost with Redis: hand it over again (its job id makes that harmless). */
const HAND_OVER_AGAIN_AFTER_MS = 10 * 60 * 1000;

/**
 * Moves summary requests from the database onto the summaries queue, at the outbox's poll interval.
 * The API's own attempt right after an approval usually wins; this is the guarantee.
 */
@Injectable()
export class SummaryRelay extends PollingRelay {
  constructor(
    @InjectQueue(QueueName.Summaries) private readonly queue: Queue,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly summaries: SummariesService,
    private readonly clock: Clock,
  ) {
    super(config.outboxPollMs);
  }

  protected readonly recoveryMessage = 'The summary relay works again; requested summaries are moving.';

  protected troubleMessage(error: unknown): string {
    return `The summary relay could not reach the summaries queue (${(error as Error).message}); requests wait in the database.`;
  }

  protected async pass(): Promise<void> {
    const due = await this.summaries.due(new Date(this.clock.now().getTime() - HAND_OVER_AGAIN_AFTER_MS), BATCH);
    if (!due.length) return;
    await this.handOver(this.queue.addBulk(due.map((job) => ({ name: SUMMARY_JOB_NAME, data: job, opts: summaryJobOptions(job) }))));
    await this.summaries.markHandedOver(due, this.clock.now());
  }
}
