import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { LoggedWorkerHost, QueueName } from '@r2c/jobs';
import { SummariesService } from '@r2c/reports';
import type { CompileOutcome, SummaryJob } from '@r2c/reports';

/** Compiles one requested cycle summary per job; a job run twice finds its request compiled and does nothing. */
@Processor(QueueName.Summaries, { concurrency: 2 })
export class SummariesProcessor extends LoggedWorkerHost {
  constructor(private readonly summaries: SummariesService) {
    super();
  }

  process(job: Job<SummaryJob>): Promise<CompileOutcome> {
    return this.summaries.compile(job.data.requestId);
  }
}
