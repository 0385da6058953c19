import { FormEvent, useState } from 'react';
import { api, ApiError, NewEvidence } from '../../api/client';
import type { Cycle, Evidence, EvidenceKind, EvidenceMethod, Indicator } from '../../api/types';
import { ErrorSummary } from '../../ui/feedback';
import { FieldErrors, RadioGroup, SelectField, TextArea, TextField } from '../../ui/fields';
import { checkValue, VALUE_HINTS } from '../../ui/measurement';
import { EVIDENCE_KIND_NAMES, formatDate, formatNumber, INDICATOR_KIND_NAMES, METHOD_NAMES, options, today } from '../../ui/words';
import { SectionProps } from './section-form';
import { useAction } from '../../ui/use-action';

const TEXT_LABELS: Record<EvidenceKind, string> = {
  measurement: 'Note',
  observation: 'What was seen',
  quote: 'The participant’s words',
  story: 'The story',
};

const METHOD_FOR: Record<EvidenceKind, EvidenceMethod> = { measurement: 'survey', observation: 'observation', quote: 'interview', story: 'interview' };

/** The usual way to measure an indicator: people are counted on a sign-in sheet, scores and shares come from a survey. */
const methodFor = (kind: EvidenceKind, indicator?: Indicator): EvidenceMethod =>
  kind === 'measurement' && indicator?.kind === 'count' ? 'sign_in' : METHOD_FOR[kind];

