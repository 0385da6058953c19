import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { APP_CONFIG } from '@r2c/core';
import type { AppConfig } from '@r2c/core';
import { LoggedWorkerHost, QueueName } from '@r2c/jobs';
import { CompileDigest, DIGEST_SCHEDULER_ID, DigestJobName, DigestPeriod, RequestedDigestJob, weekBefore } from '@r2c/reports';

export interface DigestJobResult {
  digestId: string;
  periodStart: string;
  periodEnd: string;
  compiled: boolean;
}

/** A scheduled digest that hit a database hiccup tries again within the hour rather than waiting a week. */
const SCHEDULED_RETRIES = { attempts: 6, backoff: { type: 'exponential', delay: 60_000 } };

/**
 * Compiles the coalition digest: on the job scheduler's beat (DIGEST_CRON in DIGEST_TIMEZONE) for the
 * week before the scheduled time, and when an admin asks for a period. A job may run twice; the
 * compile itself makes that harmless.
 */
@Processor(QueueName.Digests, { concurrency: 1 })
export class DigestsProcessor extends LoggedWorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly compile: CompileDigest,
    @InjectQueue(QueueName.Digests) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    // Not awaited: with Redis down the worker still starts, and the scheduler is registered once it is back.
    // Upserting with the same id from every worker process keeps one scheduler, following the latest DIGEST_CRON.
    this.queue
      .upsertJobScheduler(
        DIGEST_SCHEDULER_ID,
        { pattern: this.config.digestCron, tz: this.config.digestTimezone },
        { name: DigestJobName.Scheduled, data: {}, opts: SCHEDULED_RETRIES },
      )
      .catch((error: unknown) => this.logger.error(`could not register the digest scheduler: ${error instanceof Error ? error.message : String(error)}`));
  }

  async process(job: Job<Partial<RequestedDigestJob>>): Promise<DigestJobResult> {
    const period = this.periodOf(job);
    const { digest, compiled } = await this.compile.run(period, job.data.requestedBy ?? null);
    return { digestId: digest.id, periodStart: period.start, periodEnd: period.end, compiled };
  }

  private periodOf(job: Job<Partial<RequestedDigestJob>>): DigestPeriod {
    const { periodStart, periodEnd } = job.data;
    if (job.name === DigestJobName.Requested && periodStart && periodEnd) return { start: periodStart, end: periodEnd };
    // prevMillis is the time the scheduler planned this run for; a late run still covers that week.
    const scheduledAt = job.opts.prevMillis ?? job.timestamp;
    return weekBefore(new Date(scheduledAt), this.config.digestTimezone);
  }
}
