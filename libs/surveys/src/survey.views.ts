import type { EvidenceView } from '@r2c/cycles';
import type { BadRow } from './forms-csv/answers';
import type { ColumnPreview, FormsSource } from './forms-csv/forms-csv';
import type { PersonalDataKind } from './forms-csv/privacy';
import { SurveyImport, SurveyItem } from './survey.entities';

export interface SurveyItemView {
  id: string;
  position: number;
  text: string;
  outcome: string;
  indicatorId: string;
  indicatorName: string | null;
  starterKey: string | null;
}

export interface SurveyView {
  initiativeId: string;
  title: string;
  scaleLabels: string[];
  items: SurveyItemView[];
}

export const toSurveyItemView = (item: SurveyItem, indicatorName: string | null): SurveyItemView => ({
  id: item.id,
  position: item.position,
  text: item.text,
  outcome: item.outcome,
  indicatorId: item.indicatorId,
  indicatorName,
  starterKey: item.starterKey,
});

export interface PrivacyFlagView {
  column: number;
  header: string;
  kind: PersonalDataKind;
  reason: string;
}

export interface SurveyImportPreview {
  source: FormsSource;
  /** Rows below the header row. */
  rows: number;
  columns: ColumnPreview[];
  /** The mapping the columns' headers suggest, or the one sent with the preview; send it (changed or not) to import. */
  mapping: { column: number; itemId: string }[];
  /** Items no column was matched to. */
  unmatchedItems: { id: string; text: string }[];
  /** Columns never stored: they look like names, email addresses or phone numbers. */
  privacyFlags: PrivacyFlagView[];
  /** With that mapping: each row that would stop the import, with its line in the file. */
  badRows: BadRow[];
  /** Rows that answer none of the mapped items (left out, not refused). */
  emptyLines: number[];
  /** Responses the import would record. */
  responses: number;
  /** First and last day of the responses, when the export dates them. */
  responseDates: { first: string; last: string } | null;
  /** True when the suggested mapping maps at least one column and no row is bad. */
  readyToImport: boolean;
}

export interface SurveyImportView {
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

export const toSurveyImportView = (i: SurveyImport): SurveyImportView => ({
  id: i.id,
  initiativeId: i.initiativeId,
  cycleId: i.cycleId,
  source: i.source,
  observedOn: i.observedOn,
  responses: i.responses,
  columns: i.columns,
  evidenceIds: i.evidenceIds,
  importedBy: i.importedBy,
  importedAt: new Date(i.importedAt).toISOString(),
});

export interface SurveyImportResult {
  import: SurveyImportView;
  evidence: EvidenceView[];
}
