import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '@r2c/access';
import { CyclesModule } from '@r2c/cycles';
import { SurveyAnswer, SurveyImport, SurveyInstrument, SurveyItem } from './survey.entities';
import { SurveyImportService } from './survey-import.service';
import { SurveyInstrumentService } from './survey-instrument.service';
import { SurveyOutcomesService } from './survey-outcomes';

const SERVICES = [SurveyInstrumentService, SurveyImportService, SurveyOutcomesService];

/** The trust survey instrument of each initiative and the import of its responses. */
@Module({
  imports: [AccessModule, CyclesModule, TypeOrmModule.forFeature([SurveyInstrument, SurveyItem, SurveyImport, SurveyAnswer])],
  providers: SERVICES,
  exports: SERVICES,
})
export class SurveysModule {}
