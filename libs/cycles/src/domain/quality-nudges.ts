import type { Nudge } from '@r2c/contracts';
import type { EvidenceKind, Hypothesis, IndicatorKind, Phase, Reflection } from './cycle-types';
import { phaseIndex } from './cycle-types';
import { isBlank, listInWords } from './verdict';

/**
 * What would make a cycle weak, as studies of improvement cycles found them (Taylor et al. 2014;
 * Knudsen et al. 2019): no prediction, too few data points, one kind of evidence only, a reflection
 * that never returns to the prediction, a decision with no next steps. Nudges advise; they never
 * block a transition (the phase rules decide that alone).
 */
export { NUDGE_CODES } from '@r2c/contracts';
export type { Nudge, NudgeCode } from '@r2c/contracts';

/** How many evidence entries of one kind (and indicator, for measurements) a cycle holds. */
export interface EvidenceTally {
  kind: EvidenceKind;
  indicatorId: string | null;
  entries: number;
}

export interface NudgeInput {
  phase: Phase;
  hypothesis: Hypothesis | null;
  reflection: Reflection | null;
  /** The initiative's indicators (at least those the hypothesis chose). */
  indicators: { id: string; name: string; kind: IndicatorKind }[];
  evidence: EvidenceTally[];
}

const KIND_PLURALS: Record<EvidenceKind, string> = { measurement: 'measurements', observation: 'observations', quote: 'quotes', story: 'stories' };

/** Words that show a reflection returning to what was expected. */
const TALKS_OF_PREDICTION = /predict|expect|forecast|anticipat|hoped|target|\bguess/i;
/** Next steps that only hold a place. */
const PLACEHOLDER = /^(tbd|tba|tbc|n\/?a|none|nothing|same|todo|to do|later|\?+|-+|\.+)$/i;

function chosenIndicators(input: NudgeInput) {
  const byId = new Map(input.indicators.map((i) => [i.id, i]));
  return (input.hypothesis?.indicatorIds ?? []).map((id) => byId.get(id)).filter((i): i is NudgeInput['indicators'][number] => !!i);
}

function noPrediction(input: NudgeInput): Nudge | null {
  const predictions = input.hypothesis?.predictions ?? [];
  if (!predictions.length) {
    return {
      code: 'no_prediction',
      message:
        'No prediction yet: write down what you expect each indicator to show (for example "attendance from 12 to 18"), so the evidence can prove you right or wrong.',
    };
  }
  const predicted = new Set(predictions.map((p) => p.indicatorId));
  const missing = chosenIndicators(input).filter((i) => i.kind !== 'text' && !predicted.has(i.id));
  if (!missing.length) return null;
  return {
    code: 'no_prediction',
    message: `No prediction for ${listInWords(missing.map((i) => `"${i.name}"`))}: say what you expect ${missing.length === 1 ? 'it' : 'each'} to show, as you did for the others.`,
  };
}

function singleDataPoint(input: NudgeInput): Nudge | null {
  if (phaseIndex(input.phase) < phaseIndex('evidence')) return null;
  const measured = (id: string) => input.evidence.filter((e) => e.kind === 'measurement' && e.indicatorId === id).reduce((sum, e) => sum + e.entries, 0);
  const thin = chosenIndicators(input)
    .map((i) => ({ name: i.name, n: measured(i.id) }))
    .filter((i) => i.n <= 1);
  if (!thin.length) return null;
  const described = thin.map((i) => `"${i.name}" ${i.n === 0 ? 'has no measurement' : 'has a single measurement'}`);
  return {
    code: 'single_data_point',
    message: `${listInWords(described)}: one number cannot show a change. Measure each indicator more than once (at every session, or before and after).`,
  };
}

function oneKindOfEvidence(input: NudgeInput): Nudge | null {
  if (phaseIndex(input.phase) < phaseIndex('evidence')) return null;
  const kinds = [...new Set(input.evidence.filter((e) => e.entries > 0).map((e) => e.kind))];
  if (kinds.length !== 1) return null;
  const advice =
    kinds[0] === 'measurement'
      ? 'add an observation, a participant’s quote or a story that says why the numbers moved'
      : 'add a measurement of an indicator, and another kind of account, so the cycle shows how much changed as well as how';
  return { code: 'one_kind_of_evidence', message: `All the evidence is ${KIND_PLURALS[kinds[0]]}: ${advice}.` };
}

function mentionsPrediction(text: string, targets: number[]): boolean {
  if (TALKS_OF_PREDICTION.test(text)) return true;
  return targets.some((to) => new RegExp(`(?<![\\d.])${String(to).replace('.', '\\.')}(?![\\d]|\\.\\d)`).test(text));
}

function reflectionIgnoresPrediction(input: NudgeInput): Nudge | null {
  const predictions = input.hypothesis?.predictions ?? [];
  const r = input.reflection;
  if (!predictions.length || !r || isBlank(r.insights)) return null;
  // Insights only: next steps are full of dates and counts that would match a small predicted number by chance.
  if (
    mentionsPrediction(
      r.insights,
      predictions.map((p) => p.to),
    )
  )
    return null;
  return {
    code: 'reflection_ignores_prediction',
    message: 'The reflection does not mention the prediction: say whether what you predicted happened, and what the difference teaches.',
  };
}

function decisionWithoutNextSteps(input: NudgeInput): Nudge | null {
  const r = input.reflection;
  if (!r || isBlank(r.decision)) return null;
  const trimmed = (r.nextSteps ?? '').trim();
  // Closing dots and exclamation marks dropped by a scan back: a pattern would retry from every dot.
  let end = trimmed.length;
  while (end > 0 && (trimmed[end - 1] === '.' || trimmed[end - 1] === '!')) end -= 1;
  const steps = trimmed.slice(0, end);
  if (steps && !PLACEHOLDER.test(steps)) return null;
  return {
    code: 'decision_without_next_steps',
    message: `The decision to ${r.decision} has no next steps: name what happens next, who does it and by when.`,
  };
}

/** Everything that would make this cycle weak, in the order a librarian meets it; empty for a strong cycle. */
export function qualityNudges(input: NudgeInput): Nudge[] {
  return [noPrediction, singleDataPoint, oneKindOfEvidence, reflectionIgnoresPrediction, decisionWithoutNextSteps]
    .map((rule) => rule(input))
    .filter((nudge): nudge is Nudge => nudge !== null);
}

/** Tallies entries (anything with a kind and an indicator id) the way the nudges read them. */
export function tallyEvidence(entries: { kind: EvidenceKind; indicatorId: string | null }[]): EvidenceTally[] {
  // By kind, then indicator: a cycle page tallies hundreds of entries, and a key built per entry was most of the cost.
  const byKind = new Map<EvidenceKind, Map<string | null, EvidenceTally>>();
  const tallies: EvidenceTally[] = [];
  for (const e of entries) {
    let byIndicator = byKind.get(e.kind);
    if (!byIndicator) byKind.set(e.kind, (byIndicator = new Map<string | null, EvidenceTally>()));
    let tally = byIndicator.get(e.indicatorId);
    if (!tally) {
      tally = { kind: e.kind, indicatorId: e.indicatorId, entries: 0 };
      byIndicator.set(e.indicatorId, tally);
      tallies.push(tally);
    }
    tally.entries += 1;
  }
  return tallies;
}
