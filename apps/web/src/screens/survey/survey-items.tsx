import { FormEvent, useState } from 'react';
import { ApiError } from '../../api/client';
import type { Indicator } from '../../api/types';
import { StarterItem, Survey, SurveyItem, surveyApi } from '../../api/survey';
import { ErrorSummary, Status } from '../../ui/feedback';
import { SelectField, TextArea, TextField } from '../../ui/fields';
import { plural } from '../../ui/words';
import { useAction } from '../../ui/use-action';

/** Close to the API's rule: case, spacing and closing punctuation do not make another statement. */
const wording = (text: string) =>
  text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[\s.?!:;*"']+$/, '')
    .trim();

export function missingStarters(survey: Survey, starters: StarterItem[]): StarterItem[] {
  return starters.filter((s) => !survey.items.some((i) => i.starterKey === s.key || wording(i.text) === wording(s.text)));
}

/** The items in survey order, each outcome once, in the order its first item comes. */
function byOutcome(items: SurveyItem[]): [string, SurveyItem[]][] {
  const groups = new Map<string, SurveyItem[]>();
  for (const item of [...items].sort((a, b) => a.position - b.position)) groups.set(item.outcome, [...(groups.get(item.outcome) ?? []), item]);
  return [...groups.entries()];
}

interface Props {
  initiativeId: string;
  survey: Survey;
  starters: StarterItem[];
  indicators: Indicator[];
  canWrite: boolean;
  /** After a change: the survey, and whether indicators were added with it. */
  onChange(survey: Survey, indicatorsAdded?: boolean): void;
}

/** The statements respondents rate 1 to 5, under the outcome each speaks to, with the indicator it feeds. */
export function SurveyItems({ initiativeId, survey, starters, indicators, canWrite, onChange }: Props) {
  const { error, busy, run } = useAction();
  const [status, setStatus] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const missing = missingStarters(survey, starters);

  const act = async (work: () => Promise<string>) => {
    setStatus('');
    await run(async () => {
      setStatus(await work());
    });
  };
  const adoptStarter = () =>
    act(async () => {
      const adopted = await surveyApi.adoptStarter(initiativeId);
      onChange(adopted, true);
      const added = adopted.items.length - survey.items.length;
      return added ? `${plural(added, 'starter item')} added, each with its 1–5 indicator.` : 'The survey already has every starter item.';
    });
  const remove = (item: SurveyItem) =>
    act(async () => {
      await surveyApi.removeItem(initiativeId, item.id);
      onChange({ ...survey, items: survey.items.filter((i) => i.id !== item.id) });
      return `“${item.text}” removed from the survey.`;
    });

  return (
    <>
      <p className="hint">Respondents rate each statement from 1 to 5: {survey.scaleLabels.map((label, i) => `${i + 1} ${label}`).join(', ')}.</p>
      <ErrorSummary error={error} title="The survey was not changed" />
      <Status>{status}</Status>
      {survey.items.length === 0 ? (
        <p>This survey has no statements yet.{canWrite ? '' : ' A librarian of this initiative can add them.'}</p>
      ) : (
        byOutcome(survey.items).map(([outcome, items]) => (
          <div key={outcome} className="survey-outcome">
            <h3>{outcome}</h3>
            <ul className="survey-items">
              {items.map((item) =>
                editing === item.id ? (
                  <li key={item.id}>
                    <ItemForm
                      initiativeId={initiativeId}
                      survey={survey}
                      indicators={indicators}
                      item={item}
                      onSaved={(saved) => {
                        onChange({ ...survey, items: survey.items.map((i) => (i.id === saved.id ? saved : i)) });
                        setEditing(null);
                        setStatus(`“${saved.text}” saved under ${saved.outcome}.`);
                      }}
                      onCancel={() => setEditing(null)}
                    />
                  </li>
                ) : (
                  <li key={item.id}>
                    <p className="survey-statement">{item.text}</p>
                    <p className="meta">Feeds the indicator: {item.indicatorName ?? 'an indicator no longer found'}</p>
                    {canWrite && (
                      <div className="actions">
                        <button type="button" className="button link" disabled={busy} onClick={() => setEditing(item.id)}>
                          Change<span className="visually-hidden"> “{item.text}”</span>
                        </button>
                        <button type="button" className="button link" disabled={busy} onClick={() => void remove(item)}>
                          Remove<span className="visually-hidden"> “{item.text}”</span>
                        </button>
                      </div>
                    )}
                  </li>
                ),
              )}
            </ul>
          </div>
        ))
      )}
      {canWrite && missing.length > 0 && (
        <div className="notice">
          <p>
            {missing.length === starters.length
              ? `The starter survey has ${plural(starters.length, 'statement')} on trust, belonging, feeling heard, bridging differences and connection, each tied to a 1–5 indicator.`
              : `${plural(missing.length, 'statement')} of the starter survey ${missing.length === 1 ? 'is' : 'are'} not in this survey: ${missing.map((s) => `“${s.text}”`).join(', ')}`}
          </p>
          <button type="button" className="button secondary" disabled={busy} onClick={() => void adoptStarter()}>
            {busy ? 'Adding…' : 'Add the starter items'}
          </button>
        </div>
      )}
      {canWrite && (
        <details className="subform">
          <summary>Add a statement</summary>
          <ItemForm
            initiativeId={initiativeId}
            survey={survey}
            indicators={indicators}
            onSaved={(item) => onChange({ ...survey, items: [...survey.items, item] })}
          />
        </details>
      )}
    </>
  );
}

interface ItemFormProps {
  initiativeId: string;
  survey: Survey;
  indicators: Indicator[];
  /** The statement to change; without it the form adds one. */
  item?: SurveyItem;
  onSaved(item: SurveyItem): void;
  onCancel?(): void;
}

/** A statement's wording, outcome and indicator: a new one, or one of the survey's changed. */
function ItemForm({ initiativeId, survey, indicators, item, onSaved, onCancel }: ItemFormProps) {
  const [text, setText] = useState(item?.text ?? '');
  const [outcome, setOutcome] = useState(item?.outcome ?? '');
  const [indicatorId, setIndicatorId] = useState(item?.indicatorId ?? '');
  const { error, setError, busy, run } = useAction();
  const [status, setStatus] = useState('');
  const scales = indicators.filter((i) => i.kind === 'scale_1_5');
  const outcomes = [...new Set(survey.items.map((i) => i.outcome))];
  const id = item ? `edit-${item.id}` : 'item';
  const verb = item ? 'saved' : 'added';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setStatus('');
    const missing = [
      ...(text.trim() ? [] : [{ field: 'text', problems: ['Write the statement respondents rate.'] }]),
      ...(outcome.trim() ? [] : [{ field: 'outcome', problems: ['Name the outcome it speaks to, such as Belonging.'] }]),
      ...(indicatorId ? [] : [{ field: 'indicatorId', problems: ['Choose the 1–5 indicator its answers are recorded on.'] }]),
    ];
    if (missing.length) {
      setError(new ApiError(400, 'Fill in the statement, its outcome and its indicator.', missing));
      return;
    }
    await run(async () => {
      const body = { text, outcome, indicatorId };
      const saved = item ? await surveyApi.updateItem(initiativeId, item.id, body) : await surveyApi.addItem(initiativeId, body);
      onSaved(saved);
      setStatus(`“${saved.text}” ${verb} under ${saved.outcome}.`);
      if (!item) {
        setText('');
        setIndicatorId('');
      }
    });
  };
  const errs = (field: string) => (error instanceof ApiError ? error.problemsFor(field) : undefined);

  return (
    <>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label={item ? `Change “${item.text}”` : 'Add a statement'}>
        <ErrorSummary
          error={error}
          title={`The statement was not ${verb}`}
          links={[
            ['text', `${id}-text`, 'Statement'],
            ['outcome', `${id}-outcome`, 'Outcome'],
            ['indicatorId', `${id}-indicator`, 'Indicator'],
          ]
            .filter(([field]) => errs(field)?.length)
            .map(([, target, label]) => ({ id: target, label }))}
        />
        <TextArea
          id={`${id}-text`}
          label="Statement"
          hint="Word it as the form asks it; imported columns are matched to it by these words."
          value={text}
          onChange={setText}
          errors={errs('text')}
          rows={2}
        />
        <TextField
          id={`${id}-outcome`}
          label="Outcome"
          hint="The social-cohesion outcome it speaks to, such as Belonging or Feeling heard."
          list={`${id}-outcome-names`}
          value={outcome}
          onChange={setOutcome}
          errors={errs('outcome')}
        />
        <datalist id={`${id}-outcome-names`}>
          {outcomes.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
        <SelectField
          id={`${id}-indicator`}
          label="Indicator"
          hint={
            scales.length
              ? 'Each import records the mean of its answers on this 1–5 indicator.'
              : 'This initiative has no 1–5 indicator yet: add the starter items, or add one from the catalogue on the initiative page.'
          }
          placeholder="Choose a 1–5 indicator"
          options={scales.map((i) => ({ value: i.id, label: i.name }))}
          value={indicatorId}
          onChange={setIndicatorId}
          errors={errs('indicatorId')}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Saving…' : item ? 'Save statement' : 'Add statement'}
          </button>
          {onCancel && (
            <button type="button" className="button secondary" onClick={onCancel}>
              Cancel
            </button>
          )}
        </div>
      </form>
      <Status>{status}</Status>
    </>
  );
}
