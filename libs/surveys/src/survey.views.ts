import type { SurveyImportView, SurveyItemView } from '@r2c/contracts';
import { SurveyImport, SurveyItem } from './survey.entities';

export type {
  ImportPossibility,
  PrivacyFlagView,
  SurveyImportListItem,
  SurveyImportTarget,
  SurveyImportPreview,
  SurveyImportResult,
  SurveyImportView,
  SurveyItemView,
  SurveyView,
} from '@r2c/contracts';

export const toSurveyItemView = (item: SurveyItem, indicatorName: string | null): SurveyItemView => ({
  id: item.id,
  position: item.position,
  text: item.text,
  outcome: item.outcome,
  indicatorId: item.indicatorId,
  indicatorName,
  starterKey: item.starterKey,
});

export const toSurveyImportView = (i: SurveyImport): SurveyImportView => ({
  id: i.id,
  initiativeId: i.initiativeId,
  cycleId: i.cycleId,
  source: i.source,
  period: i.period,
  observedOn: i.observedOn,
  responses: i.responses,
  columns: i.columns,
  evidenceIds: i.evidenceIds,
  importedBy: i.importedBy,
  importedAt: new Date(i.importedAt).toISOString(),
});
