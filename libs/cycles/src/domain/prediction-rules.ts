import type { Direction, IndicatorKind, Prediction } from './cycle-types';
import { checkMeasurementValue } from './evidence-rules';
import { ALLOWED, Verdict, isBlank, refuse } from './verdict';

/** The indicator a prediction is about: its kind decides which numbers make sense. */
export interface PredictedIndicator {
  id: string;
  name: string;
  kind: IndicatorKind;
}

export interface PredictionInput {
  indicatorId?: unknown;
  from?: unknown;
  to?: unknown;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

function checkOne(prediction: PredictionInput, at: number, chosen: Set<string>, indicators: Map<string, PredictedIndicator>): Verdict {
  const field = (name: string) => `predictions.${at}.${name}`;
  const id = prediction.indicatorId;
  if (typeof id !== 'string' || isBlank(id)) return refuse('A prediction needs the indicator it is about in indicatorId.', [field('indicatorId')]);
  const indicator = indicators.get(id);
  if (!indicator || !chosen.has(id)) {
    return refuse('A prediction is about one of the hypothesis’s indicators: add this indicator to indicatorIds, or predict one that is there.', [
      field('indicatorId'),
    ]);
  }
  if (indicator.kind === 'text') {
    return refuse(
      `"${indicator.name}" is a text indicator: a prediction needs a number to set beside the evidence, so say what you expect in words in expectedOutcome instead.`,
      [field('indicatorId')],
    );
  }
  for (const name of ['to', 'from'] as const) {
    if (name === 'from' && (prediction.from === undefined || prediction.from === null)) continue;
    const verdict = checkMeasurementValue(indicator.kind, prediction[name]);
    if (!verdict.allowed) return refuse(`In the prediction for "${indicator.name}", ${name}: ${lowerFirst(verdict.reason)}`, [field(name)]);
  }
  return ALLOWED;
}

/**
 * Are these predictions fit for the hypothesis? Each is about one of the indicators the hypothesis
 * chose (`chosenIds`), at most one per indicator, and its numbers are ones the indicator's evidence
 * could show, by the same rules as a measurement. `indicators` are the initiative's, by id.
 */
export function checkPredictions(predictions: PredictionInput[], chosenIds: string[], indicators: Map<string, PredictedIndicator>): Verdict {
  const chosen = new Set(chosenIds);
  const seen = new Set<string>();
  for (const [at, prediction] of predictions.entries()) {
    const verdict = checkOne(prediction, at, chosen, indicators);
    if (!verdict.allowed) return verdict;
    const id = prediction.indicatorId as string;
    if (seen.has(id)) {
      return refuse(`"${indicators.get(id)!.name}" has more than one prediction; give one per indicator.`, [`predictions.${at}.indicatorId`]);
    }
    seen.add(id);
  }
  return ALLOWED;
}

/**
 * Which way the prediction expects the indicator to move: from `from` to `to` when both are given and
 * differ (a librarian may well predict that a change lowers attendance), else the indicator's direction.
 */
export function predictedDirection(prediction: Pick<Prediction, 'from' | 'to'>, indicatorDirection: Direction): Direction {
  if (prediction.from === null || prediction.from === prediction.to) return indicatorDirection;
  return prediction.to > prediction.from ? 'increase' : 'decrease';
}

/**
 * Did the evidence bear the prediction out? The observed mean must reach `to` in the predicted
 * direction; null when nothing was measured, since no evidence is not the same as a miss.
 */
export function predictionMet(prediction: Pick<Prediction, 'from' | 'to'>, indicatorDirection: Direction, observedMean: number | null): boolean | null {
  if (observedMean === null) return null;
  return predictedDirection(prediction, indicatorDirection) === 'increase' ? observedMean >= prediction.to : observedMean <= prediction.to;
}
