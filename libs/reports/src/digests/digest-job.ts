import type { Principal } from '@r2c/access';

/** The BullMQ job scheduler that runs the coalition digest on DIGEST_CRON in DIGEST_TIMEZONE. */
export const DIGEST_SCHEDULER_ID = 'coalition-digest';

export const DigestJobName = {
  /** Made by the job scheduler: covers the week before its scheduled time. */
  Scheduled: 'scheduled',
  /** Asked for through POST /digests/run: covers the period in its data. */
  Requested: 'requested',
} as const;

export interface RequestedDigestJob {
  periodStart: string;
  periodEnd: string;
  /** Who asked, for the audit log. */
  requestedBy: Principal | null;
}
