import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { APP_CONFIG } from '@r2c/core';
import type { AppConfig } from '@r2c/core';
import { LoggedWorkerHost, QueueName } from '@r2c/jobs';
import { DailyBatchResult, DailyReviewEmails } from '@r2c/notifications';

export const DAILY_REVIEW_EMAILS_SCHEDULER_ID = 'daily-review-emails';
/** Every day at 09:00, in DIGEST_TIMEZONE. */
export const DAILY_REVIEW_EMAILS_CRON = '0 9 * * *';

/** Sends the daily list of review events to the people who chose it. */
@Processor(QueueName.Notifications, { concurrency: 1 })
export class ReviewEmailsProcessor extends LoggedWorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly daily: DailyReviewEmails,
    @InjectQueue(QueueName.Notifications) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    // Not awaited: with Redis down the worker still starts, and the scheduler is registered once it is back.
    this.queue
      .upsertJobScheduler(
        DAILY_REVIEW_EMAILS_SCHEDULER_ID,
        { pattern: DAILY_REVIEW_EMAILS_CRON, tz: this.config.digestTimezone },
        { name: 'daily', data: {}, opts: { attempts: 6, backoff: { type: 'exponential', delay: 60_000 } } },
      )
      .catch((error: unknown) =>
        this.logger.error(`could not register the daily review emails scheduler: ${error instanceof Error ? error.message : String(error)}`),
      );
  }

  process(): Promise<DailyBatchResult> {
    return this.daily.run();
  }
}
