import { Module } from '@nestjs/common';
import { AccessModule } from '@r2c/access';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdaptationLogService } from './adaptations/adaptation-log.service';
import { CheckInsService } from './check-ins/check-ins.service';
import { OverdueCheckInsModule } from './check-ins/overdue-check-ins';
import { CycleAccessPolicy } from './cycles/cycle-access';
import { CycleEvents } from './cycles/cycle-events';
import { CyclesService } from './cycles/cycles.service';
import { CYCLES_ENTITIES } from './entities';
import { EvidenceService } from './evidence/evidence.service';
import { CalendarFeedsService } from './exports/calendar-feeds.service';
import { ExportsService } from './exports/exports.service';
import { IndicatorsService } from './indicators/indicators.service';
import { ReviewQueueService } from './review-queue/review-queue.service';
import { IndicatorSeriesReader } from './series/indicator-series';

const SERVICES = [
  CycleAccessPolicy,
  CycleEvents,
  CyclesService,
  EvidenceService,
  IndicatorsService,
  CheckInsService,
  ExportsService,
  CalendarFeedsService,
  AdaptationLogService,
  ReviewQueueService,
  IndicatorSeriesReader,
];

/** The R2C domain. An ordinary module: its tables are its own; other modules use its exported services. */
@Module({
  imports: [AccessModule, TypeOrmModule.forFeature(CYCLES_ENTITIES), OverdueCheckInsModule],
  providers: SERVICES,
  exports: [...SERVICES, OverdueCheckInsModule],
})
export class CyclesModule {}
