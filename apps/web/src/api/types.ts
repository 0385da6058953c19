/** The shapes the HTTP API answers with (see shared/spec/api.md); the web app reads nothing else. */

export type Role = 'admin' | 'coach' | 'librarian' | 'subscriber';
export type MemberRole = 'librarian' | 'coach';
export type Phase = 'hypothesis' | 'adaptation' | 'evidence' | 'reflection' | 'review' | 'closed';
export type WorkingPhase = 'hypothesis' | 'adaptation' | 'evidence' | 'reflection';
export type Outcome = 'supported' | 'partly_supported' | 'not_supported' | 'inconclusive';
export type Decision = 'adapt' | 'continue' | 'scale' | 'stop';
export type IndicatorKind = 'count' | 'scale_1_5' | 'percent' | 'text';
export type Direction = 'increase' | 'decrease';
export type EvidenceKind = 'measurement' | 'observation' | 'quote' | 'story';
export type EvidenceMethod = 'survey' | 'observation' | 'interview' | 'sign_in' | 'other';
export type Verdict = 'approve' | 'request_changes' | 'comment';
export type CommunityType = 'urban' | 'suburban' | 'rural' | 'tribal';
export type InitiativeStatus = 'active' | 'paused' | 'completed';
export type OutboxStatus = 'queued' | 'sent' | 'failed' | 'dead';

export const PHASES: Phase[] = ['hypothesis', 'adaptation', 'evidence', 'reflection', 'review', 'closed'];
export const WORKING_PHASES: WorkingPhase[] = ['hypothesis', 'adaptation', 'evidence', 'reflection'];

export interface Page<T> {
  items: T[];
  total: number;
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  createdAt: string;
}

export interface Membership {
  initiativeId: string;
  title: string;
  role: MemberRole;
}

export interface Me {
  id: string;
  email: string;
  name: string;
  role: Role;
  memberships: Membership[];
}

export interface LoginResult {
  accessToken: string;
  expiresIn: number;
  user: User;
}

export interface Library {
  id: string;
  name: string;
  city: string;
  state: string;
  communityType: CommunityType;
  timezone: string;
  createdAt: string;
}

export interface Initiative {
  id: string;
  libraryId: string;
  title: string;
  summary: string;
  audience: string;
  learningQuestion: string;
  checkInCadenceDays: number;
  startDate: string;
  status: InitiativeStatus;
  createdAt: string;
  updatedAt: string;
}

export interface Member {
  initiativeId: string;
  userId: string;
  role: MemberRole;
  name: string;
  email: string;
}

export type InitiativeWithMembers = Initiative & { members: Member[] };

export interface Indicator {
  id: string;
  initiativeId: string;
  name: string;
  unit: string;
  kind: IndicatorKind;
  direction: Direction;
  baseline: number | null;
  target: number | null;
  templateKey: string | null;
  description: string | null;
}

export interface IndicatorTemplate {
  key: string;
  name: string;
  unit: string;
  kind: IndicatorKind;
  direction: Direction;
  description: string;
}

/** What the librarian expects one indicator to show: "attendance from 12 to 18". */
export interface Prediction {
  indicatorId: string;
  from: number | null;
  to: number;
  note: string | null;
}

export interface Hypothesis {
  statement: string;
  expectedOutcome: string;
  rationale: string;
  learningQuestion: string | null;
  indicatorIds: string[];
  /** Absent on hypotheses saved before predictions existed. */
  predictions?: Prediction[];
}

export interface Gathering {
  whyGather?: string;
  desiredOutcome?: string;
  invitation?: string;
  opening?: string;
  closing?: string;
  timeToReflect?: string;
}

export interface Adaptation {
  description: string;
  implementedOn: string;
  sessionsHeld?: number | null;
  participantsReached?: number | null;
  gathering?: Gathering | null;
}

export interface Reflection {
  outcome: Outcome | null;
  insights: string;
  decision: Decision | null;
  nextSteps: string;
}

export interface Evidence {
  id: string;
  cycleId: string;
  kind: EvidenceKind;
  indicatorId: string | null;
  value: number | null;
  text: string | null;
  observedOn: string;
  method: EvidenceMethod;
  source: string | null;
  sampleSize: number | null;
  createdBy: string | null;
  createdAt: string;
}

export interface Review {
  id: string;
  authorId: string;
  verdict: Verdict;
  body: string;
  returnTo: Phase | null;
  createdAt: string;
}

