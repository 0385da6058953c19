import type { JobsOptions } from 'bullmq';

/** What goes on the summaries queue: the request to compile. */
export interface SummaryJob {
  requestId: string;
  cycleId: string;
}

export const SUMMARY_JOB_NAME = 'compile';

/** Deterministic, so a request handed over twice is one job (BullMQ refuses ':' in custom ids). */
export function summaryJobId(job: SummaryJob): string {
  return `summary-${job.cycleId}-${job.requestId}`;
}

export function summaryJobOptions(job: SummaryJob): JobsOptions {
  return { jobId: summaryJobId(job), attempts: 5, backoff: { type: 'exponential', delay: 2000 } };
}
