import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SurveyAnswer, SurveyImport, SurveyInstrument, SurveyItem } from './survey.entities';
import { SurveyImportService } from './survey-import.service';
import { SurveyInstrumentService } from './survey-instrument.service';
import { SurveyOutcomesService } from './survey-outcomes';

const SERVICES = [SurveyInstrumentService, SurveyImportService, SurveyOutcomesService];

/** The trust survey instrument of each initiative and the import of its responses. */
@Module({
  imports: [TypeOrmModule.forFeature([SurveyInstrument, SurveyItem, SurveyImport, SurveyAnswer])],
  providers: SERVICES,
  exports: [...SERVICES, TypeOrmModule],
})
export class SurveysModule {}
