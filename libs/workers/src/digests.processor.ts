import { InjectQueue, Processor } from '@nestjs/bullmq';
import { ConflictException, Inject, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { APP_CONFIG } from '@r2c/core';
import type { AppConfig } from '@r2c/core';
import { LoggedWorkerHost, QueueName } from '@r2c/jobs';
import {
  CompileDigest,
  DIGEST_SCHEDULER_ID,
  DigestJobName,
  DigestPeriod,
  DigestSeries,
  MONTHLY_DIGEST_SCHEDULER_ID,
  monthBefore,
  monthlyCron,
  RequestedDigestJob,
  ScheduledDigestJob,
  weekBefore,
} from '@r2c/reports';

export interface DigestJobResult {
  series: DigestSeries;
  periodStart: string;
  periodEnd: string;
  /** sent: compiled now and its emails asked for; exists: compiled before; skipped: nothing to report, sent to no one; refused: overlaps one already sent. */
  outcome: 'sent' | 'exists' | 'skipped' | 'refused';
  digestId?: string;
  compiled: boolean;
  reason?: string;
}

/** A scheduled digest that hit a database hiccup tries again within the hour rather than waiting a week. */
const SCHEDULED_RETRIES = { attempts: 6, backoff: { type: 'exponential', delay: 60_000 } };

type DigestJob = Job<Partial<RequestedDigestJob> & ScheduledDigestJob>;

/**
 * Compiles the coalition digests: on the job schedulers' beats (weekly on DIGEST_CRON, monthly on the
 * 1st at the same hour, in DIGEST_TIMEZONE) for the week or calendar month before the scheduled time,
 * and when an admin asks for a period. A job may run twice; the compile itself makes that harmless,
 * and skips a period with nothing to report.
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
    // Not awaited: with Redis down the worker still starts, and the schedulers are registered once it is back.
    // Upserting with the same ids from every worker process keeps one scheduler per series, following the latest DIGEST_CRON.
    const tz = this.config.digestTimezone;
    this.schedule(DIGEST_SCHEDULER_ID, this.config.digestCron, tz, {});
    this.schedule(MONTHLY_DIGEST_SCHEDULER_ID, monthlyCron(this.config.digestCron), tz, { series: 'monthly' });
  }

  async process(job: DigestJob): Promise<DigestJobResult> {
    const series = job.data.series ?? 'weekly';
    const period = this.periodOf(job, series);
    const about = { series, periodStart: period.start, periodEnd: period.end };
    try {
      const { digest, compiled } = await this.compile.run(period, job.data.requestedBy ?? null, series);
      const outcome = compiled ? 'sent' : digest.status === 'skipped' ? 'skipped' : 'exists';
      return { ...about, outcome, digestId: digest.id, compiled };
    } catch (error) {
      // Another digest of the series already covers part of the period: trying again would be refused again.
      if (!(error instanceof ConflictException)) throw error;
      this.logger.warn(`Digest not sent: ${error.message}`);
      return { ...about, outcome: 'refused', compiled: false, reason: error.message };
    }
  }

  private schedule(id: string, pattern: string, tz: string, data: ScheduledDigestJob): void {
    this.queue
      .upsertJobScheduler(id, { pattern, tz }, { name: DigestJobName.Scheduled, data, opts: SCHEDULED_RETRIES })
      .catch((error: unknown) => this.logger.error(`could not register the digest scheduler ${id}: ${error instanceof Error ? error.message : String(error)}`));
  }

  private periodOf(job: DigestJob, series: DigestSeries): DigestPeriod {
    const { periodStart, periodEnd } = job.data;
    if (job.name === DigestJobName.Requested && periodStart && periodEnd) return { start: periodStart, end: periodEnd };
    // prevMillis is the time the scheduler planned this run for; a late run still covers that week or month.
    const scheduledAt = new Date(job.opts.prevMillis ?? job.timestamp);
    return series === 'monthly' ? monthBefore(scheduledAt, this.config.digestTimezone) : weekBefore(scheduledAt, this.config.digestTimezone);
  }
}
