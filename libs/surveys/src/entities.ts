/**
 * This library's TypeORM entities. Its own module registers them (TypeOrmModule.forFeature, collected
 * by the data source's autoLoadEntities); the barrel does not export them, and the boundary rule lets
 * no other app or library import this file: the end-to-end suites in test/ read rows through it.
 */
import { SurveyAnswer, SurveyImport, SurveyInstrument, SurveyItem } from './survey.entities';

export { SurveyAnswer, SurveyImport, SurveyInstrument, SurveyItem };
export const SURVEY_ENTITIES = [SurveyInstrument, SurveyItem, SurveyImport, SurveyAnswer];
