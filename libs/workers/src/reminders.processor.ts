import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { APP_CONFIG } from '@r2c/core';
import type { AppConfig } from '@r2c/core';
import { LoggedWorkerHost, QueueName } from '@r2c/jobs';
import type { ReminderScanResult } from '@r2c/contracts';
import { ReminderScan } from '@r2c/reminders';

export const REMINDER_SCHEDULER_ID = 'check-in-reminders';

/** Runs the check-in reminder scan: on the job scheduler's beat, and when an admin asks for it now. */
@Processor(QueueName.Reminders, { concurrency: 1 })
export class RemindersProcessor extends LoggedWorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly scan: ReminderScan,
    @InjectQueue(QueueName.Reminders) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    // Not awaited: with Redis down the worker still starts, and the scheduler is registered once it is back.
    this.queue
      .upsertJobScheduler(REMINDER_SCHEDULER_ID, { every: this.config.reminderEveryMinutes * 60_000 }, { name: 'scan', data: {} })
      .catch((error: unknown) => this.logger.error(`could not register the reminder scheduler: ${error instanceof Error ? error.message : String(error)}`));
  }

  process(): Promise<ReminderScanResult> {
    return this.scan.run();
  }
}
