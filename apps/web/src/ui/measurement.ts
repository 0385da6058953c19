import type { Indicator, IndicatorKind } from '../api/types';

/** What the value field asks for, for each kind of indicator; the same rule the API applies. */
export const VALUE_HINTS: Record<IndicatorKind, string> = {
  count: 'A whole number of 0 or more.',
  scale_1_5: 'A score from 1 to 5; a survey mean such as 3.8 is fine.',
  percent: 'A percentage from 0 to 100.',
  text: 'Answer in words.',
};

export type ValueCheck = { ok: true; value: number } | { ok: false; problem: string };

/** Reads the typed value and checks it against the indicator's kind before anything is sent. */
export function checkValue(indicator: Pick<Indicator, 'kind' | 'unit'>, typed: string): ValueCheck {
  const text = typed.trim().replace(/%$/, '').replace(',', '.').trim();
  if (!text) return { ok: false, problem: `Enter the ${indicator.unit || 'value'} measured.` };
  const value = Number(text);
  if (!Number.isFinite(value)) return { ok: false, problem: `“${typed.trim()}” is not a number. ${VALUE_HINTS[indicator.kind]}` };
  switch (indicator.kind) {
    case 'count':
      return Number.isInteger(value) && value >= 0 ? { ok: true, value } : { ok: false, problem: `A count must be a whole number of 0 or more, not ${text}.` };
    case 'scale_1_5':
      return value >= 1 && value <= 5 ? { ok: true, value } : { ok: false, problem: `A 1–5 score must be between 1 and 5, not ${text}.` };
    case 'percent':
      return value >= 0 && value <= 100 ? { ok: true, value } : { ok: false, problem: `A percentage must be between 0 and 100, not ${text}.` };
    default:
      return { ok: false, problem: VALUE_HINTS.text };
  }
}