export interface CycleListItem {
  id: string;
  initiativeId: string;
  number: number;
  title: string;
  plannedStart: string;
  plannedEnd: string;
  phase: Phase;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CarriedOver {
  fromCycleId: string;
  fromCycleNumber: number;
  decision: Decision;
  nextSteps: string;
  insights?: string;
}

export type NudgeCode = 'no_prediction' | 'single_data_point' | 'one_kind_of_evidence' | 'reflection_ignores_prediction' | 'decision_without_next_steps';

/** What would make a cycle weak: advice, never a reason the cycle cannot move on. */
export interface Nudge {
  code: NudgeCode;
  message: string;
}

export interface Cycle extends CycleListItem {
  hypothesis: Hypothesis | null;
  adaptation: Adaptation | null;
  evidence: Evidence[];
  reflection: Reflection | null;
  reviews: Review[];
  carriedOver: CarriedOver | null;
  allowedMoves: Phase[];
  nudges: Nudge[];
}

export type AdaptationPlanning = 'planned' | 'reactive';
export type FidelityAnswer = 'yes' | 'no' | 'unsure';
export type Permanence = 'temporary' | 'permanent';

/** One dated change to the programme, in the terms of the FRAME framework. */
export interface LoggedAdaptation {
  id: string;
  cycleId: string;
  madeOn: string;
  whatChanged: string;
  decidedBy: string;
  planning: AdaptationPlanning;
  reason: string;
  fidelityConsistent: FidelityAnswer;
  permanence: Permanence;
  createdBy: string | null;
  createdAt: string;
}

export interface CycleAwaitingReview {
  id: string;
  number: number;
  title: string;
  initiativeId: string;
  initiativeTitle: string;
  libraryName: string;
  plannedEnd: string;
  inReviewSince: string;
  nudges: Nudge[];
}

export interface OverdueCheckIn {
  initiativeId: string;
  initiativeTitle: string;
  libraryName: string;
  dueOn: string;
  daysOverdue: number;
  lastCheckInAt: string | null;
}

export interface ReviewQueue {
  cyclesInReview: CycleAwaitingReview[];
  overdueCheckIns: OverdueCheckIn[];
}

export interface CheckIn {
  id: string;
  initiativeId: string;
  authorId: string;
  note: string;
  blockers: string | null;
  helpWanted: string | null;
  createdAt: string;
}

export type CheckInPage = Page<CheckIn> & { nextDueOn: string };

export interface CycleStatistics {
  n: number;
  mean: number | null;
  min: number | null;
  max: number | null;
}

export interface IndicatorSummary extends CycleStatistics {
  id: string;
  name: string;
  unit: string;
  kind: IndicatorKind;
  direction: Direction;
  baseline: number | null;
  target: number | null;
  changeFromBaseline: number | null;
  differenceFromTarget: number | null;
  targetMet: boolean | null;
  previous: (CycleStatistics & { cycleNumber: number }) | null;
  changeFromPrevious: number | null;
  series: (CycleStatistics & { cycleNumber: number })[];
  /** A 1–5 scale's answers this cycle per point (absent from summaries compiled before it existed). */
  distribution?: ScaleDistribution | null;
}

export interface ScaleDistribution {
  n: number;
  counts: { point: number; entries: number }[];
  /** Entries that are a mean of several answers, not one score. */
  notWhole: number;
}

export interface PredictionOutcome {
  indicatorId: string;
  indicatorName: string;
  unit: string;
  from: number | null;
  to: number;
  note: string | null;
  direction: Direction;
  observed: { n: number; mean: number | null };
  met: boolean | null;
  differenceFromPrediction: number | null;
}

export interface ChartMarker {
  label: string;
  cycleNumber: number;
  madeOn: string;
  whatChanged: string;
}

export interface CycleSpan {
  number: number;
  plannedStart: string;
  plannedEnd: string;
}

export interface OutcomeInCycle {
  cycleId: string;
  cycleNumber: number;
  mean: number;
  n: number;
  distribution: Record<'1' | '2' | '3' | '4' | '5', number> | null;
}

export interface OutcomeBeforeAfter {
  outcome: string;
  indicators: { id: string; name: string }[];
  cycles: OutcomeInCycle[];
  before: OutcomeInCycle | null;
  after: OutcomeInCycle | null;
  change: number | null;
}

export type SummaryAdaptation = Omit<LoggedAdaptation, 'id' | 'cycleId' | 'createdBy' | 'createdAt'> & { cycleNumber: number; label: string };

export interface Summary {
  version: number;
  compiledAt: string;
  initiative: { id: string; title: string; libraryName: string; audience: string; learningQuestion: string };
  cycle: { id: string; number: number; title: string; phase: Phase; plannedStart: string; plannedEnd: string; closedAt: string | null };
  hypothesis: (Hypothesis & { indicatorNames: string[] }) | null;
  adaptation: Adaptation | null;
  evidence: { total: number; measurements: number; observations: number; quotes: number; stories: number };
  indicators: IndicatorSummary[];
  quotes: { kind: EvidenceKind; text: string; observedOn: string; source: string | null }[];
  quotesNotShown: number;
  reflection: Reflection | null;
  decision: Decision | null;
  /** Absent from summaries compiled before each of them existed. */
  predictions?: PredictionOutcome[];
  adaptationLog?: SummaryAdaptation[];
  chartMarkers?: ChartMarker[];
  cycleSpans?: CycleSpan[];
  outcomes?: OutcomeBeforeAfter[];
}

export interface OutboxMessage {
  id: string;
  kind: string;
  to: string;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface DigestListItem {
  id: string;
  periodStart: string;
  periodEnd: string;
  compiledAt: string;
  recipients: number;
}

export interface ClosedCycleNews {
  cycleId: string;
  cycleNumber: number;
  cycleTitle: string;
  initiativeId: string;
  initiativeTitle: string;
  libraryName: string;
  closedAt: string;
  outcome: Outcome | null;
  decision: Decision | null;
  keyInsight: string | null;
  nextSteps: string | null;
}

export interface Digest extends DigestListItem {
  content: {
    periodStart: string;
    periodEnd: string;
    closedCycles: ClosedCycleNews[];
    evidence: { initiativeId: string; initiativeTitle: string; libraryName: string; entries: number }[];
    overdueCheckIns: { initiativeId: string; initiativeTitle: string; libraryName: string; dueOn: string; daysOverdue: number }[];
  };
}

export interface DigestRunAnswer {
  periodStart: string;
  periodEnd: string;
  status: 'queued' | 'compiled' | 'exists';
  digestId?: string;
}
