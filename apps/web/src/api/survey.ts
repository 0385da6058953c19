import { del, get, patch, post } from './client';
import type { Evidence, Page } from './types';

/** A statement respondents rate 1–5, tied to an outcome and the 1–5 indicator its mean is recorded on. */
export interface SurveyItem {
  id: string;
  position: number;
  text: string;
  outcome: string;
  indicatorId: string;
  indicatorName: string | null;
  starterKey: string | null;
}

export interface Survey {
  initiativeId: string;
  title: string;
  /** The words for 1 to 5. */
  scaleLabels: string[];
  items: SurveyItem[];
}

export interface StarterItem {
  key: string;
  outcome: string;
  text: string;
}

export type FormsSource = 'google_forms' | 'microsoft_forms' | 'csv';
export type PersonalDataKind = 'name' | 'email' | 'phone';

export interface ColumnPreview {
  /** 0-based position in the header row; the mapping names columns by it. */
  index: number;
  header: string;
  itemId: string | null;
  match: 'exact' | 'bracketed' | 'contains' | null;
  /** Set when the column looks like names, email addresses or phone numbers: never importable. */
  privacy: { kind: PersonalDataKind; reason: string } | null;
  answered: number;
}

export interface ColumnMapping {
  column: number;
  itemId: string;
}

export interface BadRow {
  line: number;
  reasons: string[];
}

export interface SurveyImportPreview {
  source: FormsSource;
  rows: number;
  columns: ColumnPreview[];
  /** The mapping the headers suggest. */
  mapping: ColumnMapping[];
  unmatchedItems: { id: string; text: string }[];
  privacyFlags: { column: number; header: string; kind: PersonalDataKind; reason: string }[];
  /** With the suggested mapping: each row that would stop the import. */
  badRows: BadRow[];
  /** Rows that answer none of the mapped items: left out, not refused. */
  emptyLines: number[];
  responses: number;
  responseDates: { first: string; last: string } | null;
  readyToImport: boolean;
}

export interface SurveyImport {
  id: string;
  initiativeId: string;
  cycleId: string;
  source: FormsSource;
  observedOn: string;
  responses: number;
  columns: { column: number; header: string; itemId: string }[];
  evidenceIds: string[];
  importedBy: string | null;
  importedAt: string;
}

export type ScalePoint = '1' | '2' | '3' | '4' | '5';

export interface OutcomeInCycle {
  cycleId: string;
  cycleNumber: number;
  mean: number;
  /** Responses behind the mean. */
  n: number;
  /** Imported answers per point of the scale; null when the means were typed in. */
  distribution: Record<ScalePoint, number> | null;
}

export interface OutcomeBeforeAfter {
  outcome: string;
  indicators: { id: string; name: string }[];
  cycles: OutcomeInCycle[];
  before: OutcomeInCycle | null;
  after: OutcomeInCycle | null;
  change: number | null;
}

export interface SurveyOutcomes {
  initiativeId: string;
  cycleId: string | null;
  outcomes: OutcomeBeforeAfter[];
}

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

/** The API's limit on a pasted or uploaded file. */
export const MAX_CSV_CHARACTERS = 200_000;

const base = (initiativeId: string) => `/api/v1/initiatives/${initiativeId}/survey`;

export const surveyApi = {
  survey: (initiativeId: string) => get<Survey>(base(initiativeId)),
  starterItems: () => get<Page<StarterItem>>('/api/v1/survey-starter-items'),
  adoptStarter: (initiativeId: string) => post<Survey>(`${base(initiativeId)}/starter`),
  addItem: (initiativeId: string, body: NewSurveyItem) => post<SurveyItem>(`${base(initiativeId)}/items`, body),
  updateItem: (initiativeId: string, itemId: string, body: Partial<NewSurveyItem> & { position?: number }) => patch<SurveyItem>(`${base(initiativeId)}/items/${itemId}`, body),
  removeItem: (initiativeId: string, itemId: string) => del(`${base(initiativeId)}/items/${itemId}`),

  /** With `mapping`, the rows are checked against it instead of the one the headers suggest. */
  preview: (initiativeId: string, csv: string, mapping?: ColumnMapping[]) => post<SurveyImportPreview>(`${base(initiativeId)}/imports/preview`, mapping ? { csv, mapping } : { csv }),
  commit: (initiativeId: string, body: CommitImport) => post<{ import: SurveyImport; evidence: Evidence[] }>(`${base(initiativeId)}/imports`, body),
  imports: (initiativeId: string) => get<Page<SurveyImport>>(`${base(initiativeId)}/imports?limit=100`),
  outcomes: (initiativeId: string) => get<SurveyOutcomes>(`${base(initiativeId)}/outcomes`),
};
