import type {
  AdaptationPlanning,
  CommunityType,
  Decision,
  EvidenceKind,
  EvidenceMethod,
  FidelityAnswer,
  IndicatorKind,
  InitiativeStatus,
  Outcome,
  OutboxStatus,
  Permanence,
  Phase,
  Role,
  Verdict,
} from '../api/types';

/** The product's words for the API's values, in one place. */
export const PHASE_NAMES: Record<Phase, string> = {
  hypothesis: 'Hypothesis',
  adaptation: 'Adaptation',
  evidence: 'Evidence',
  reflection: 'Reflection',
  review: 'Review',
  closed: 'Closed',
};

export const OUTCOME_NAMES: Record<Outcome, string> = {
  supported: 'Supported',
  partly_supported: 'Partly supported',
  not_supported: 'Not supported',
  inconclusive: 'Inconclusive',
};

export const DECISION_NAMES: Record<Decision, string> = {
  adapt: 'Adapt',
  continue: 'Continue',
  scale: 'Scale up',
  stop: 'Stop',
};

export const DECISION_HINTS: Record<Decision, string> = {
  adapt: 'change something and run another cycle',
  continue: 'keep going as it is',
  scale: 'grow it: more sessions, places or people',
  stop: 'end this approach',
};

export const EVIDENCE_KIND_NAMES: Record<EvidenceKind, string> = {
  measurement: 'Measurement',
  observation: 'Observation',
  quote: 'Participant quote',
  story: 'Story',
};

export const METHOD_NAMES: Record<EvidenceMethod, string> = {
  survey: 'Survey',
  observation: 'Observation',
  interview: 'Interview or conversation',
  sign_in: 'Sign-in sheet',
  other: 'Other',
};

export const INDICATOR_KIND_NAMES: Record<IndicatorKind, string> = {
  count: 'count',
  scale_1_5: '1–5 scale',
  percent: 'percentage',
  text: 'text answer',
};

export const VERDICT_NAMES: Record<Verdict, string> = {
  approve: 'Approved',
  request_changes: 'Changes requested',
  comment: 'Comment',
};

export const ROLE_NAMES: Record<Role, string> = {
  admin: 'Programme staff',
  coach: 'Coach',
  librarian: 'Librarian',
  subscriber: 'Subscriber',
};

export const COMMUNITY_NAMES: Record<CommunityType, string> = {
  urban: 'Urban',
  suburban: 'Suburban',
  rural: 'Rural',
  tribal: 'Tribal',
};

export const STATUS_NAMES: Record<InitiativeStatus, string> = {
  active: 'Active',
  paused: 'Paused',
  completed: 'Completed',
};

export const MAIL_STATUS_NAMES: Record<OutboxStatus, string> = {
  queued: 'Waiting to send',
  sent: 'Sent',
  failed: 'Failed, will retry',
  dead: 'Gave up',
};

export const PLANNING_NAMES: Record<AdaptationPlanning, string> = {
  planned: 'Planned ahead',
  reactive: 'A reaction to something that happened',
};

export const FIDELITY_NAMES: Record<FidelityAnswer, string> = {
  yes: 'Yes, the core is kept',
  no: 'No, it changes the core',
  unsure: 'Not sure yet',
};

export const PERMANENCE_NAMES: Record<Permanence, string> = {
  temporary: 'Temporary',
  permanent: 'Permanent',
};

/** "Cycle 2: Bilingual welcome", without repeating the number when the title already starts with it. */
export function cycleName(cycle: { number: number; title: string }): string {
  return /^cycle\s+\d+\b/i.test(cycle.title) ? cycle.title : `Cycle ${cycle.number}: ${cycle.title}`;
}

export const options = <V extends string>(names: Record<V, string>) => (Object.keys(names) as V[]).map((value) => ({ value, label: names[value] }));

const dateFormat = new Intl.DateTimeFormat('en-US', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const weekdayFormat = new Intl.DateTimeFormat('en-US', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const instantFormat = new Intl.DateTimeFormat('en-US', { day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit' });

/** `2026-03-16` as "Mar 16, 2026" (a calendar date has no time zone: read it as UTC). */
export function formatDate(date: string | null | undefined, withWeekday = false): string {
  if (!date) return '—';
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  return (withWeekday ? weekdayFormat : dateFormat).format(d);
}

export function formatInstant(instant: string | null | undefined): string {
  if (!instant) return '—';
  const d = new Date(instant);
  return Number.isNaN(d.getTime()) ? instant : instantFormat.format(d);
}

/** Today as YYYY-MM-DD on the person's own calendar. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000);
}

/** Up to two decimals, without trailing zeros: 4.2, 16, 3.33. */
export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : String(Math.round(value * 100) / 100);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
