import { ChangeEvent, FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError, FieldProblem } from '../../api/client';
import type { CycleListItem } from '../../api/types';
import { BadRow, ColumnMapping, ColumnPreview, DateOrder, FormsSource, MAX_CSV_CHARACTERS, SurveyImportPreview, SurveyItem, surveyApi } from '../../api/survey';
import type { ReadAs, SurveyFile, SurveyImportTarget, SurveyPeriod } from '../../api/survey';
import { ChosenFile, readResponsesFile } from './responses-file';
import { Link } from '../../router';
import { ErrorSummary, FieldLink, Status } from '../../ui/feedback';
import { Hint, RadioGroup, SelectField, TextArea, TextField } from '../../ui/fields';
import { cycleName, formatDate, PHASE_NAMES, plural, today } from '../../ui/words';
import { useAction } from '../../ui/use-action';
import { useLoad } from '../../ui/use-load';

export const SOURCE_NAMES: Record<FormsSource, string> = { google_forms: 'Google Forms', microsoft_forms: 'Microsoft Forms', csv: 'a CSV file' };

const MATCH_WORDS = { exact: 'same wording', bracketed: 'grid row with the same wording', contains: 'heading contains the wording' };

const columnField = (index: number) => `import-column-${index}`;

/** Rows a refusal or a preview names, each with its line in the file. */
export function BadRowList({ rows, id }: { rows: BadRow[]; id?: string }) {
  return (
    <ul className="bad-rows" id={id}>
      {rows.map((row) => (
        <li key={row.line}>
          <strong>Line {row.line}:</strong> {row.reasons.join('; ')}
        </li>
      ))}
    </ul>
  );
}

/** The lines a refused import names: its details carry them as `{ field: 'csv', line, problems }`. */
function refusedRows(error: unknown): BadRow[] {
  if (!(error instanceof ApiError)) return [];
  return error.details
    .map((d) => ({ line: (d as FieldProblem & { line?: unknown }).line, reasons: d.problems }))
    .filter((r): r is BadRow => typeof r.line === 'number');
}

/**
 * The API names a mapping's fault by its place in the list sent (`mapping.2.itemId`); the screen
 * shows it beside the column's own choice.
 */
function byColumn(error: unknown, sent: ColumnMapping[]): unknown {
  if (!(error instanceof ApiError)) return error;
  const details = error.details.map((d) => {
    const at = d.field.match(/^mapping\.(\d+)\./);
    return at && sent[Number(at[1])] ? { ...d, field: columnField(sent[Number(at[1])].column) } : d;
  });
  return new ApiError(error.status, error.message, details);
}

function sameMapping(a: ColumnMapping[], b: ColumnMapping[]): boolean {
  const key = (m: ColumnMapping[]) => JSON.stringify([...m].sort((x, y) => x.column - y.column));
  return key(a) === key(b);
}

function answeredWords(column: ColumnPreview): string {
  const answered = `answered in ${plural(column.answered, 'row')}`;
  return column.match ? `${answered} · matched by ${MATCH_WORDS[column.match]}` : answered;
}

interface Props {
  initiativeId: string;
  items: SurveyItem[];
  cycles: CycleListItem[];
  onImported(): void;
}

