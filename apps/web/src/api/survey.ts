import type {
  ColumnMapping,
  DateOrder,
  Page,
  StarterItem,
  SurveyImportListItem,
  SurveyImportPreview,
  SurveyImportResult,
  SurveyImportTarget,
  SurveyItemView,
  SurveyPeriod,
  SurveyOutcomes,
  SurveyView,
} from '@r2c/contracts';
import { del, get, patch, post } from './client';

export { DATE_ORDERS, MAX_CSV_CHARACTERS, MAX_FILE_BASE64_CHARACTERS } from '@r2c/contracts';
export type {
  BadRow,
  ColumnMapping,
  ColumnPreview,
  DateOrder,
  FormsSource,
  OutcomeBeforeAfter,
  OutcomeInCycle,
  PersonalDataKind,
  ScalePoint,
  StarterItem,
  ImportPossibility,
  SurveyImportPreview,
  SurveyImportTarget,
  SurveyOutcomes,
  SurveyPeriod,
  SurveySplitPreview,
  SurveyImportListItem as SurveyImport,
  SurveyItemView as SurveyItem,
  SurveyView as Survey,
} from '@r2c/contracts';

export interface NewSurveyItem {
  text: string;
  outcome: string;
  indicatorId: string;
}

/** The responses as the API takes them: pasted text, a .csv file's bytes, or an .xlsx workbook (base64). */
export type SurveyFile = { csv: string } | { csvFile: string } | { xlsx: string };

/** How to read numeric dates when the file's own dates do not tell. */
export interface ReadAs {
  dateOrder?: DateOrder;
}

export type CommitImport = SurveyFile &
  ReadAs & {
    cycleId: string;
    mapping: ColumnMapping[];
    observedOn?: string;
    /** before: the cycle's baseline; after (the default): evidence for the cycle. */
    timing?: SurveyPeriod;
    /** Split the file at the cycle's change date into a before and an after import. */
    split?: boolean;
  };

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
  preview: (initiativeId: string, file: SurveyFile, readAs: ReadAs = {}, mapping?: ColumnMapping[]) =>
    post<SurveyImportPreview>(`${base(initiativeId)}/imports/preview`, { ...file, ...readAs, ...(mapping ? { mapping } : {}) }),
  commit: (initiativeId: string, body: CommitImport) => post<SurveyImportResult>(`${base(initiativeId)}/imports`, body),
  imports: (initiativeId: string) => get<Page<SurveyImportListItem>>(`${base(initiativeId)}/imports?limit=100`),
  /** Where an import would land now, and why one kind cannot yet: before any file is chosen. */
  target: (initiativeId: string) => get<SurveyImportTarget>(`${base(initiativeId)}/imports/target`),
  undo: (initiativeId: string, importId: string) => del(`${base(initiativeId)}/imports/${importId}`),
  outcomes: (initiativeId: string) => get<SurveyOutcomes>(`${base(initiativeId)}/outcomes`),
};
