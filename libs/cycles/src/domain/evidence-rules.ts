import { EVIDENCE_KINDS, EvidenceKind, INDICATOR_KINDS, IndicatorKind } from './cycle-types';
import { ALLOWED, Verdict, isBlank, listInWords, refuse } from './verdict';

/** The indicator a measurement is about; only its kind matters to these rules. */
export interface MeasuredIndicator {
  kind: IndicatorKind;
}

export interface MeasurementInput {
  value?: unknown;
  text?: unknown;
}

export interface EvidenceInput extends MeasurementInput {
  kind: EvidenceKind;
  indicatorId?: string | null;
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null;
}

function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : String(value);
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function notANumber(value: unknown): Verdict {
  return refuse(`The value must be a number, not ${shown(value)}.`, ['value']);
}

function checkCount(value: unknown): Verdict {
  if (!isNumber(value)) return notANumber(value);
  if (Number.isInteger(value) && value >= 0) return ALLOWED;
  return refuse(`The value of a count must be a whole number of 0 or more, not ${shown(value)}.`, ['value']);
}

/** Any number from 1 to 5, not only whole ones: a survey's mean score (3.8) is a fair measurement too. */
function checkScale(value: unknown): Verdict {
  if (!isNumber(value)) return notANumber(value);
  if (value >= 1 && value <= 5) return ALLOWED;
  return refuse(`The value of a 1–5 scale score must be between 1 and 5 (a survey mean such as 3.8 is fine), not ${shown(value)}.`, ['value']);
}

function checkPercent(value: unknown): Verdict {
  if (!isNumber(value)) return notANumber(value);
  if (value >= 0 && value <= 100) return ALLOWED;
  return refuse(`The value of a percentage must be between 0 and 100, not ${shown(value)}.`, ['value']);
}

const TEXT_TAKES_NO_VALUE = 'A text indicator is measured in words: put the answer in text and leave value empty.';

/** Is `value` a number that makes sense for an indicator of this kind? */
export function checkMeasurementValue(kind: IndicatorKind, value: unknown): Verdict {
  switch (kind) {
    case 'count':
      return checkCount(value);
    case 'scale_1_5':
      return checkScale(value);
    case 'percent':
      return checkPercent(value);
    case 'text':
      return refuse(TEXT_TAKES_NO_VALUE, ['value']);
    default:
      return refuse(`There is no indicator kind called ${shown(kind)}; the kinds are ${listInWords([...INDICATOR_KINDS])}.`);
  }
}

const KIND_NAMES: Record<IndicatorKind, string> = {
  count: 'count',
  scale_1_5: '1–5 scale',
  percent: 'percentage',
  text: 'text',
};

/**
 * Does a measurement carry what its indicator's kind asks for? Numeric kinds need `value` (a note in
 * `text` may come along); a text indicator is answered in `text`, with no `value`.
 */
export function checkMeasurement(indicator: MeasuredIndicator, entry: MeasurementInput): Verdict {
  if (indicator.kind === 'text') {
    if (!isAbsent(entry.value)) return refuse(TEXT_TAKES_NO_VALUE, ['value']);
    if (isBlank(entry.text)) return refuse('A measurement of a text indicator needs the answer in text.', ['text']);
    return ALLOWED;
  }
  if (isAbsent(entry.value)) {
    const name = KIND_NAMES[indicator.kind] ?? String(indicator.kind);
    return refuse(`A measurement of a ${name} indicator needs a number in value.`, ['value']);
  }
  return checkMeasurementValue(indicator.kind, entry.value);
}

const WHAT_TEXT_HOLDS: Record<Exclude<EvidenceKind, 'measurement'>, string> = {
  observation: 'An observation needs what was seen in text.',
  quote: "A quote needs the participant's words in text.",
  story: 'A story needs its telling in text.',
};

function checkMeasurementEntry(entry: EvidenceInput, indicator: MeasuredIndicator | null): Verdict {
  if (isBlank(entry.indicatorId)) {
    return refuse('A measurement needs the indicator it measures in indicatorId.', ['indicatorId']);
  }
  if (!indicator) {
    return refuse("A measurement needs one of this initiative's indicators in indicatorId; this one is not.", ['indicatorId']);
  }
  return checkMeasurement(indicator, entry);
}

/**
 * The whole rule for an evidence entry: a measurement needs an indicator and a value fit for its kind;
 * observations, quotes and stories are words, so they need text and carry no value.
 * `indicator` is the initiative's indicator named by `indicatorId`, or null when there is none.
 */
export function checkEvidenceEntry(entry: EvidenceInput, indicator: MeasuredIndicator | null): Verdict {
  if (entry.kind === 'measurement') return checkMeasurementEntry(entry, indicator);
  const needsText = WHAT_TEXT_HOLDS[entry.kind];
  if (!needsText) {
    return refuse(`There is no evidence kind called ${shown(entry.kind)}; the kinds are ${listInWords([...EVIDENCE_KINDS])}.`, ['kind']);
  }
  if (!isAbsent(entry.value)) {
    return refuse('Only a measurement carries a value; record the number as a measurement of an indicator.', ['value']);
  }
  if (isBlank(entry.text)) return refuse(needsText, ['text']);
  return ALLOWED;
}
