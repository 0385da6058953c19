import type { Principal } from '@r2c/access';
import type { DigestSeries } from './digest-period';

/** The BullMQ job schedulers that run the coalition digests in DIGEST_TIMEZONE: weekly on DIGEST_CRON, monthly on the 1st at its hour. */
export const DIGEST_SCHEDULER_ID = 'coalition-digest';
export const MONTHLY_DIGEST_SCHEDULER_ID = 'coalition-digest-monthly';

export const DigestJobName = {
  /** Made by a job scheduler: covers the week (or, with series monthly, the calendar month) before its scheduled time. */
  Scheduled: 'scheduled',
  /** Asked for through POST /digests/run: covers the period in its data. */
  Requested: 'requested',
} as const;

export interface ScheduledDigestJob {
  /** Absent on the weekly scheduler's jobs (registered before there were two series). */
  series?: DigestSeries;
}

export interface RequestedDigestJob {
  periodStart: string;
  periodEnd: string;
  /** Absent on jobs queued before there were two series: weekly. */
  series?: DigestSeries;
  /** Who asked, for the audit log. */
  requestedBy: Principal | null;
}
