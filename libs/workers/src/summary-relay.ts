import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { APP_CONFIG } from '@r2c/core';
import type { AppConfig } from '@r2c/core';
import { QueueName } from '@r2c/jobs';
import { SUMMARY_JOB_NAME, SummariesService, summaryJobOptions } from '@r2c/reports';
import type { SummaryJob } from '@r2c/reports';

const BATCH = 100;
/** A request handed over this long ago and still not compiled may have been lost with Redis: hand it over again (its job id makes that harmless). */
const HAND_OVER_AGAIN_AFTER_MS = 10 * 60 * 1000;
const REDIS_PATIENCE_MS = 5000;

/**
 * Moves summary requests from the database onto the summaries queue, on a timer in the process (at
 * the outbox's poll interval) rather than a BullMQ scheduler, because its job is to catch up after
 * Redis was down. The API's own attempt right after an approval usually wins; this is the guarantee.
 */
@Injectable()
export class SummaryRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SummaryRelay.name);
  private last: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private stopped = false;
  /** An addBulk Redis has not answered yet: ioredis holds it until it reconnects, so none is added on top. */
  private unanswered?: Promise<unknown>;
  private failing = false;
  /** Ends the wait of a hand-over in progress when the process stops. */
  private abandonWait?: () => void;

  constructor(
    @InjectQueue(QueueName.Summaries) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly summaries: SummariesService,
  ) {}

  onApplicationBootstrap(): void {
    this.tick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.abandonWait?.();
    await this.last;
  }

  /** Runs a pass after the current one; resolves when it is done. */
  kick(): Promise<void> {
    if (this.stopped) return this.last;
    this.last = this.last.then(() => this.pass());
    return this.last;
  }

  private readonly tick = (): void => {
    void this.kick().then(() => {
      if (!this.stopped) this.timer = setTimeout(this.tick, this.config.outboxPollMs);
    });
  };

  /** Never rejects: every trouble leaves the requests in the database for the next pass. */
  private async pass(): Promise<void> {
    if (this.unanswered) return;
    try {
      const due = await this.summaries.due(new Date(Date.now() - HAND_OVER_AGAIN_AFTER_MS), BATCH);
      if (!due.length) return;
      await this.handOver(due);
      await this.summaries.markHandedOver(due, new Date());
      if (this.failing) this.logger.log('The summary relay works again; requested summaries are moving.');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.warn(`The summary relay could not reach the summaries queue (${(error as Error).message}); requests wait in the database.`);
      this.failing = true;
    }
  }

  private async handOver(due: SummaryJob[]): Promise<void> {
    const added = this.queue.addBulk(due.map((job) => ({ name: SUMMARY_JOB_NAME, data: job, opts: summaryJobOptions(job) })));
    this.unanswered = added;
    void added.catch(() => undefined).finally(() => {
      if (this.unanswered === added) this.unanswered = undefined;
    });
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${REDIS_PATIENCE_MS} ms`)), REDIS_PATIENCE_MS);
      this.abandonWait = () => reject(new Error('the process is stopping'));
    });
    try {
      await Promise.race([added, gaveUp]);
    } finally {
      clearTimeout(timer);
      this.abandonWait = undefined;
    }
  }
}
