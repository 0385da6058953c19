import type { JobsOptions } from 'bullmq';

/** What the relay puts on the mail queue: the row to send and the generation the job belongs to. */
export interface MailJob {
  id: string;
  generation: number;
}

export const MAIL_JOB_NAME = 'send';

/** Deterministic, so that handing the same row over twice makes one job (BullMQ refuses ':' in custom ids). */
export function mailJobId(job: MailJob): string {
  return `mail-${job.id}-${job.generation}`;
}

export function mailJobOptions(job: MailJob, maxAttempts: number, backoffMs: number): JobsOptions {
  return { jobId: mailJobId(job), attempts: maxAttempts, backoff: { type: 'exponential', delay: backoffMs } };
}

/** BullMQ counts attemptsMade before the running attempt; this one is the last when no attempt follows it. */
export function isFinalAttempt(attemptsMade: number, maxAttempts = 1): boolean {
  return attemptsMade + 1 >= maxAttempts;
}
