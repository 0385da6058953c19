import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '@r2c/access';
import { CyclesModule } from '@r2c/cycles';
import { SURVEY_ENTITIES } from './entities';
import { SurveyImportService } from './survey-import.service';
import { SurveyInstrumentService } from './survey-instrument.service';
import { SurveyOutcomesService } from './survey-outcomes';

const SERVICES = [SurveyInstrumentService, SurveyImportService, SurveyOutcomesService];

/** The trust survey instrument of each initiative and the import of its responses. */
@Module({
  imports: [AccessModule, CyclesModule, TypeOrmModule.forFeature(SURVEY_ENTITIES)],
  providers: SERVICES,
  exports: SERVICES,
})
export class SurveysModule {}