/** Words in quotation marks, unless the person typed them already. */
const quoted = (text: string) => (/^["“'‘]/.test(text) ? text : `“${text}”`);

export function EvidenceLine({ entry, indicators }: { entry: Evidence; indicators: Indicator[] }) {
  const indicator = indicators.find((i) => i.id === entry.indicatorId);
  const meta = [formatDate(entry.observedOn), METHOD_NAMES[entry.method], entry.source, entry.sampleSize ? `${entry.sampleSize} asked` : null]
    .filter(Boolean)
    .join(' · ');
  return (
    <>
      <span className="tag">{EVIDENCE_KIND_NAMES[entry.kind]}</span>{' '}
      {entry.kind === 'measurement' ? (
        <strong>
          {indicator?.name ?? 'Indicator'}: {entry.value !== null ? `${formatNumber(entry.value)} ${indicator?.unit ?? ''}` : entry.text}
        </strong>
      ) : (
        <span className="quoted">{quoted(entry.text ?? '')}</span>
      )}
      {entry.kind === 'measurement' && entry.text && entry.value !== null && <span> — {entry.text}</span>}
      <span className="meta"> {meta}</span>
    </>
  );
}

export function EvidencePanel(props: SectionProps & { indicators: Indicator[]; editable: boolean }) {
  const { cycle, isCurrent, editable, indicators, onChange } = props;
  const [moveError, setMoveError] = useState<unknown>(null);
  const remove = async (entry: Evidence) => {
    try {
      await api.deleteEvidence(cycle.id, entry.id);
      onChange(await api.cycle(cycle.id), 'Evidence entry removed.');
    } catch (e) {
      setMoveError(e);
    }
  };

  const moveOn = async () => {
    setMoveError(null);
    try {
      onChange(await api.moveTo(cycle.id, 'reflection'), 'The cycle moved on to reflection.');
    } catch (e) {
      setMoveError(e);
    }
  };
  const listProblems = moveError instanceof ApiError ? moveError.problemsFor('evidence') : undefined;

  return (
    <div>
      <ErrorSummary
        error={moveError}
        title="The cycle cannot move on yet"
        links={listProblems?.length ? [{ id: 'evidence-list', label: 'Evidence entries' }] : []}
      />
      <div id="evidence-list" tabIndex={-1} className={listProblems?.length ? 'field-invalid' : undefined}>
        <h3>Evidence so far ({cycle.evidence.length})</h3>
        <FieldErrors id="evidence-list" errors={listProblems} />
        {cycle.evidence.length === 0 ? (
          <p className="hint">No evidence yet.</p>
        ) : (
          <ul className="evidence-list">
            {cycle.evidence.map((entry) => (
              <li key={entry.id}>
                <EvidenceLine entry={entry} indicators={indicators} />
                {editable && (
                  <button type="button" className="button link" onClick={() => void remove(entry)}>
                    Remove
                    <span className="visually-hidden">
                      {' '}
                      this {EVIDENCE_KIND_NAMES[entry.kind].toLowerCase()} of {formatDate(entry.observedOn)}
                    </span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      {editable && <QuickEvidence cycleId={cycle.id} indicators={indicators} onAdded={onChange} />}
      {editable && isCurrent && (
        <div className="actions">
          <button type="button" className="button" onClick={() => void moveOn()}>
            Move on to reflection
          </button>
        </div>
      )}
    </div>
  );
}

/**
 * Evidence in a few keystrokes: the indicator, date and method stay as they were after each entry,
 * and the focus goes back to the value, so a sheet of numbers is typed in one after the other.
 */
function QuickEvidence({ cycleId, indicators, onAdded }: { cycleId: string; indicators: Indicator[]; onAdded(cycle: Cycle, words: string): void }) {
  const [kind, setKind] = useState<EvidenceKind>(indicators.length ? 'measurement' : 'observation');
  const [indicatorId, setIndicatorId] = useState(indicators[0]?.id ?? '');
  const [value, setValue] = useState('');
  const [text, setText] = useState('');
  const [observedOn, setObservedOn] = useState(today());
  const [method, setMethod] = useState<EvidenceMethod>(methodFor(indicators.length ? 'measurement' : 'observation', indicators[0]));
  const [source, setSource] = useState('');
  const [sampleSize, setSampleSize] = useState('');
  const [own, setOwn] = useState<Record<string, string>>({});
  const { error, setError, busy, run } = useAction();

  const indicator = indicators.find((i) => i.id === indicatorId);
  const wantsValue = kind === 'measurement' && indicator?.kind !== 'text';
  const wantsText = kind !== 'measurement' || indicator?.kind === 'text';

  const chooseKind = (next: EvidenceKind) => {
    setKind(next);
    setMethod(methodFor(next, indicator));
    setOwn({});
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const found: Record<string, string> = {};
    const entry: NewEvidence = { kind, observedOn, method };
    if (kind === 'measurement') {
      if (!indicator) found.indicatorId = 'Choose the indicator this measures.';
      else entry.indicatorId = indicator.id;
    }
    if (wantsValue && indicator) {
      const checked = checkValue(indicator, value);
      if (checked.ok) entry.value = checked.value;
      else found.value = checked.problem;
    }
    if (text.trim()) entry.text = text.trim();
    else if (wantsText) found.text = kind === 'measurement' ? 'Write the answer in words.' : `Write ${TEXT_LABELS[kind].toLowerCase()}.`;
    if (!observedOn) found.observedOn = 'Enter the date it was observed.';
    if (source.trim()) entry.source = source.trim();
    if (sampleSize.trim()) {
      const n = Number(sampleSize);
      if (Number.isInteger(n) && n >= 1) entry.sampleSize = n;
      else found.sampleSize = 'Enter how many people were asked, as a whole number such as 12.';
    }
    setOwn(found);
    if (Object.keys(found).length) return;
    await run(async () => {
      await api.addEvidence(cycleId, entry);
      const words =
        kind === 'measurement' && indicator
          ? `Added: ${indicator.name} ${entry.value !== undefined ? `${formatNumber(entry.value)} ${indicator.unit}` : ''} on ${formatDate(observedOn)}.`
          : `Added: ${EVIDENCE_KIND_NAMES[kind].toLowerCase()} of ${formatDate(observedOn)}.`;
      setValue('');
      setText('');
      setSampleSize('');
      onAdded(await api.cycle(cycleId), words);
      document.getElementById(wantsValue ? 'evidence-value' : 'evidence-text')?.focus();
    });
  };
  const errs = (field: string) => [...(error instanceof ApiError ? error.problemsFor(field) : []), ...(own[field] ? [own[field]] : [])];

  return (
    <form className="subform quick-evidence" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="quick-evidence-title">
      <h3 id="quick-evidence-title">Add evidence</h3>
      <ErrorSummary error={error} title="The evidence was not added" />
      <RadioGroup<EvidenceKind> id="evidence-kind" legend="Kind" options={options(EVIDENCE_KIND_NAMES)} value={kind} onChange={chooseKind} inline />
      {kind === 'measurement' && (
        <SelectField
          id="evidence-indicatorId"
          label="Indicator"
          placeholder={indicators.length ? undefined : 'No indicators yet'}
          options={indicators.map((i) => ({ value: i.id, label: `${i.name} (${i.unit}, ${INDICATOR_KIND_NAMES[i.kind]})` }))}
          value={indicatorId}
          onChange={(id) => {
            setIndicatorId(id);
            setMethod(
              methodFor(
                'measurement',
                indicators.find((i) => i.id === id),
              ),
            );
            setOwn({});
          }}
          errors={errs('indicatorId')}
        />
      )}
      {wantsValue && (
        <TextField
          id="evidence-value"
          label={indicator ? `Value (${indicator.unit})` : 'Value'}
          hint={indicator ? VALUE_HINTS[indicator.kind] : undefined}
          inputMode="decimal"
          autoComplete="off"
          value={value}
          onChange={setValue}
          errors={errs('value')}
        />
      )}
      {(wantsText || kind === 'measurement') && (
        <TextArea
          id="evidence-text"
          label={TEXT_LABELS[kind] + (kind === 'measurement' && indicator?.kind === 'text' ? ' (the answer)' : '')}
          optional={!wantsText}
          rows={kind === 'measurement' ? 1 : 3}
          value={text}
          onChange={setText}
          errors={errs('text')}
        />
      )}
      <div className="row">
        <TextField id="evidence-observedOn" type="date" label="Observed on" value={observedOn} onChange={setObservedOn} errors={errs('observedOn')} />
        <SelectField
          id="evidence-method"
          label="Method"
          options={options(METHOD_NAMES)}
          value={method}
          onChange={(m) => setMethod(m as EvidenceMethod)}
          errors={errs('method')}
        />
      </div>
      <div className="row">
        <TextField
          id="evidence-source"
          label="Source"
          optional
          hint="Such as “Tuesday sign-in sheet”."
          value={source}
          onChange={setSource}
          errors={errs('source')}
        />
        <TextField
          id="evidence-sampleSize"
          label="People asked"
          optional
          inputMode="numeric"
          value={sampleSize}
          onChange={setSampleSize}
          errors={errs('sampleSize')}
        />
      </div>
      <button type="submit" className="button" disabled={busy}>
        Add evidence
      </button>
    </form>
  );
}