/** A Forms export read in the browser, previewed by the API, then imported all or nothing into the open cycle. */
export function SurveyImport({ initiativeId, items, cycles, onImported }: Props) {
  const [csv, setCsv] = useState('');
  const [chosen, setChosen] = useState<ChosenFile | null>(null);
  const [readAs, setReadAs] = useState<ReadAs>({});
  const [preview, setPreview] = useState<SurveyImportPreview | null>(null);
  const { error: previewError, setError: setPreviewError, busy, run } = useAction();
  const [status, setStatus] = useState('');
  // A new key empties the file input once its file is imported.
  const [fileInput, setFileInput] = useState(0);
  // A new key starts the preview's choices afresh from a preview checked against changed matches.
  const [previewVersion, setPreviewVersion] = useState(0);
  const target = useLoad(() => surveyApi.target(initiativeId), [initiativeId]);

  // A chosen file goes as the file itself (a workbook, or the CSV's bytes) until its text is edited here.
  const file: SurveyFile | null = chosen && (chosen.text === null || chosen.text === csv) ? chosen.body : csv.trim() ? { csv } : null;
  const changeCsv = (text: string) => {
    setCsv(text);
    setReadAs({});
    setPreview(null);
    setPreviewError(null);
  };
  const chooseFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setStatus('');
    if (!file) return;
    try {
      const read = await readResponsesFile(file);
      changeCsv(read.text ?? '');
      setChosen(read);
    } catch {
      setPreviewError(
        new ApiError(400, `“${file.name}” could not be read. Download the responses again and choose the new file.`, [
          { field: 'csv', problems: ['The file could not be read.'] },
        ]),
      );
    }
  };
  const runPreview = async (event: FormEvent) => {
    event.preventDefault();
    setPreview(null);
    setPreviewError(null);
    setStatus('');
    if (!file) {
      setPreviewError(
        new ApiError(400, 'Choose the responses file, or paste its text, first.', [{ field: 'csv', problems: ['Choose a .csv file or paste the responses.'] }]),
      );
      return;
    }
    if ('csv' in file && csv.length > MAX_CSV_CHARACTERS) {
      setPreviewError(
        new ApiError(
          413,
          `The file has ${csv.length.toLocaleString('en-US')} characters; an import takes up to ${MAX_CSV_CHARACTERS.toLocaleString('en-US')}. Split the responses into two files.`,
          [{ field: 'csv', problems: ['The file is too large.'] }],
        ),
      );
      return;
    }
    await run(async () => setPreview(await surveyApi.preview(initiativeId, file, readAs)));
  };
  const readDatesAs = (dateOrder: DateOrder) => {
    if (!file) return;
    setReadAs({ dateOrder });
    void run(async () => {
      setPreview(await surveyApi.preview(initiativeId, file, { dateOrder }));
      setPreviewVersion((n) => n + 1);
    });
  };
  const imported = (words: string) => {
    setPreview(null);
    setCsv('');
    setChosen(null);
    setReadAs({});
    setFileInput((n) => n + 1);
    setStatus(words);
    void target.reload();
    onImported();
  };
  const csvProblems = previewError instanceof ApiError ? previewError.problemsFor('csv') : undefined;

  return (
    <>
      <p>
        Download the responses from Google Forms (Responses, then “Download responses (.csv)”) or Microsoft Forms (“Open results in Excel”: the .xlsx workbook
        or a CSV saved from it), and import them here. Each statement’s answers become one measurement on its indicator, with the number of responses as its
        sample size.
      </p>
      <p className="hint">
        Patron privacy: only the columns you match to a statement are stored. Columns that look like names, email addresses or phone numbers are never imported.
      </p>
      {target.data && <ImportLanding initiativeId={initiativeId} target={target.data} />}
      <form onSubmit={(e) => void runPreview(e)} noValidate aria-label="Read a responses file">
        <ErrorSummary
          error={previewError}
          title="The file could not be previewed"
          links={csvProblems?.length ? [{ id: 'import-csv', label: 'Responses' }] : []}
        />
        <div className="field">
          <label className="label" htmlFor="import-file">
            Responses file (.csv or .xlsx)
          </label>
          <Hint id="import-file" hint="The file stays on this device until you preview it; nothing is stored before you import." />
          <input
            key={fileInput}
            id="import-file"
            type="file"
            accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby="import-file-hint"
            onChange={(e) => void chooseFile(e)}
          />
        </div>
        {chosen && chosen.text === null && <p className="hint">Chosen: {chosen.name}, an Excel workbook. Its first sheet is read.</p>}
        <TextArea
          id="import-csv"
          label="Or paste the responses"
          hint="The CSV text, header row first. A chosen CSV file shows here too."
          value={csv}
          onChange={changeCsv}
          errors={csvProblems}
          rows={4}
          spellCheck={false}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Reading the file…' : 'Preview'}
        </button>
      </form>
      <Status>{status}</Status>
      {preview && file && (
        <ImportPreview
          key={previewVersion}
          initiativeId={initiativeId}
          file={file}
          readAs={readAs}
          onReadDatesAs={readDatesAs}
          preview={preview}
          items={items}
          cycles={cycles}
          onImported={imported}
          onRechecked={(checked) => {
            setPreview(checked);
            setPreviewVersion((n) => n + 1);
          }}
        />
      )}
    </>
  );
}

interface PreviewProps {
  initiativeId: string;
  file: SurveyFile;
  readAs: ReadAs;
  /** Preview again reading numeric dates in this order. */
  onReadDatesAs(order: DateOrder): void;
  preview: SurveyImportPreview;
  items: SurveyItem[];
  cycles: CycleListItem[];
  onImported(words: string): void;
  /** The file previewed again against the librarian's changed matches. */
  onRechecked(preview: SurveyImportPreview): void;
}

