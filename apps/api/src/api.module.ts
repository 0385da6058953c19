import { DynamicModule, Module } from '@nestjs/common';
import { CoreModule, CoreOptions, Runtime } from '@r2c/core';
import { JobsModule } from '@r2c/jobs';
import { MailModule, OutboxModule } from '@r2c/notify';
import { WorkerModule } from '@r2c/workers';
import { AccessModule, AdminBootstrap, AUTH_GUARD_PROVIDER } from '@r2c/access';
import { AuditController } from './access/audit.controller';
import { AuthController } from './access/auth.controller';
import { InitiativesController } from './access/initiatives.controller';
import { LibrariesController } from './access/libraries.controller';
import { UsersController } from './access/users.controller';
import { InvitationsController } from './access/invitations.controller';
import { CyclesModule } from '@r2c/cycles';
import { CalendarFeedsController } from './cycles/calendar-feeds.controller';
import { CheckInsController } from './cycles/check-ins.controller';
import { CyclesController } from './cycles/cycles.controller';
import { AdaptationsController } from './cycles/adaptations.controller';
import { ReviewQueueController } from './cycles/review-queue.controller';
import { IndicatorsController } from './cycles/indicators.controller';
import { HealthController } from './health/health.controller';
import { DigestsModule, SummariesModule } from '@r2c/reports';
import { DigestsController } from './reports/digests.controller';
import { UnsubscribeController } from './reports/unsubscribe.controller';
import { SubscriptionsController } from './reports/subscriptions.controller';
import { RemindersModule } from '@r2c/reminders';
import { AdminController } from './admin/admin.controller';
import { SummariesController, SummaryListController } from './reports/summaries.controller';
import { SurveysModule } from '@r2c/surveys';
import { SurveyController } from './surveys/survey.controller';
import { PortabilityModule } from '@r2c/portability';
import { ExportController } from './portability/export.controller';
import { DigestChoicesController } from './reports/digest-choices.controller';
import { NotificationsModule } from '@r2c/notifications';
import { NotificationsController } from './notifications/notifications.controller';
import { LearningModule } from '@r2c/learning';
import { ProgrammeController } from './learning/programme.controller';
import { EvidenceBaseController } from './learning/evidence-base.controller';
import { CycleTagsController, StrategyTagsController } from './learning/strategy-tags.controller';

export interface ApiOptions extends CoreOptions {
  /** Run the BullMQ processors in this process too (the embedded default of `npm start`). */
  withWorkers: boolean;
}

@Module({})
export class ApiModule {
  static forRoot(runtime: Runtime, options: ApiOptions): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        CoreModule.forRoot(runtime, options),
        JobsModule.forRoot(runtime.redis),
        MailModule,
        AccessModule,
        CyclesModule,
        DigestsModule,
        OutboxModule,
        RemindersModule,
        SummariesModule,
        SurveysModule,
        PortabilityModule,
        NotificationsModule,
        LearningModule,
        ...(options.withWorkers ? [WorkerModule.forRoot()] : []),
      ],
      controllers: [
        HealthController,
        AuthController,
        UsersController,
        InvitationsController,
        LibrariesController,
        InitiativesController,
        AuditController,
        IndicatorsController,
        CyclesController,
        AdaptationsController,
        ReviewQueueController,
        CheckInsController,
        CalendarFeedsController,
        AdminController,
        DigestsController,
        UnsubscribeController,
        SubscriptionsController,
        SummariesController,
        SummaryListController,
        SurveyController,
        ExportController,
        DigestChoicesController,
        NotificationsController,
        ProgrammeController,
        EvidenceBaseController,
        StrategyTagsController,
        CycleTagsController,
      ],
      providers: [AUTH_GUARD_PROVIDER, AdminBootstrap],
    };
  }
}
