/**
 * The shapes the HTTP API answers with (see shared/spec/api.md); the web app reads nothing else. They
 * are the API's own contract (libs/contracts, shared with the back end), under the names the screens use.
 */
import type { IndicatorSummary as CompiledIndicatorSummary, SummaryContent } from '@r2c/contracts';

export { PHASES, WORKING_PHASES } from '@r2c/contracts';
export type {
  AdaptationPlanning,
  CommunityType,
  Decision,
  Direction,
  EvidenceKind,
  EvidenceMethod,
  FidelityAnswer,
  IndicatorKind,
  InitiativeStatus,
  MemberRole,
  NudgeCode,
  OutboxStatus,
  Outcome,
  Permanence,
  Phase,
  Role,
  WorkingPhase,
  ReviewVerdict as Verdict,
} from '@r2c/contracts';
export type {
  InitiativeWithMembers,
  LoginResult,
  Page,
  InitiativeView as Initiative,
  LibraryView as Library,
  MembershipView as Membership,
  MemberView as Member,
  MeView as Me,
  UserView as User,
} from '@r2c/contracts';
export type {
  Adaptation,
  CarriedOver,
  CheckInPage,
  CycleAwaitingReview,
  CycleListItem,
  Gathering,
  Hypothesis,
  IndicatorTemplate,
  Nudge,
  OverdueCheckIn,
  Prediction,
  Reflection,
  ReviewQueue,
  AdaptationLogEntryView as LoggedAdaptation,
  CheckInView as CheckIn,
  CycleView as Cycle,
  EvidenceView as Evidence,
  IndicatorView as Indicator,
  ReviewView as Review,
} from '@r2c/contracts';
export type {
  ChartMarker,
  ClosedCycleNews,
  CycleSpan,
  CycleStatistics,
  DigestListItem,
  DigestRunAnswer,
  OutcomeBeforeAfter,
  OutcomeInCycle,
  PredictionOutcome,
  ScaleDistribution,
  DigestView as Digest,
  LoggedAdaptationSummary as SummaryAdaptation,
  OutboxMessageView as OutboxMessage,
  QueueDashboardSession,
} from '@r2c/contracts';

/** A summary's indicator: `distribution` and `chart` are absent from summaries compiled before they existed. */
export type IndicatorSummary = Omit<CompiledIndicatorSummary, 'distribution' | 'chart'> & Partial<Pick<CompiledIndicatorSummary, 'distribution' | 'chart'>>;

/** Parts a stored summary lacks when it was compiled before each of them existed. */
type AddedLater = 'predictions' | 'adaptationLog' | 'chartMarkers' | 'cycleSpans' | 'outcomes' | 'reviews';

/** A cycle summary as stored: the shape of the version that compiled it. */
export type Summary = Omit<SummaryContent, AddedLater | 'indicators'> & Partial<Pick<SummaryContent, AddedLater>> & { indicators: IndicatorSummary[] };