function ImportPreview({ initiativeId, file, readAs, onReadDatesAs, preview, items, cycles, onImported, onRechecked }: PreviewProps) {
  const { target } = preview;
  const cycleId = target.cycleId ?? '';
  const timings = timingChoices(target, preview);
  const [timing, setTiming] = useState<Timing | null>(() => timings.find((t) => !t.disabled)?.value ?? null);
  const [choice, setChoice] = useState<Record<number, string>>(() => Object.fromEntries(preview.columns.map((c) => [c.index, c.itemId ?? ''])));
  const [observedOn, setObservedOn] = useState(preview.responseDates?.last ?? today());
  const { error, setError, busy, run } = useAction();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const mapping: ColumnMapping[] = preview.columns.filter((c) => !c.privacy && choice[c.index]).map((c) => ({ column: c.index, itemId: choice[c.index] }));
  const changed = !sameMapping(mapping, preview.mapping);
  const itemText = (id: string) => items.find((i) => i.id === id)?.text ?? 'a removed statement';
  const columnName = (c: ColumnPreview) => `Column ${c.index + 1}: ${c.header || '(no heading)'}`;
  const errs = (field: string) => (error instanceof ApiError ? error.problemsFor(field) : undefined);

  const commit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const twice = mapping.filter((m, at) => mapping.some((o, before) => before < at && o.itemId === m.itemId));
    if (twice.length) {
      setError(
        new ApiError(
          400,
          'Each statement can be matched to one column only.',
          twice.map((m) => ({ field: columnField(m.column), problems: [`“${itemText(m.itemId)}” is already matched to another column.`] })),
        ),
      );
      return;
    }
    await run(
      async () => {
        const when = timing === 'split' ? { split: true } : { timing: timing ?? 'after', observedOn };
        const result = await surveyApi.commit(initiativeId, { ...file, ...readAs, cycleId, mapping, ...when });
        const cycle = cycles.find((c) => c.id === cycleId);
        const into = cycle ? cycleName(cycle) : 'the cycle';
        const [before, after] = [
          (result.imports ?? [result.import]).find((i) => i.period === 'before'),
          (result.imports ?? [result.import]).find((i) => i.period === 'after'),
        ];
        const words = [
          before && `${plural(before.responses, 'response')} from before the change kept as the baseline of ${into}`,
          after &&
            `${plural(after.responses, 'response')} imported into ${into}: ${plural(result.evidence.length, 'measurement')} added to its evidence, dated ${formatDate(after.observedOn)}`,
        ].filter(Boolean);
        onImported(`${words.join('; ')}. Only the matched columns were stored.`);
      },
      (refusal) => byColumn(refusal, mapping),
    );
  };

  const recheck = () =>
    run(
      async () => onRechecked(await surveyApi.preview(initiativeId, file, readAs, mapping)),
      (refusal) => byColumn(refusal, mapping),
    );

  const refused = refusedRows(error);
  const links: FieldLink[] =
    error instanceof ApiError
      ? [
          ...preview.columns.filter((c) => errs(columnField(c.index))?.length).map((c) => ({ id: columnField(c.index), label: columnName(c) })),
          ...(errs('cycleId')?.length || errs('timing')?.length || errs('split')?.length
            ? [{ id: 'import-timing', label: 'When the answers were given' }]
            : []),
          ...(errs('observedOn')?.length ? [{ id: 'import-observedOn', label: 'Date of the evidence' }] : []),
        ]
      : [];

  return (
    <section className="subform" aria-labelledby="import-preview-title">
      <h3 id="import-preview-title" tabIndex={-1} ref={heading}>
        Preview: {plural(preview.responses, 'response')} to import
      </h3>
      <p>
        Read from {SOURCE_NAMES[preview.source]}: {plural(preview.rows, 'row')} below the header row, {plural(preview.responses, 'response')} counted
        {preview.responseDates
          ? preview.responseDates.first === preview.responseDates.last
            ? `, all answered on ${formatDate(preview.responseDates.first)}`
            : `, answered between ${formatDate(preview.responseDates.first)} and ${formatDate(preview.responseDates.last)}`
          : ''}
        . Nothing is stored yet.
      </p>
      <FileAndDates preview={preview} onReadDatesAs={onReadDatesAs} />
      {preview.warnings.length > 0 && (
        <div className="callout" role="status">
          <h4>Check before importing</h4>
          <ul>
            {preview.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </div>
      )}

      {preview.privacyFlags.length > 0 && (
        <div className="callout">
          <h4>Personal data: never imported</h4>
          <p>
            These columns look like names, email addresses or phone numbers. To protect patrons’ privacy they cannot be imported, and nothing in them is stored.
            You may want to remove the question from your form.
          </p>
          <ul className="privacy-flags">
            {preview.privacyFlags.map((f) => (
              <li key={f.column}>
                Column {f.column + 1}: {f.reason}.
              </li>
            ))}
          </ul>
        </div>
      )}

      {preview.badRows.length > 0 && (
        <div className="callout">
          <h4>{plural(preview.badRows.length, 'row')} would stop the import</h4>
          <p>The import is all or nothing: correct these rows in the file (or delete them), then preview it again.</p>
          <BadRowList rows={preview.badRows} id="preview-bad-rows" />
        </div>
      )}

      {preview.emptyLines.length > 0 && (
        <p>
          {preview.emptyLines.length === 1 ? `Line ${preview.emptyLines[0]} answers` : `Lines ${preview.emptyLines.join(', ')} answer`} none of the matched
          statements; {preview.emptyLines.length === 1 ? 'it is' : 'they are'} left out, not counted.
        </p>
      )}

      <form onSubmit={(e) => void commit(e)} noValidate aria-label="Import the responses">
        <ErrorSummary error={error} title="Nothing was imported" links={links} />
        {refused.length > 0 && <BadRowList rows={refused} id="refused-rows" />}
        <h4>Columns and statements</h4>
        <p className="hint">
          Check which statement each column answers. Choose “Do not import” for any column you want left out; only matched columns are stored.
        </p>
        <ul className="import-columns">
          {preview.columns.map((c) =>
            c.privacy ? (
              <li key={c.index}>
                <p className="label">{columnName(c)}</p>
                <p className="meta">
                  <span className="tag">Personal data</span> Not importable: {c.privacy.reason}.
                </p>
              </li>
            ) : (
              <li key={c.index}>
                <SelectField
                  id={columnField(c.index)}
                  label={columnName(c)}
                  hint={answeredWords(c)}
                  placeholder="Do not import"
                  options={items.map((i) => ({ value: i.id, label: i.text }))}
                  value={choice[c.index] ?? ''}
                  onChange={(value) => setChoice({ ...choice, [c.index]: value })}
                  errors={errs(columnField(c.index))}
                />
              </li>
            ),
          )}
        </ul>
        {preview.unmatchedItems.length > 0 && !changed && (
          <p className="hint">No column matched {preview.unmatchedItems.map((i) => `“${i.text}”`).join(', ')}.</p>
        )}
        {changed && mapping.length > 0 && (
          <div className="actions">
            <button type="button" className="button secondary" disabled={busy} onClick={() => void recheck()}>
              {busy ? 'Checking…' : 'Check the file with these matches'}
            </button>
            <span className="hint">Lists any row your changes would make impossible to import, before anything is stored.</span>
          </div>
        )}

        <h4>Where the answers go</h4>
        {timing === null ? (
          <p>{target.before.reason}</p>
        ) : (
          <>
            <RadioGroup
              id="import-timing"
              legend={`When were these answers given? They go to cycle ${target.cycleNumber} (${target.phase} phase).`}
              hint={target.changeDate ? `The change was made on ${formatDate(target.changeDate)}.` : 'The cycle’s change has no date yet.'}
              options={timings}
              value={timing}
              onChange={(value: Timing) => setTiming(value)}
              errors={[...(errs('cycleId') ?? []), ...(errs('timing') ?? []), ...(errs('split') ?? [])]}
            />
            {timing !== 'split' && (
              <TextField
                id="import-observedOn"
                type="date"
                label="Date of the evidence"
                hint="By default the day of the last response."
                value={observedOn}
                onChange={setObservedOn}
                errors={errs('observedOn')}
              />
            )}
            {mapping.length === 0 ? (
              <p>Match at least one column to a statement to import.</p>
            ) : !preview.readyToImport && (preview.file.unreadableLines.length > 0 || preview.dates.ambiguous || preview.dates.mixed) ? (
              <p>Resolve what “Check before importing” says above, then import.</p>
            ) : preview.badRows.length > 0 && !changed ? (
              <p>Correct the rows listed above in the file and preview it again, or change the matches, to import it.</p>
            ) : (
              <button type="submit" className="button" disabled={busy}>
                {busy ? 'Importing…' : `Import ${plural(preview.responses, 'response')}`}
              </button>
            )}
          </>
        )}
      </form>
    </section>
  );
}

