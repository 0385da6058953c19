import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CyclesModule } from '@r2c/cycles';
import { OutboxModule } from '@r2c/notify';
import { AfterCommit } from '@r2c/reports';
import { NOTIFICATION_ENTITIES } from './entities';
import { DailyReviewEmails } from './daily-review-emails';
import { NotificationsService } from './notifications.service';
import { ReviewNotifications } from './review-notifications';

/** For the worker: the daily list of review events. */
@Module({
  imports: [TypeOrmModule.forFeature(NOTIFICATION_ENTITIES), OutboxModule],
  providers: [DailyReviewEmails],
  exports: [DailyReviewEmails],
})
export class DailyReviewEmailsModule {}

/** For the HTTP app: tells people of each step of a review as it commits, and serves each person's inbox and choice. */
@Module({
  imports: [TypeOrmModule.forFeature(NOTIFICATION_ENTITIES), OutboxModule, CyclesModule],
  providers: [AfterCommit, ReviewNotifications, NotificationsService],
  exports: [NotificationsService],
})
export class NotificationsModule {}
