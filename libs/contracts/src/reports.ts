import type { Adaptation, Hypothesis, IndicatorView, LoggedAdaptation, Reflection } from './cycles';
import type { OutcomeBeforeAfter } from './surveys';
import type { SummaryReview } from './review-loop';
import type { EvidenceBaseItem } from './learning';
import type { Decision, DigestFrequency, Direction, EvidenceKind, Outcome, Phase } from './values';

// Cycle summaries

export interface CycleStatistics {
  n: number;
  mean: number | null;
  min: number | null;
  max: number | null;
}

export interface ScaleDistribution {
  /** Whole scores counted below. */
  n: number;
  counts: { point: number; entries: number }[];
  /** Measurements that are not one whole score, such as a survey's mean of 3.8; they cannot be placed on a point. */
  notWhole: number;
}

/** What a summary repeats of an indicator. */
export type SummarisedIndicator = Pick<IndicatorView, 'id' | 'name' | 'unit' | 'kind' | 'direction' | 'baseline' | 'target'>;

export interface IndicatorSummary extends CycleStatistics, SummarisedIndicator {
  /** This cycle's mean minus the baseline, the target and the previous cycle's mean. */
  changeFromBaseline: number | null;
  differenceFromTarget: number | null;
  /** Whether this cycle's mean reached the target in the indicator's direction. */
  targetMet: boolean | null;
  /** The latest earlier cycle with measurements of this indicator. */
  previous: (CycleStatistics & { cycleNumber: number }) | null;
  changeFromPrevious: number | null;
  /** The indicator across the initiative's cycles up to this one: the run chart's points. */
  series: (CycleStatistics & { cycleNumber: number })[];
  /** For a 1–5 scale: this cycle's answers per scale point, so a small group is seen whole, not only as a mean. */
  distribution: ScaleDistribution | null;
  /** The run chart of every measured day up to this cycle (the open one's so far), its median and signals; null for a text indicator. */
  chart: IndicatorChartContent | null;
}

/** One day's mean of an indicator, with how many measurements it stands on. */
export interface ChartDayPoint {
  day: string;
  value: number;
  n: number;
}

/** A run-chart signal (shift, trend, too few or too many runs), with the days it covers and its words. */
export interface ChartSignalContent {
  kind: 'shift' | 'trend' | 'too_few_runs' | 'too_many_runs';
  from: string;
  to: string;
  points: number;
  direction: 'above' | 'below' | 'up' | 'down' | null;
  /** The adaptation the signal follows ("A2"), if any. */
  after: string | null;
  /** e.g. "shift: 7 points above the median since 12 March, after adaptation A2" */
  words: string;
}

/** What the web, the summary HTML and the email draw an indicator's run chart from. */
export interface IndicatorChartContent {
  points: ChartDayPoint[];
  median: number | null;
  /** baseline: the median of the points before the first adaptation (at least 6); all: of every point. */
  basis: 'baseline' | 'all';
  markers: { label: string; madeOn: string }[];
  signals: ChartSignalContent[];
}

/** A prediction of the hypothesis set beside what this cycle's evidence showed. */
export interface PredictionOutcome {
  indicatorId: string;
  indicatorName: string;
  unit: string;
  from: number | null;
  to: number;
  note: string | null;
  /** The way the prediction expects the indicator to move. */
  direction: Direction;
  observed: { n: number; mean: number | null };
  /** Whether the observed mean reached `to` in that direction; null when nothing was measured. */
  met: boolean | null;
  differenceFromPrediction: number | null;
}

/** An adaptation of this cycle, labelled as its marker on the run charts ("A2"). */
export interface LoggedAdaptationSummary extends LoggedAdaptation {
  cycleNumber: number;
  label: string;
}

/** Where an adaptation's marker sits on every run chart: its label, date and cycle. */
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

/** A quote or story of the cycle, as the summary shows it. */
export interface SummaryQuote {
  kind: EvidenceKind;
  text: string;
  observedOn: string;
  source: string | null;
}

/**
 * The JSON form of a cycle summary (GET /cycles/:id/summary); the Markdown and HTML forms are rendered
 * from it. A stored summary keeps the shape of the version that compiled it: see the web app's
 * `Summary` for the fields older ones lack.
 */