type Timing = SurveyPeriod | 'split';

/** Before, after, or split at the change date: each offered with what it does, or why it cannot be chosen now. */
function timingChoices(target: SurveyImportTarget, preview: SurveyImportPreview): { value: Timing; label: string; hint: string; disabled: boolean }[] {
  if (!target.cycleId) return [];
  const choices: { value: Timing; label: string; hint: string; disabled: boolean }[] = [];
  const split = preview.split;
  if (split?.spansChange && target.split.allowed) {
    choices.push({
      value: 'split',
      label: `Split at the change date: ${plural(split.before, 'response')} before, ${plural(split.after, 'response')} after`,
      hint: `Answers dated before ${formatDate(split.changeDate)} become the baseline; the rest become evidence.${split.undated ? ` ${plural(split.undated, 'response')} without a date must be dated or removed first.` : ''}`,
      disabled: false,
    });
  }
  choices.push({
    value: 'after',
    label: 'After the change',
    hint: target.after.allowed ? 'Each statement’s answers become one measurement in the cycle’s evidence.' : (target.after.reason ?? ''),
    disabled: !target.after.allowed,
  });
  choices.push({
    value: 'before',
    label: 'Before the change (the baseline)',
    hint: target.before.allowed
      ? 'Kept as the cycle’s baseline, to compare with the answers after the change. No evidence is added.'
      : (target.before.reason ?? ''),
    disabled: !target.before.allowed,
  });
  return choices;
}

