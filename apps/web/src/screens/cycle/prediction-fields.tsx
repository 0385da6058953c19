import type { NewPrediction } from '../../api/client';
import type { Cycle, Indicator, Prediction } from '../../api/types';
import { checkValue, VALUE_HINTS } from '../../ui/measurement';
import { TextField } from '../../ui/fields';
import { formatNumber } from '../../ui/words';

/** What the librarian typed for one indicator's prediction, before it is read as numbers. */
export interface TypedPrediction {
  from: string;
  to: string;
  note: string;
}

export type TypedPredictions = Record<string, TypedPrediction>;

const BLANK: TypedPrediction = { from: '', to: '', note: '' };

export function typedPredictions(saved: Prediction[] = []): TypedPredictions {
  return Object.fromEntries(saved.map((p) => [p.indicatorId, { from: p.from?.toString() ?? '', to: p.to.toString(), note: p.note ?? '' }]));
}

/** Indicators a prediction can be about: those the hypothesis chose that are measured in numbers. */
export const predictable = (indicators: Indicator[], chosenIds: string[]) => indicators.filter((i) => chosenIds.includes(i.id) && i.kind !== 'text');

export type ReadPredictions = { ok: true; predictions: NewPrediction[] } | { ok: false; problems: Record<string, string> };

/**
 * Reads the typed predictions of the chosen indicators, checking each number against its indicator's
 * kind as the API will. A prediction left blank is simply not sent: the cycle's nudges ask for it.
 */
export function readPredictions(typed: TypedPredictions, indicators: Indicator[]): ReadPredictions {
  const problems: Record<string, string> = {};
  const predictions: NewPrediction[] = [];
  for (const indicator of indicators) {
    const { from, to, note } = typed[indicator.id] ?? BLANK;
    if (!from.trim() && !to.trim()) continue;
    if (!to.trim()) {
      problems[`${indicator.id}-to`] = `Say what you expect ${indicator.name.toLowerCase()} to reach, or clear “from”.`;
      continue;
    }
    const toValue = checkValue(indicator, to);
    const fromValue = from.trim() ? checkValue(indicator, from) : null;
    if (!toValue.ok) problems[`${indicator.id}-to`] = toValue.problem;
    if (fromValue && !fromValue.ok) problems[`${indicator.id}-from`] = fromValue.problem;
    if (toValue.ok && (!fromValue || fromValue.ok)) {
      predictions.push({
        indicatorId: indicator.id,
        ...(fromValue ? { from: fromValue.value } : {}),
        to: toValue.value,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
    }
  }
  return Object.keys(problems).length ? { ok: false, problems } : { ok: true, predictions };
}

interface Props {
  indicators: Indicator[];
  typed: TypedPredictions;
  onChange(typed: TypedPredictions): void;
  /** Problems for `${indicatorId}-from|to|note`: the form's own checks and the API's. */
  problems(key: string): string[] | undefined;
}

/** A prediction per chosen indicator: "attendance from 12 to 18", so the evidence can prove it right or wrong. */
export function PredictionFields({ indicators, typed, onChange, problems }: Props) {
  const set = (id: string, field: keyof TypedPrediction, value: string) => onChange({ ...typed, [id]: { ...(typed[id] ?? BLANK), [field]: value } });
  return (
    <fieldset className="predictions" aria-describedby="predictions-hint">
      <legend>Your prediction for each indicator</legend>
      <p className="hint" id="predictions-hint">
        Write down what you expect each indicator to show if the hypothesis is right, for example attendance from 12 to 18. The summary sets it beside what the
        evidence showed.
      </p>
      {indicators.length === 0 ? (
        <p className="hint">Choose an indicator above that is measured in numbers to predict it.</p>
      ) : (
        indicators.map((indicator) => {
          const value = typed[indicator.id] ?? BLANK;
          const id = `prediction-${indicator.id}`;
          return (
            <div key={indicator.id} className="prediction" role="group" aria-labelledby={`${id}-name`}>
              <p className="prediction-name" id={`${id}-name`}>
                <strong>{indicator.name}</strong>{' '}
                <span className="meta">
                  ({indicator.unit}; {VALUE_HINTS[indicator.kind].toLowerCase()})
                </span>
              </p>
              <div className="row">
                <TextField
                  id={`${id}-from`}
                  label={`${indicator.name}: from`}
                  hint="Where it stands now"
                  optional
                  inputMode="decimal"
                  value={value.from}
                  onChange={(v) => set(indicator.id, 'from', v)}
                  errors={problems(`${indicator.id}-from`)}
                />
                <TextField
                  id={`${id}-to`}
                  label={`${indicator.name}: to`}
                  hint="What you expect it to reach"
                  inputMode="decimal"
                  value={value.to}
                  onChange={(v) => set(indicator.id, 'to', v)}
                  errors={problems(`${indicator.id}-to`)}
                />
              </div>
              <TextField
                id={`${id}-note`}
                label={`${indicator.name}: how you will read it`}
                optional
                value={value.note}
                onChange={(v) => set(indicator.id, 'note', v)}
                errors={problems(`${indicator.id}-note`)}
              />
            </div>
          );
        })
      )}
    </fieldset>
  );
}

/**
 * Each prediction beside this cycle's measurements so far, where the librarian reflects: the reflection
 * should say whether what was predicted happened.
 */
export function PredictionsSoFar({ cycle, indicators }: { cycle: Cycle; indicators: Indicator[] }) {
  const predictions = cycle.hypothesis?.predictions ?? [];
  if (!predictions.length) return null;
  return (
    <div className="carried-over" role="note" aria-labelledby="so-far-title">
      <h4 id="so-far-title">Your prediction beside the evidence so far</h4>
      <ul>
        {predictions.map((p) => {
          const indicator = indicators.find((i) => i.id === p.indicatorId);
          const values = cycle.evidence
            .filter((e) => e.kind === 'measurement' && e.indicatorId === p.indicatorId && e.value !== null)
            .map((e) => e.value as number);
          const mean = values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
          return (
            <li key={p.indicatorId}>
              <strong>{indicator?.name ?? 'An indicator'}</strong>: predicted {p.from !== null && `from ${formatNumber(p.from)} `}to {formatNumber(p.to)};
              measured {mean === null ? 'nothing yet' : `a mean of ${formatNumber(Math.round(mean * 100) / 100)} (n=${values.length})`}.
            </li>
          );
        })}
      </ul>
    </div>
  );
}
