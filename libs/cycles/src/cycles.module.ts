import { Module } from '@nestjs/common';
import { AccessModule } from '@r2c/access';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdaptationLogEntry } from './adaptations/adaptation-log-entry.entity';
import { AdaptationLogService } from './adaptations/adaptation-log.service';
import { CheckIn } from './check-ins/check-in.entity';
import { CheckInsService } from './check-ins/check-ins.service';
import { CycleAccessPolicy } from './cycles/cycle-access';
import { CycleEvents } from './cycles/cycle-events';
import { Cycle } from './cycles/cycle.entity';
import { CyclesService } from './cycles/cycles.service';
import { Evidence } from './evidence/evidence.entity';
import { EvidenceService } from './evidence/evidence.service';
import { ExportsService } from './exports/exports.service';
import { Indicator } from './indicators/indicator.entity';
import { IndicatorsService } from './indicators/indicators.service';
import { Review } from './reviews/review.entity';
import { ReviewQueueService } from './review-queue/review-queue.service';

const SERVICES = [CycleAccessPolicy, CycleEvents, CyclesService, EvidenceService, IndicatorsService, CheckInsService, ExportsService, AdaptationLogService, ReviewQueueService];

/** The R2C domain. An ordinary module: its tables are its own; other modules use its exported services. */
@Module({
  imports: [AccessModule, TypeOrmModule.forFeature([Indicator, Cycle, Evidence, Review, CheckIn, AdaptationLogEntry])],
  providers: SERVICES,
  exports: SERVICES,
})
export class CyclesModule {}