/** Where an import would land, said before any file is chosen. */
function ImportLanding({ initiativeId, target }: { initiativeId: string; target: SurveyImportTarget }) {
  if (!target.cycleId) {
    return (
      <div className="callout import-landing" id="import-landing">
        <p>
          {target.before.reason} <Link to={`/initiatives/${initiativeId}`}>Go to the initiative page</Link>.
        </p>
      </div>
    );
  }
  const phase = target.phase ? PHASE_NAMES[target.phase].toLowerCase() : '';
  return (
    <div className="callout import-landing" id="import-landing">
      <p>
        <strong>
          Imports go to cycle {target.cycleNumber}, now in the {phase} phase
          {target.changeDate ? `; its change was made on ${formatDate(target.changeDate)}` : ''}.
        </strong>
      </p>
      <ul>
        <li>Answers from before the change (the baseline): {target.before.allowed ? 'can be imported now.' : target.before.reason}</li>
        <li>Answers from after the change: {target.after.allowed ? 'can be imported now.' : target.after.reason}</li>
      </ul>
    </div>
  );
}

const DATE_WORDS: Record<DateOrder, string> = { day_first: 'day/month (16/03/2026 is 16 March)', month_first: 'month/day (3/16/2026 is 16 March)' };

/** How the file and its dates were read, and the choice of date order when the numbers allow both. */
function FileAndDates({ preview, onReadDatesAs }: { preview: SurveyImportPreview; onReadDatesAs(order: DateOrder): void }) {
  const { file, dates } = preview;
  const numeric = dates.format === 'day_first' || dates.format === 'month_first' || dates.ambiguous;
  return (
    <>
      <p className="hint">
        {file.kind === 'xlsx'
          ? 'Read from an Excel workbook (its first sheet).'
          : `Read as ${file.encoding === 'windows-1252' ? 'Windows-1252 (Excel’s CSV on Windows)' : 'UTF-8'} text.`}
        {dates.format === 'iso' && ' Dates are written year first (2026-03-16).'}
        {(dates.format === 'day_first' || dates.format === 'month_first') &&
          ` Dates read as ${DATE_WORDS[dates.format]}${dates.chosen ? ', as you chose' : `, because of “${dates.example}”`}.`}
      </p>
      {numeric && !dates.mixed && (
        <SelectField
          id="import-date-order"
          label="How this file writes dates"
          hint={
            dates.ambiguous
              ? 'Every date in the file could be read either way: choose, and the preview is checked again.'
              : 'Change it only if the dates above are wrong.'
          }
          placeholder={dates.ambiguous ? 'Choose…' : undefined}
          options={(['day_first', 'month_first'] as const).map((order) => ({ value: order, label: DATE_WORDS[order] }))}
          value={dates.format === 'day_first' || dates.format === 'month_first' ? dates.format : ''}
          onChange={(value) => value && onReadDatesAs(value as DateOrder)}
        />
      )}
    </>
  );
}
