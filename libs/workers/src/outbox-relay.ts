import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { APP_CONFIG, Clock } from '@r2c/core';
import type { AppConfig } from '@r2c/core';
import { PollingRelay, QueueName, Signals } from '@r2c/jobs';
import { errorText, MAIL_JOB_NAME, mailJobId, MailJob, mailJobOptions, OUTBOX_ADDED_SIGNAL, OutboxService } from '@r2c/notify';

const BATCH = 500;
/** Bounds one pass, so a huge backlog cannot keep it (and shutdown) busy for long. */
const MAX_BATCHES_PER_PASS = 20;
/** A row handed over this long ago and still queued may have been lost by Redis: hand it over again (the job id makes that harmless). */
const HAND_OVER_AGAIN_AFTER_MS = 10 * 60 * 1000;

/**
 * Moves queued outbox rows onto the BullMQ mail queue. Several processes may each run a relay; they
 * hand over the same rows under the same job ids, which BullMQ keeps as one job.
 */
@Injectable()
export class OutboxRelay extends PollingRelay {
  private detach?: () => void;
  private stopListening?: () => void;

  constructor(
    @InjectQueue(QueueName.Mail) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly signals: Signals,
  ) {
    super(config.outboxPollMs);
  }

  override onApplicationBootstrap(): void {
    this.detach = this.outbox.attachRelay(() => void this.kick());
    // Emails added by another process (OutboxAnnouncer) start moving at once, not at the next poll.
    this.stopListening = this.signals.subscribe(OUTBOX_ADDED_SIGNAL, () => this.outbox.kickHere());
    super.onApplicationBootstrap();
  }

  override onApplicationShutdown(): Promise<void> {
    this.detach?.();
    this.stopListening?.();
    return super.onApplicationShutdown();
  }

  protected readonly recoveryMessage = 'The outbox relay works again; queued emails are moving.';

  protected troubleMessage(error: unknown): string {
    return `The outbox relay could not hand emails to the mail queue (${errorText(error)}); they stay queued in the database and it keeps trying every ${this.config.outboxPollMs} ms.`;
  }

  protected async pass(): Promise<void> {
    for (let batch = 0; batch < MAX_BATCHES_PER_PASS && !this.stopping; batch++) {
      const rows = await this.outbox.due(new Date(this.clock.now().getTime() - HAND_OVER_AGAIN_AFTER_MS), BATCH);
      if (!rows.length) break;
      const due = rows.map(({ id, generation }) => ({ id, generation }));
      await this.handOverMail(due);
      await this.reviveFailed(rows.filter((row) => row.enqueuedAt !== null));
      await this.outbox.markHandedOver(due);
      if (due.length < BATCH) break;
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

  private handOverMail(due: MailJob[]): Promise<void> {
    const { mailMaxAttempts, mailBackoffMs } = this.config;
    const jobs = due.map(({ id, generation }) => ({
      name: MAIL_JOB_NAME,
      data: { id, generation } satisfies MailJob,
      opts: mailJobOptions({ id, generation }, mailMaxAttempts, mailBackoffMs),
    }));
    return this.handOver(this.queue.addBulk(jobs));
  }
}
