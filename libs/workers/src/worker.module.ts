import { DynamicModule, Module } from '@nestjs/common';
import { OutboxModule } from '@r2c/notify';
import { MailProcessor } from './mail.processor';
import { OutboxRelay } from './outbox-relay';
import { DigestsModule, SummaryCompilingModule } from '@r2c/reports';
import { DigestsProcessor } from './digests.processor';
import { RemindersModule } from '@r2c/reminders';
import { RemindersProcessor } from './reminders.processor';
import { SummariesProcessor } from './summaries.processor';
import { SummaryRelay } from './summary-relay';
import { DailyReviewEmailsModule } from '@r2c/notifications';
import { ReviewEmailsProcessor } from './review-emails.processor';

/**
 * BullMQ processors, schedulers and the relays that feed them: imported by the worker process
 * (apps/worker), and by the API process in the embedded default (apps/api).
 */
@Module({})
export class WorkerModule {
  static forRoot(): DynamicModule {
    return {
      module: WorkerModule,
      imports: [OutboxModule, RemindersModule, DigestsModule, SummaryCompilingModule, DailyReviewEmailsModule],
      providers: [OutboxRelay, MailProcessor, RemindersProcessor, DigestsProcessor, SummariesProcessor, SummaryRelay, ReviewEmailsProcessor],
    };
  }
}
