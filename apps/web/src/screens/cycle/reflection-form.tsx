import { FormEvent, useState } from 'react';
import type { Decision, Indicator, Outcome } from '../../api/types';
import { ErrorSummary } from '../../ui/feedback';
import { RadioGroup, TextArea } from '../../ui/fields';
import { DECISION_HINTS, DECISION_NAMES, OUTCOME_NAMES } from '../../ui/words';
import { PredictionsSoFar } from './prediction-fields';
import { FormActions, SectionProps, useSectionSave } from './section-form';

const LABELS = {
  outcome: 'Was the hypothesis supported?',
  insights: 'Insights',
  decision: 'Decision for the next cycle',
  nextSteps: 'Next steps',
};

export function ReflectionForm(props: SectionProps & { indicators: Indicator[] }) {
  const { cycle, isCurrent } = props;
  const r = cycle.reflection;
  const [outcome, setOutcome] = useState<Outcome | ''>(r?.outcome ?? '');
  const [insights, setInsights] = useState(r?.insights ?? '');
  const [decision, setDecision] = useState<Decision | ''>(r?.decision ?? '');
  const [nextSteps, setNextSteps] = useState(r?.nextSteps ?? '');
  const { error, busy, save, problems, links } = useSectionSave(props, 'reflection');

  const body = () => ({ ...(outcome ? { outcome } : {}), insights, ...(decision ? { decision } : {}), nextSteps });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(body(), isCurrent);
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="phase-title">
      <ErrorSummary error={error} title={isCurrent ? 'The cycle cannot go to review yet' : undefined} links={links(LABELS)} />
      <PredictionsSoFar cycle={cycle} indicators={props.indicators} />
      <RadioGroup<Outcome>
        id="reflection-outcome"
        legend={LABELS.outcome}
        options={(Object.keys(OUTCOME_NAMES) as Outcome[]).map((value) => ({ value, label: OUTCOME_NAMES[value] }))}
        value={outcome}
        onChange={setOutcome}
        errors={problems('outcome')}
        inline
      />
      <TextArea
        id="reflection-insights"
        label={LABELS.insights}
        hint="What did you learn? Say whether what you predicted happened. The first sentence is quoted in the coalition digest."
        value={insights}
        onChange={setInsights}
        errors={problems('insights')}
        rows={4}
      />
      <RadioGroup<Decision>
        id="reflection-decision"
        legend={LABELS.decision}
        options={(Object.keys(DECISION_NAMES) as Decision[]).map((value) => ({ value, label: DECISION_NAMES[value], hint: DECISION_HINTS[value] }))}
        value={decision}
        onChange={setDecision}
        errors={problems('decision')}
      />
      <TextArea
        id="reflection-nextSteps"
        label={LABELS.nextSteps}
        hint="They start the next cycle."
        value={nextSteps}
        onChange={setNextSteps}
        errors={problems('nextSteps')}
      />
      <FormActions phase="reflection" isCurrent={isCurrent} busy={busy} onDraft={() => void save(body(), false)} />
    </form>
  );
}
