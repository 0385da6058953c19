import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import { CycleEvents } from '@r2c/cycles';
import { enqueue, QueueName } from '@r2c/jobs';
import { AfterCommit } from './after-commit';
import { SummariesService } from './summaries.service';
import { SUMMARY_JOB_NAME, SummaryJob, summaryJobOptions } from './summary-job';

/**
 * When a coach approves a cycle, records in that same transaction that its summary is needed. The
 * request row is what makes the summary certain: Redis may be down at that moment. Once the approval
 * has committed it also tries the queue at once, so the summary usually arrives within seconds;
 * if that fails, the worker's relay hands the request over on its next pass.
 */
@Injectable()
export class SummaryTriggers implements OnModuleInit {
  private readonly logger = new Logger(SummaryTriggers.name);

  constructor(
    private readonly events: CycleEvents,
    private readonly summaries: SummariesService,
    private readonly afterCommit: AfterCommit,
    @InjectQueue(QueueName.Summaries) private readonly queue: Queue,
  ) {}

  onModuleInit(): void {
    this.events.onClosed(async (em, cycle, actor) => {
      const job = await this.summaries.request(em, cycle.id, 'closed', actor.id);
      this.afterCommit.add(em, () => this.handOver(job));
    });
  }

  /** Never waits for, nor fails because of, Redis. */
  handOver(job: SummaryJob): void {
    enqueue(this.queue, SUMMARY_JOB_NAME, job, summaryJobOptions(job)).catch((error: Error) =>
      this.logger.warn(`summary request ${job.requestId} waits for the relay: ${error.message}`),
    );
  }
}
