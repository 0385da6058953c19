import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { APP_CONFIG } from '@r2c/core';
import type { AppConfig } from '@r2c/core';
import { QueueName } from '@r2c/jobs';
import { errorText, MAIL_JOB_NAME, mailJobId, MailJob, mailJobOptions, OutboxService } from '@r2c/notify';

const BATCH = 500;
/** Bounds one pass, so a huge backlog cannot keep it (and shutdown) busy for long. */
const MAX_BATCHES_PER_PASS = 20;
/** A row handed over this long ago and still queued may have been lost by Redis: hand it over again (the job id makes that harmless). */
const HAND_OVER_AGAIN_AFTER_MS = 10 * 60 * 1000;
const REDIS_PATIENCE_MS = 5000;

/**
 * Moves queued outbox rows onto the BullMQ mail queue.
 *
 * It runs on a timer inside the process rather than as a BullMQ job scheduler: its whole point is to
 * keep the emails safe in the database while Redis is down and to move them once it is back, and a
 * scheduler that lives in Redis would stop exactly then. Several processes may each run a relay;
 * they hand over the same rows under the same job ids, which BullMQ keeps as one job.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private last: Promise<void> = Promise.resolve();
  private next?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  /** Ends the wait of a hand-over in progress when the process stops. */
  private abandonWait?: () => void;
  private detach?: () => void;
  /** An addBulk that Redis has not answered yet (ioredis holds it until it reconnects). */
  private unanswered?: Promise<unknown>;
  private failing = false;

  constructor(
    @InjectQueue(QueueName.Mail) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxService,
  ) {}

  onApplicationBootstrap(): void {
    this.detach = this.outbox.attachRelay(() => void this.kick());
    this.tick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.detach?.();
    this.abandonWait?.();
    await this.last;
  }

  /** Runs a pass as soon as the current one (if any) ends; resolves when that pass is done. */
  kick(): Promise<void> {
    if (this.stopped) return this.last;
    if (!this.next) {
      const next = this.last.then(() => {
        this.next = undefined;
        return this.pass();
      });
      this.next = next;
      this.last = next;
    }
    return this.next;
  }

  private readonly tick = (): void => {
    void this.kick().then(() => {
      if (!this.stopped) this.timer = setTimeout(this.tick, this.config.outboxPollMs);
    });
  };

  /** Never rejects: every trouble leaves the rows queued for the next pass. */
  private async pass(): Promise<void> {
    if (this.unanswered) return;
    try {
      for (let batch = 0; batch < MAX_BATCHES_PER_PASS && !this.stopped; batch++) {
        const rows = await this.outbox.due(new Date(Date.now() - HAND_OVER_AGAIN_AFTER_MS), BATCH);
        if (!rows.length) break;
        const due = rows.map(({ id, generation }) => ({ id, generation }));
        await this.handOver(due);
        await this.reviveFailed(rows.filter((row) => row.enqueuedAt !== null));
        await this.outbox.markHandedOver(due);
        if (due.length < BATCH) break;
      }
      if (this.failing) this.logger.log('The outbox relay works again; queued emails are moving.');
      this.failing = false;
    } catch (error) {
      if (!this.failing) {
        this.logger.warn(`The outbox relay could not hand emails to the mail queue (${errorText(error)}); they stay queued in the database and it keeps trying every ${this.config.outboxPollMs} ms.`);
      }
      this.failing = true;
    }
  }

  /**
   * A row handed over before and still queued may have a job BullMQ gave up on without our processor
   * seeing it (stalled in two worker crashes): adding the same job id again does nothing while that
   * failed job is kept, so put it back to work. Only re-hand-overs are checked, which are rare.
   */
  private async reviveFailed(rows: MailJob[]): Promise<void> {
    for (const row of rows) {
      const job = await this.queue.getJob(mailJobId(row));
      if (job && (await job.isFailed())) {
        this.logger.warn(`mail job ${job.id} had failed without a result; retrying it`);
        await job.retry('failed', { resetAttemptsMade: true });
      }
    }
  }

  private async handOver(due: MailJob[]): Promise<void> {
    const { mailMaxAttempts, mailBackoffMs } = this.config;
    const jobs = due.map(({ id, generation }) => ({
      name: MAIL_JOB_NAME,
      data: { id, generation } satisfies MailJob,
      opts: mailJobOptions({ id, generation }, mailMaxAttempts, mailBackoffMs),
    }));
    const added = this.queue.addBulk(jobs);
    this.unanswered = added;
    void added.catch(() => undefined).finally(() => {
      if (this.unanswered === added) this.unanswered = undefined;
    });
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`Redis did not answer within ${REDIS_PATIENCE_MS} ms`), REDIS_PATIENCE_MS);
      this.abandonWait = () => resolve('the process is stopping');
    });
    try {
      const outcome = await Promise.race([added.then(() => undefined), gaveUp]);
      if (outcome) throw new Error(outcome);
    } finally {
      clearTimeout(timer);
      this.abandonWait = undefined;
    }
  }
}
