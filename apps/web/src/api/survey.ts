import type {
  ColumnMapping,
  Page,
  StarterItem,
  SurveyImportPreview,
  SurveyImportResult,
  SurveyImportView,
  SurveyItemView,
  SurveyOutcomes,
  SurveyView,
} from '@r2c/contracts';
import { del, get, patch, post } from './client';

export { MAX_CSV_CHARACTERS } from '@r2c/contracts';
export type {
  BadRow,
  ColumnMapping,
  ColumnPreview,
  FormsSource,
  OutcomeBeforeAfter,
  OutcomeInCycle,
  PersonalDataKind,
  ScalePoint,
  StarterItem,
  SurveyImportPreview,
  SurveyOutcomes,
  SurveyImportView as SurveyImport,
  SurveyItemView as SurveyItem,
  SurveyView as Survey,
} from '@r2c/contracts';

export interface NewSurveyItem {
  text: string;
  outcome: string;
  indicatorId: string;
}

export interface CommitImport {
  csv: string;
  cycleId: string;
  mapping: ColumnMapping[];
  observedOn?: string;
}

const base = (initiativeId: string) => `/api/v1/initiatives/${initiativeId}/survey`;

export const surveyApi = {
  survey: (initiativeId: string) => get<SurveyView>(base(initiativeId)),
  starterItems: () => get<Page<StarterItem>>('/api/v1/survey-starter-items'),
  adoptStarter: (initiativeId: string) => post<SurveyView>(`${base(initiativeId)}/starter`),
  addItem: (initiativeId: string, body: NewSurveyItem) => post<SurveyItemView>(`${base(initiativeId)}/items`, body),
  updateItem: (initiativeId: string, itemId: string, body: Partial<NewSurveyItem> & { position?: number }) =>
    patch<SurveyItemView>(`${base(initiativeId)}/items/${itemId}`, body),
  removeItem: (initiativeId: string, itemId: string) => del(`${base(initiativeId)}/items/${itemId}`),

  /** With `mapping`, the rows are checked against it instead of the one the headers suggest. */
  preview: (initiativeId: string, csv: string, mapping?: ColumnMapping[]) =>
    post<SurveyImportPreview>(`${base(initiativeId)}/imports/preview`, mapping ? { csv, mapping } : { csv }),
  commit: (initiativeId: string, body: CommitImport) => post<SurveyImportResult>(`${base(initiativeId)}/imports`, body),
  imports: (initiativeId: string) => get<Page<SurveyImportView>>(`${base(initiativeId)}/imports?limit=100`),
  outcomes: (initiativeId: string) => get<SurveyOutcomes>(`${base(initiativeId)}/outcomes`),
};
