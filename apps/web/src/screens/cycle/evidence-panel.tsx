import { FormEvent, useState } from 'react';
import { api, ApiError, EvidenceChanges, NewEvidence } from '../../api/client';
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

/** A participant's words in quotation marks, unless the person typed them already. */
const quoted = (text: string) => (/^["“'‘]/.test(text) ? text : `“${text}”`);

const describe = (entry: Evidence) => `this ${EVIDENCE_KIND_NAMES[entry.kind].toLowerCase()} of ${formatDate(entry.observedOn)}`;

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
      ) : entry.kind === 'quote' ? (
        <span className="quoted">{quoted(entry.text ?? '')}</span>
      ) : (
        <span>{entry.text}</span>
      )}
      {entry.kind === 'measurement' && entry.text && entry.value !== null && <span> — {entry.text}</span>}
      <span className="meta"> {meta}</span>
    </>
  );
}

type EntryMode = 'view' | 'confirm-removal' | 'edit';

export function EvidencePanel(props: SectionProps & { indicators: Indicator[]; editable: boolean }) {
  const { cycle, isCurrent, editable, indicators, onChange } = props;
  const [moveError, setMoveError] = useState<unknown>(null);
  const [modes, setModes] = useState<Record<string, EntryMode>>({});
  const [removed, setRemoved] = useState<Evidence[]>([]);
  const modeOf = (entry: Evidence): EntryMode => modes[entry.id] ?? 'view';
  const setMode = (entry: Evidence, mode: EntryMode) => setModes((m) => ({ ...m, [entry.id]: mode }));

  const attempt = async (work: () => Promise<void>) => {
    setMoveError(null);
    try {
      await work();
    } catch (e) {
      setMoveError(e);
    }
  };
  const remove = (entry: Evidence) =>
    attempt(async () => {
      await api.deleteEvidence(cycle.id, entry.id);
      setRemoved((r) => [...r, entry]);
      setMode(entry, 'view');
      onChange(await api.cycle(cycle.id), `Removed ${describe(entry)}. “Undo” beside it brings it back.`);
      document.getElementById(`undo-${entry.id}`)?.focus();
    });
  const undo = (entry: Evidence) =>
    attempt(async () => {
      await api.restoreEvidence(cycle.id, entry.id);
      setRemoved((r) => r.filter((e) => e.id !== entry.id));
      onChange(await api.cycle(cycle.id), `Brought back ${describe(entry)}.`);
    });
  const moveOn = () => attempt(async () => onChange(await api.moveTo(cycle.id, 'reflection'), 'The cycle moved on to reflection.'));

  const listProblems = moveError instanceof ApiError ? moveError.problemsFor('evidence') : undefined;
  const shown = [...cycle.evidence, ...removed.filter((r) => !cycle.evidence.some((e) => e.id === r.id))].sort((a, b) =>
    a.observedOn === b.observedOn ? a.createdAt.localeCompare(b.createdAt) : a.observedOn.localeCompare(b.observedOn),
  );
  const isRemoved = (entry: Evidence) => !cycle.evidence.some((e) => e.id === entry.id);

  return (
    <div>
      <ErrorSummary error={moveError} title="That could not be done" links={listProblems?.length ? [{ id: 'evidence-list', label: 'Evidence entries' }] : []} />
      <div id="evidence-list" tabIndex={-1} className={listProblems?.length ? 'field-invalid' : undefined}>
        <h3>Evidence so far ({cycle.evidence.length})</h3>
        <FieldErrors id="evidence-list" errors={listProblems} />
        {shown.length === 0 ? (
          <p className="hint">No evidence yet.</p>
        ) : (
          <ul className="evidence-list">
            {shown.map((entry) =>
              isRemoved(entry) ? (
                <li key={entry.id} className="evidence-removed">
                  <del>
                    <EvidenceLine entry={entry} indicators={indicators} />
                  </del>{' '}
                  <span className="meta">Removed.</span>{' '}
                  {editable && (
                    <button type="button" id={`undo-${entry.id}`} className="button link" onClick={() => void undo(entry)}>
                      Undo<span className="visually-hidden"> the removal of {describe(entry)}</span>
                    </button>
                  )}
                </li>
              ) : (
                <li key={entry.id}>
                  {modeOf(entry) === 'edit' ? (
                    <EvidenceForm
                      cycle={cycle}
                      indicators={indicators}
                      entry={entry}
                      onSaved={(next, words) => {
                        setMode(entry, 'view');
                        onChange(next, words);
                      }}
                      onCancel={() => setMode(entry, 'view')}
                    />
                  ) : (
                    <EvidenceLine entry={entry} indicators={indicators} />
                  )}
                  {editable && modeOf(entry) === 'view' && (
                    <span className="entry-actions">
                      <button type="button" className="button link" onClick={() => setMode(entry, 'edit')}>
                        Edit<span className="visually-hidden"> {describe(entry)}</span>
                      </button>
                      <button type="button" className="button link" onClick={() => setMode(entry, 'confirm-removal')}>
                        Remove<span className="visually-hidden"> {describe(entry)}</span>
                      </button>
                    </span>
                  )}
                  {editable && modeOf(entry) === 'confirm-removal' && (
                    <span className="entry-actions confirm" role="group" aria-label={`Remove ${describe(entry)}?`}>
                      <span>Remove this entry?</span>
                      <button type="button" className="button secondary" onClick={() => void remove(entry)}>
                        Yes, remove it
                      </button>
                      <button type="button" className="button link" onClick={() => setMode(entry, 'view')}>
                        Keep it
                      </button>
                    </span>
                  )}
                </li>
              ),
            )}
          </ul>
        )}
      </div>
      {editable && <EvidenceForm cycle={cycle} indicators={indicators} onSaved={onChange} />}
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

/** Dates worth a second look, never refused: one in the future, or one before the adaptation began (fine for a baseline). */
function dateWarning(observedOn: string, cycle: Cycle): string | null {
  if (!observedOn) return null;
  if (observedOn > today()) return `${formatDate(observedOn)} is in the future: check the date.`;
  const began = cycle.adaptation?.implementedOn;
  if (began && observedOn < began)
    return `This is before the adaptation began on ${formatDate(began)}. That is right for a baseline; otherwise check the date.`;
  return null;
}

/**
 * Adds evidence in a few keystrokes, or edits an entry (`entry`). When adding, the indicator, date and
 * method stay as they were after each entry, and the focus goes back to the value, so a sheet of
 * numbers is typed in one after the other.
 */
function EvidenceForm({
  cycle,
  indicators,
  entry,
  onSaved,
  onCancel,
}: {
  cycle: Cycle;
  indicators: Indicator[];
  entry?: Evidence;
  onSaved(cycle: Cycle, words: string): void;
  onCancel?(): void;
}) {
  const startKind: EvidenceKind = entry?.kind ?? (indicators.length ? 'measurement' : 'observation');
  const [kind, setKind] = useState<EvidenceKind>(startKind);
  const [indicatorId, setIndicatorId] = useState(entry?.indicatorId ?? indicators[0]?.id ?? '');
  const [value, setValue] = useState(entry?.value !== null && entry?.value !== undefined ? String(entry.value) : '');
  const [text, setText] = useState(entry?.text ?? '');
  const [observedOn, setObservedOn] = useState(entry?.observedOn ?? today());
  const [method, setMethod] = useState<EvidenceMethod>(entry?.method ?? methodFor(startKind, indicators[0]));
  const [source, setSource] = useState(entry?.source ?? '');
  const [sampleSize, setSampleSize] = useState(entry?.sampleSize ? String(entry.sampleSize) : '');
  const [own, setOwn] = useState<Record<string, string>>({});
  const { error, setError, busy, run } = useAction();
  const ids = entry ? `evidence-${entry.id}` : 'evidence';
  const id = (field: string) => `${ids}-${field}`;

  const indicator = indicators.find((i) => i.id === indicatorId);
  const wantsValue = kind === 'measurement' && indicator?.kind !== 'text';
  const wantsText = kind !== 'measurement' || indicator?.kind === 'text';
  const warning = dateWarning(observedOn, cycle);

  /** What fits one kind of evidence (where it came from, how many were asked) rarely fits another: start those afresh. */
  const chooseKind = (next: EvidenceKind) => {
    setKind(next);
    setMethod(methodFor(next, indicator));
    setSource('');
    setSampleSize('');
    setOwn({});
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const found: Record<string, string> = {};
    const body: NewEvidence = { kind, observedOn, method };
    if (kind === 'measurement') {
      if (!indicator) found.indicatorId = 'Choose the indicator this measures.';
      else body.indicatorId = indicator.id;
    }
    if (wantsValue && indicator) {
      const checked = checkValue(indicator, value);
      if (checked.ok) body.value = checked.value;
      else found.value = checked.problem;
    }
    if (text.trim()) body.text = text.trim();
    else if (wantsText) found.text = kind === 'measurement' ? 'Write the answer in words.' : `Write ${TEXT_LABELS[kind].toLowerCase()}.`;
    if (!observedOn) found.observedOn = 'Enter the date it was observed.';
    if (source.trim()) body.source = source.trim();
    if (kind === 'measurement' && sampleSize.trim()) {
      const n = Number(sampleSize);
      if (Number.isInteger(n) && n >= 1) body.sampleSize = n;
      else found.sampleSize = 'Enter how many people were asked, as a whole number such as 12.';
    }
    setOwn(found);
    if (Object.keys(found).length) return;
    await run(async () => {
      const what =
        kind === 'measurement' && indicator
          ? `${indicator.name} ${body.value !== undefined ? `${formatNumber(body.value)} ${indicator.unit}` : ''} on ${formatDate(observedOn)}`
          : `${EVIDENCE_KIND_NAMES[kind].toLowerCase()} of ${formatDate(observedOn)}`;
      if (entry) {
        const changes: EvidenceChanges = {
          ...body,
          indicatorId: body.indicatorId ?? null,
          value: body.value ?? null,
          text: body.text ?? null,
          source: body.source ?? null,
          sampleSize: body.sampleSize ?? null,
        };
        await api.updateEvidence(cycle.id, entry.id, changes);
        onSaved(await api.cycle(cycle.id), `Saved: ${what}.`);
        return;
      }
      await api.addEvidence(cycle.id, body);
      setValue('');
      setText('');
      setSampleSize('');
      onSaved(await api.cycle(cycle.id), `Added: ${what}.`);
      document.getElementById(wantsValue ? id('value') : id('text'))?.focus();
    });
  };
  const errs = (field: string) => [...(error instanceof ApiError ? error.problemsFor(field) : []), ...(own[field] ? [own[field]] : [])];
  const title = entry ? `Edit ${describe(entry)}` : 'Add evidence';

  return (
    <form className="subform quick-evidence" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={id('title')}>
      <h3 id={id('title')}>{title}</h3>
      <ErrorSummary error={error} title={entry ? 'The entry was not saved' : 'The evidence was not added'} />
      <RadioGroup<EvidenceKind> id={id('kind')} legend="Kind" options={options(EVIDENCE_KIND_NAMES)} value={kind} onChange={chooseKind} inline />
      {kind === 'measurement' && (
        <SelectField
          id={id('indicatorId')}
          label="Indicator"
          placeholder={indicators.length ? undefined : 'No indicators yet'}
          options={indicators.map((i) => ({ value: i.id, label: `${i.name} (${i.unit}, ${INDICATOR_KIND_NAMES[i.kind]})` }))}
          value={indicatorId}
          onChange={(next) => {
            setIndicatorId(next);
            setMethod(
              methodFor(
                'measurement',
                indicators.find((i) => i.id === next),
              ),
            );
            setOwn({});
          }}
          errors={errs('indicatorId')}
        />
      )}
      {wantsValue && (
        <TextField
          id={id('value')}
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
          id={id('text')}
          label={TEXT_LABELS[kind] + (kind === 'measurement' && indicator?.kind === 'text' ? ' (the answer)' : '')}
          optional={!wantsText}
          rows={kind === 'measurement' ? 1 : 3}
          value={text}
          onChange={setText}
          errors={errs('text')}
        />
      )}
      <div className="row">
        <TextField
          id={id('observedOn')}
          type="date"
          label="Observed on"
          hint={warning ? <span className="date-warning">{warning}</span> : undefined}
          value={observedOn}
          onChange={setObservedOn}
          errors={errs('observedOn')}
        />
        <SelectField
          id={id('method')}
          label="Method"
          options={options(METHOD_NAMES)}
          value={method}
          onChange={(m) => setMethod(m as EvidenceMethod)}
          errors={errs('method')}
        />
      </div>
      <div className="row">
        <TextField
          id={id('source')}
          label="Source"
          optional
          hint="Such as “Tuesday sign-in sheet”."
          value={source}
          onChange={setSource}
          errors={errs('source')}
        />
        {kind === 'measurement' && (
          <TextField
            id={id('sampleSize')}
            label="People asked"
            optional
            inputMode="numeric"
            value={sampleSize}
            onChange={setSampleSize}
            errors={errs('sampleSize')}
          />
        )}
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? (entry ? 'Saving…' : 'Adding…') : entry ? 'Save changes' : 'Add evidence'}
        </button>
        {onCancel && (
          <button type="button" className="button link" disabled={busy} onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
