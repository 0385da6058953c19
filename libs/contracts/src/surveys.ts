import type { EvidenceView } from './cycles';
import type { FormsSource, PersonalDataKind, Phase } from './values';

/** When the answers were given: `before` the cycle's change (its baseline) or `after` it. */
export const SURVEY_PERIODS = ['before', 'after'] as const;
export type SurveyPeriod = (typeof SURVEY_PERIODS)[number];

/** Whether an import of one kind can land now, and if not, why in plain words. */
export interface ImportPossibility {
  allowed: boolean;
  reason: string | null;
}

/** Where an import would land, known before any file is chosen. */
export interface SurveyImportTarget {
  /** The initiative's open cycle, or null when it has none. */
  cycleId: string | null;
  cycleNumber: number | null;
  phase: Phase | null;
  /** The day the cycle's change was made (its adaptation's date), once the adaptation is written. */
  changeDate: string | null;
  before: ImportPossibility;
  after: ImportPossibility;
  /** One file split at the change date into before and after. */
  split: ImportPossibility;
}

/** How a file's dated responses fall around the change date. */
export interface SurveySplitPreview {
  changeDate: string;
  /** Responses dated before the change date, and on or after it. */
  before: number;
  after: number;
  /** Responses with no readable date (a split import refuses them). */
  undated: number;
  /** True when the file has responses on both sides of the change date. */
  spansChange: boolean;
}

/** A statement respondents rate 1–5, tied to an outcome and the 1–5 indicator its mean is recorded on. */
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
  /** The words for 1 to 5. */
  scaleLabels: string[];
  items: SurveyItemView[];
}

/** The indicator a starter item is recorded on. */
export interface StarterIndicator {
  /** An indicator template of the catalogue, adopted if the initiative does not have it yet… */
  templateKey?: string;
  /** …or an indicator of its own (always a 1–5 score). */
  name?: string;
  description?: string;
}

/** A statement of the starter trust survey that ships with the product. */
export interface StarterItem {
  key: string;
  outcome: string;
  text: string;
  indicator: StarterIndicator;
}

export interface PrivacyFlag {
  kind: PersonalDataKind;
  reason: string;
}

export interface PrivacyFlagView extends PrivacyFlag {
  column: number;
  header: string;
}

/** How a column's header matched an item's words: the same, a grid row in brackets, or inside a longer header. */
export type MatchKind = 'exact' | 'bracketed' | 'contains';

export interface ColumnPreview {
  /** 0-based position in the header row; the mapping names columns by it. */
  index: number;
  header: string;
  itemId: string | null;
  match: MatchKind | null;
  /** Set when the column looks like names, email addresses or phone numbers: it can never be imported. */
  privacy: PrivacyFlag | null;
  /** Rows with an answer in this column. */
  answered: number;
}

/** Which column answers which survey item. */
export interface ColumnMapping {
  column: number;
  itemId: string;
}

/** A row that would stop the import, with its line in the file. */
export interface BadRow {
  line: number;
  reasons: string[];
}

export const DATE_ORDERS = ['month_first', 'day_first'] as const;
/** How numeric dates such as 02/03/2026 are read: month_first (US, 2 March is 3/2) or day_first (UK and EU). */
export type DateOrder = (typeof DATE_ORDERS)[number];

/** How the preview read the responses' dates, from the whole column. */
export interface SurveyDatesRead {
  /** iso (2026-03-02), month_first, day_first; null when there are no dates, or when they cannot be read one way. */
  format: 'iso' | DateOrder | null;
  /** True when the order is the one the librarian chose (a choice the dates contradict is not taken). */
  chosen: boolean;
  /** True when no date tells the order (every number is 12 or less): the librarian must choose. */
  ambiguous: boolean;
  /** Two dates that cannot be written the same way; the file is refused. */
  mixed: { dayFirst: string; monthFirst: string } | null;
  /** A date from the file, as written. */
  example: string | null;
}