export interface SummaryContent {
  version: number;
  compiledAt: string;
  /** Where the summary can be read online. */
  link: string;
  initiative: { id: string; title: string; libraryName: string; audience: string; learningQuestion: string };
  cycle: { id: string; number: number; title: string; phase: Phase; plannedStart: string; plannedEnd: string; closedAt: string | null };
  hypothesis: (Hypothesis & { indicatorNames: string[] }) | null;
  adaptation: Adaptation | null;
  evidence: { total: number; measurements: number; observations: number; quotes: number; stories: number };
  indicators: IndicatorSummary[];
  predictions: PredictionOutcome[];
  /** This cycle's adaptation log. Earlier cycles' entries appear only as markers on the run charts. */
  adaptationLog: LoggedAdaptationSummary[];
  /** Every adaptation up to this cycle, as the run charts mark it, with the cycles' planned spans to place it by date. */
  chartMarkers: ChartMarker[];
  cycleSpans: CycleSpan[];
  /** Survey results per outcome: this cycle (after) beside the latest earlier cycle with data (before), n beside each. */
  outcomes: OutcomeBeforeAfter[];
  /** Quotes and stories of this cycle, oldest first; at most a fixed number of them. */
  quotes: SummaryQuote[];
  quotesNotShown: number;
  reflection: Reflection | null;
  decision: Decision | null;
  /** Every review of the cycle, oldest first: verdict, the coach's note, who, when, and in which round. */
  reviews: SummaryReview[];
}

/** The answer to an admin's request for a new version (202): the summaries job compiles it shortly. */
export interface SummaryRequested {
  requestId: string;
  cycleId: string;
  status: 'requested';
}

// Coalition digests

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

/** Evidence entries logged for one initiative during the period. */
export interface DigestEvidenceTally {
  initiativeId: string;
  initiativeTitle: string;
  libraryName: string;
  entries: number;
  measurements: number;
  observations: number;
  quotes: number;
  stories: number;
}

export interface DigestOverdueCheckIn {
  initiativeId: string;
  initiativeTitle: string;
  libraryName: string;
  dueOn: string;
  /** Days from the due date to the day after the period. */
  daysOverdue: number;
}

/** One indicator's mean in a cycle closed in the period, against its mean in the cycle before. */
export interface IndicatorTrend {
  indicatorId: string;
  indicatorName: string;
  unit: string;
  direction: Direction;
  initiativeId: string;
  initiativeTitle: string;
  cycleNumber: number;
  mean: number;
  measurements: number;
  previousMean: number | null;
  change: number | null;
  /** better: moved the way the indicator should; new: no earlier cycle to compare with. */
  trend: 'better' | 'worse' | 'unchanged' | 'new';
}

/** What a digest says, as stored and answered by GET /digests/:id. */
export interface DigestContent {
  periodStart: string;
  periodEnd: string;
  timezone: string;
  closedCycles: ClosedCycleNews[];
  evidence: DigestEvidenceTally[];
  /** Check-ins held during the period (absent from digests compiled before it was counted). */
  checkInsHeld?: number;
  /** Named only in the copies sent to coaches and answered to admins and coaches, never to the whole coalition. */
  overdueCheckIns: DigestOverdueCheckIn[];
  indicatorTrends: IndicatorTrend[];
  /** What the pilots learned: the evidence base's telling of the cycles closed in the period (absent from digests compiled before it existed). */
  learned?: EvidenceBaseItem[];
}

/** weekly: every week on DIGEST_CRON; monthly: on the 1st, covering the calendar month before. */
export const DIGEST_SERIES = ['weekly', 'monthly'] as const;
export type DigestSeries = (typeof DIGEST_SERIES)[number];

export interface DigestListItem {
  id: string;
  series: DigestSeries;
  periodStart: string;
  periodEnd: string;
  compiledAt: string;
  recipients: number;
}

export interface DigestView extends DigestListItem {
  content: DigestContent;
}

export interface DigestRunAnswer {
  series: DigestSeries;
  periodStart: string;
  periodEnd: string;
  /**
   * queued: a worker compiles it; compiled: done in the request (the queue was unreachable); exists: it was
   * already sent; skipped: nothing to report, so nothing is sent (and running it again changes nothing).
   */
  status: 'queued' | 'compiled' | 'exists' | 'skipped';
  digestId?: string;
  /** What happened, in plain words. */
  message: string;
}

/** What a digest run would send, as POST /digests/preview answers it: nothing is stored or sent. */
export interface DigestPreview {
  series: DigestSeries;
  periodStart: string;
  periodEnd: string;
  /** The copy every subscriber and librarian gets; its per-person links are placeholders that lead nowhere. */
  subject: string;
  html: string;
  text: string;
  /** How many people running it now would email: 0 when it has nothing to report or was already sent. */
  recipients: number;
  cyclesClosed: number;
  /** Why running it would send nothing, in plain words; null when it would send. */
  sendsNothing: string | null;
}

export interface DigestPreferenceView {
  frequency: DigestFrequency;
  /** Only subscribers, coaches and librarians with an active account are sent the digest. */
  receivesDigest: boolean;
  /** What "monthly" means, in the API's words. */
  monthlyRule: string;
}

/** The preference as a digest email's link shows it. */
export interface LinkedDigestPreference extends DigestPreferenceView {
  /** Partly hidden: a digest email may be forwarded. */
  email: string;
}
