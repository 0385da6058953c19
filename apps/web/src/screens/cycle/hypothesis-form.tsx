import { FormEvent, useState } from 'react';
import type { Indicator } from '../../api/types';
import { ErrorSummary } from '../../ui/feedback';
import { CheckboxGroup, TextArea } from '../../ui/fields';
import { DECISION_NAMES, INDICATOR_KIND_NAMES } from '../../ui/words';
import { AddIndicator } from './add-indicator';
import { PredictionFields, predictable, readPredictions, typedPredictions } from './prediction-fields';
import { FormActions, SectionProps, useSectionSave } from './section-form';
import { StrategyTagPicker } from './strategy-tag-picker';

const LABELS = {
  statement: 'Hypothesis',
  expectedOutcome: 'Expected outcome',
  rationale: 'Why you expect it',
  learningQuestion: 'Learning question',
  indicatorIds: 'Indicators that will show it',
};

export function HypothesisForm(props: SectionProps & { initiativeId: string; indicators: Indicator[]; onIndicatorAdded(indicator: Indicator): void }) {
  const { cycle, isCurrent, indicators } = props;
  const h = cycle.hypothesis;
  const [statement, setStatement] = useState(h?.statement ?? '');
  const [expectedOutcome, setExpectedOutcome] = useState(h?.expectedOutcome ?? '');
  const [rationale, setRationale] = useState(h?.rationale ?? '');
  const [learningQuestion, setLearningQuestion] = useState(h?.learningQuestion ?? '');
  const [indicatorIds, setIndicatorIds] = useState<string[]>(h?.indicatorIds ?? []);
  const [predictions, setPredictions] = useState(() => typedPredictions(h?.predictions));
  const [ownProblems, setOwnProblems] = useState<Record<string, string>>({});
  const [sentOrder, setSentOrder] = useState<string[]>([]);
  const { error, busy, save, problems, links } = useSectionSave(props, 'hypothesis');
  const predicted = predictable(indicators, indicatorIds);

  const send = (moveOn: boolean) => {
    const read = readPredictions(predictions, predicted);
    setOwnProblems(read.ok ? {} : read.problems);
    if (!read.ok) return;
    setSentOrder(read.predictions.map((p) => p.indicatorId));
    void save({ statement, expectedOutcome, rationale, learningQuestion, indicatorIds, predictions: read.predictions }, moveOn);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send(isCurrent);
  };
  /** `${indicatorId}-to` is `predictions.N.to` to the API, N being the prediction's place in what was sent. */
  const predictionProblems = (key: string) => {
    const [, indicatorId, field] = key.match(/^(.*)-(from|to|note)$/) ?? [];
    const at = sentOrder.indexOf(indicatorId);
    const fromApi = at >= 0 ? (problems(`predictions.${at}.${field}`) ?? []) : [];
    const found = [...fromApi, ...(ownProblems[key] ? [ownProblems[key]] : [])];
    return found.length ? found : undefined;
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="phase-title">
      <ErrorSummary error={error} title={isCurrent ? 'The cycle cannot move on yet' : undefined} links={links(LABELS)} />
      {cycle.carriedOver && (
        <div className="carried-over">
          <h3>Carried over from cycle {cycle.carriedOver.fromCycleNumber}</h3>
          <p>
            Decision: <strong>{DECISION_NAMES[cycle.carriedOver.decision]}</strong>. Next steps: {cycle.carriedOver.nextSteps}
          </p>
        </div>
      )}
      <TextArea
        id="hypothesis-statement"
        label={LABELS.statement}
        hint="If we change …, then … will happen for …, because …"
        value={statement}
        onChange={setStatement}
        errors={problems('statement')}
        rows={4}
      />
      <TextArea
        id="hypothesis-expectedOutcome"
        label={LABELS.expectedOutcome}
        hint="What you expect to see, in numbers where you can."
        value={expectedOutcome}
        onChange={setExpectedOutcome}
        errors={problems('expectedOutcome')}
      />
      <TextArea id="hypothesis-rationale" label={LABELS.rationale} optional value={rationale} onChange={setRationale} errors={problems('rationale')} />
      <TextArea
        id="hypothesis-learningQuestion"
        label={LABELS.learningQuestion}
        optional
        value={learningQuestion}
        onChange={setLearningQuestion}
        errors={problems('learningQuestion')}
        rows={2}
      />
      <CheckboxGroup
        id="hypothesis-indicatorIds"
        legend={LABELS.indicatorIds}
        hint={indicators.length ? 'Choose at least one.' : 'This initiative has no indicators yet: add one below.'}
        options={indicators.map((i) => ({ value: i.id, label: i.name, hint: `${i.unit}, ${INDICATOR_KIND_NAMES[i.kind]}` }))}
        values={indicatorIds}
        onChange={setIndicatorIds}
        errors={problems('indicatorIds')}
      />
      <AddIndicator
        initiativeId={props.initiativeId}
        onAdded={(indicator) => {
          props.onIndicatorAdded(indicator);
          setIndicatorIds((ids) => [...ids, indicator.id]);
        }}
      />
      <StrategyTagPicker cycleId={cycle.id} />
      <PredictionFields indicators={predicted} typed={predictions} onChange={setPredictions} problems={predictionProblems} />
      {Object.keys(ownProblems).length > 0 && (
        <p className="field-error" role="alert">
          A prediction needs a number its indicator could show: see the fields marked above.
        </p>
      )}
      <FormActions phase="hypothesis" isCurrent={isCurrent} busy={busy} onDraft={() => send(false)} />
    </form>
  );
}