/** How the file's text was read. */
export interface SurveyFileRead {
  kind: 'csv' | 'xlsx';
  /** utf-8, or windows-1252 when the file was not valid UTF-8 (Excel's default CSV on Windows). */
  encoding: 'utf-8' | 'windows-1252';
  /** Lines holding characters that could not be read (U+FFFD): answers or headers on them may not match. */
  unreadableLines: number[];
}

export interface SurveyImportPreview {
  /** How the file was read, and how its dates were read. */
  file: SurveyFileRead;
  dates: SurveyDatesRead;
  /** Plain-language reasons the import is not ready, or what to check before importing. */
  warnings: string[];
  source: FormsSource;
  /** Rows below the header row. */
  rows: number;
  columns: ColumnPreview[];
  /** The mapping the columns' headers suggest, or the one sent with the preview; send it (changed or not) to import. */
  mapping: ColumnMapping[];
  /** Items no column was matched to. */
  unmatchedItems: { id: string; text: string }[];
  /** Columns never stored: they look like names, email addresses or phone numbers. */
  privacyFlags: PrivacyFlagView[];
  /** With that mapping: each row that would stop the import. */
  badRows: BadRow[];
  /** Rows that answer none of the mapped items (left out, not refused). */
  emptyLines: number[];
  /** Responses the import would record. */
  responses: number;
  /** First and last day of the responses, when the export dates them. */
  responseDates: { first: string; last: string } | null;
  /** True when the mapping maps at least one column and no row is bad. */
  readyToImport: boolean;
  /** Where the import would land, and which kinds are possible now. */
  target: SurveyImportTarget;
  /** The responses before and after the change date, when the cycle has one and the file dates its responses. */
  split: SurveySplitPreview | null;
}

export interface SurveyImportView {
  id: string;
  initiativeId: string;
  cycleId: string;
  source: FormsSource;
  /** before: the cycle's baseline (no evidence entries); after: evidence for the cycle. */
  period: SurveyPeriod;
  observedOn: string;
  responses: number;
  columns: { column: number; header: string; itemId: string }[];
  evidenceIds: string[];
  importedBy: string | null;
  importedAt: string;
}

/** An import as the list shows it: whether it can still be undone, and why not. */
export interface SurveyImportListItem extends SurveyImportView {
  cycleNumber: number;
  undo: ImportPossibility;
}

export interface SurveyImportResult {
  import: SurveyImportView;
  evidence: EvidenceView[];
  /** A split import's two parts: the baseline and the after import (`import` is the after one). */
  imports?: SurveyImportView[];
}

/** A point of the 1–5 scale, as the key of a distribution. */
export type ScalePoint = '1' | '2' | '3' | '4' | '5';

export interface OutcomeInCycle {
  cycleId: string;
  cycleNumber: number;
  /** Mean of the survey measurements on the outcome's indicators, weighted by their sample sizes. */
  mean: number;
  /** Responses behind the mean (the sample sizes added up). */
  n: number;
  /** Imported answers per point of the scale, when the responses were imported here; null when the means were typed in. */
  distribution: Record<ScalePoint, number> | null;
  /** before: the cycle's baseline answers; after (or left out): its evidence. */
  period?: SurveyPeriod;
}

export interface OutcomeBeforeAfter {
  outcome: string;
  indicators: { id: string; name: string }[];
  cycles: OutcomeInCycle[];
  /**
   * The cycle asked about (or the latest) is `after`; `before` is that cycle's baseline when it has one
   * (`comparison: within_cycle`), else the latest earlier cycle with data (`across_cycles`).
   */
  before: OutcomeInCycle | null;
  after: OutcomeInCycle | null;
  change: number | null;
  comparison?: 'within_cycle' | 'across_cycles' | null;
}

export interface SurveyOutcomes {
  initiativeId: string;
  cycleId: string | null;
  outcomes: OutcomeBeforeAfter[];
}
