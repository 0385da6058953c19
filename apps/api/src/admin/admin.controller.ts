import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Queue } from 'bullmq';
import { IsIn, IsOptional } from 'class-validator';
import { CurrentUser, Permission, Requires } from '@r2c/access';
import type { Principal } from '@r2c/access';
import type { QueueDashboardSession } from '@r2c/contracts';
import { APP_CONFIG, Clock, PageQuery } from '@r2c/core';
import type { AppConfig } from '@r2c/core';
import { enqueue, QueueName } from '@r2c/jobs';
import { OUTBOX_STATUSES, OutboxService, toOutboxMessageView } from '@r2c/notify';
import type { OutboxStatus } from '@r2c/notify';
import { ReminderScan } from '@r2c/reminders';
import { UuidParam } from '../common/uuid-param';
import { QUEUE_DASHBOARD_PATH, QUEUE_DASHBOARD_TOKEN_SECONDS, queueDashboardSession } from './queue-dashboard';
import { Answers, Refuses, pageOf } from '../openapi/answers';

class OutboxQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: OUTBOX_STATUSES })
  @IsOptional()
  @IsIn(OUTBOX_STATUSES, { message: `status must be one of ${OUTBOX_STATUSES.join(', ')}` })
  status?: OutboxStatus;
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/admin')
export class AdminController {
  constructor(
    private readonly outbox: OutboxService,
    private readonly reminders: ReminderScan,
    @InjectQueue(QueueName.Reminders) private readonly reminderQueue: Queue,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('queue-dashboard/session')
  @ApiOperation({
    summary: `A token that opens the queue dashboard (${QUEUE_DASHBOARD_PATH}) for ${QUEUE_DASHBOARD_TOKEN_SECONDS / 60} minutes and does nothing else`,
  })
  @Requires(Permission.QueueDashboardOpen)
  @Answers(201, 'QueueDashboardSession')
  @Refuses({ 403: true })
  openQueueDashboard(@CurrentUser() me: Principal): QueueDashboardSession {
    return queueDashboardSession(me, this.config.secretKey, this.clock.now());
  }

  @Get('outbox')
  @Requires(Permission.OutboxManage)
  @ApiOperation({ summary: 'Mail and its delivery state: queued, sent, failed (will retry), dead (gave up)' })
  @Answers(200, pageOf('OutboxMessageView'))
  @Refuses({ 403: true })
  async listOutbox(@Query() query: OutboxQueryDto) {
    const page = await this.outbox.list(query);
    return { items: page.items.map(toOutboxMessageView), total: page.total };
  }

  @Post('outbox/:id/retry')
  @Requires(Permission.OutboxManage)
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a failed or dead email again' })
  @Answers(202, 'OutboxMessageView')
  @Refuses({ 403: true, 404: 'No such email', 409: 'The email was sent or is already queued' })
  async retry(@UuidParam('id') id: string) {
    return toOutboxMessageView(await this.outbox.retry(id));
  }

  @Post('reminders/run')
  @Requires(Permission.RemindersRun)
  @HttpCode(202)
  @ApiOperation({ summary: 'Run the check-in reminder scan now (the scheduler runs it every 15 minutes by default)' })
  @Answers(202, 'ReminderRunAnswer')
  @Refuses({ 403: true })
  async runReminders() {
    try {
      const job = await enqueue(this.reminderQueue, 'scan', {}, { jobId: `reminders-now-${Date.now()}` });
      return { queued: true, jobId: job.id };
    } catch {
      // Redis is down: scan here; the emails wait in the outbox until Redis is back.
      return { queued: false, result: await this.reminders.run() };
    }
  }
}
