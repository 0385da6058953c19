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

export interface Hypothesis {
  statement: string;
  expectedOutcome: string;
  rationale: string;
  learningQuestion: string | null;
  indicatorIds: string[];
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

export interface Cycle extends CycleListItem {
  hypothesis: Hypothesis | null;
  adaptation: Adaptation | null;
  evidence: Evidence[];
  reflection: Reflection | null;
  reviews: Review[];
  carriedOver: CarriedOver | null;
  allowedMoves: Phase[];
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
}

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
