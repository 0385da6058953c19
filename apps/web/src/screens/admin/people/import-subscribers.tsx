import { ChangeEvent, useState } from 'react';
import { ApiError } from '../../../api/client';
import { ImportCounts, ImportLineProblem, peopleApi, refusedLines } from '../../../api/people';
import { ErrorSummary, Status } from '../../../ui/feedback';
import { Hint } from '../../../ui/fields';
import { useAction } from '../../../ui/use-action';
import { formatNumber, plural } from '../../../ui/words';
import { decodeCsv } from './read-csv-file';

interface Chosen {
  name: string;
  text: string;
  encoding: string;
}

/**
 * The coalition's member list from a spreadsheet: checked first (a dry run: who is new, who already
 * has an account, which lines are wrong), then imported whole or not at all.
 */
export function ImportSubscribers({ onImported }: { onImported(): void }) {
  const [file, setFile] = useState<Chosen | null>(null);
  const [fileInput, setFileInput] = useState(0);
  const [preview, setPreview] = useState<ImportCounts | null>(null);
  const [badLines, setBadLines] = useState<ImportLineProblem[]>([]);
  const [status, setStatus] = useState('');
  const check = useAction();
  const commit = useAction();

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const picked = event.target.files?.[0];
    setPreview(null);
    setBadLines([]);
    setStatus('');
    commit.setError(null);
    if (!picked) return setFile(null);
    const { text, encoding } = decodeCsv(await picked.arrayBuffer());
    setFile({ name: picked.name, text, encoding });
    await check.run(async () => {
      try {
        setPreview(await peopleApi.importSubscribers(text, true));
      } catch (error) {
        setBadLines(refusedLines(error));
        // Cleared, so that choosing the same file again once it is fixed checks it again.
        setFileInput((n) => n + 1);
        throw error;
      }
    });
  };

  const importAll = () =>
    commit.run(async () => {
      if (!file) return;
      const done = await peopleApi.importSubscribers(file.text, false);
      setStatus(
        `${plural(done.created, 'subscriber')} imported from ${file.name}${done.existing ? `; ${plural(done.existing, 'address', 'addresses')} already had an account and ${done.existing === 1 ? 'was' : 'were'} left as ${done.existing === 1 ? 'it was' : 'they were'}` : ''}. They receive the digest from the next one on, and can set a password with “Forgot password?” on the sign-in page.`,
      );
      setPreview(null);
      setFile(null);
      setFileInput((n) => n + 1);
      onImported();
    });

  return (
    <>
      <p>
        Save the member list from your spreadsheet as CSV, with a first row naming the columns <code>email</code> and <code>name</code>. Each new address
        becomes a subscriber account without a password; addresses that already have an account are left as they are. Up to 5,000 people at a time.
      </p>
      <div className="field">
        <label className="label" htmlFor="import-people-file">
          Member list (.csv)
        </label>
        <Hint id="import-people-file" hint="Choosing a file only checks it: nobody is added until you press Import." />
        <input
          key={fileInput}
          id="import-people-file"
          type="file"
          accept=".csv,text/csv"
          aria-describedby="import-people-file-hint"
          onChange={(e) => void choose(e)}
        />
      </div>
      {check.busy && <p role="status">Checking {file?.name}…</p>}
      <ErrorSummary error={check.error} title={`${file?.name ?? 'The file'} cannot be imported as it is`} />
      {badLines.length > 0 && (
        <>
          <p id="import-bad-lines-title">Fix these lines in the spreadsheet, save it as CSV again and choose it again:</p>
          <ul className="bad-rows" aria-labelledby="import-bad-lines-title">
            {badLines.map((line) => (
              <li key={line.line}>
                <strong>Line {line.line}:</strong> {line.problem}
              </li>
            ))}
          </ul>
        </>
      )}
      {preview && file && (
        <div className="import-preview" role="group" aria-labelledby="import-preview-title">
          <h3 id="import-preview-title">What {file.name} holds</h3>
          <ul>
            <li>
              <strong>{formatNumber(preview.created)}</strong> new {preview.created === 1 ? 'subscriber' : 'subscribers'}
            </li>
            <li>
              <strong>{formatNumber(preview.existing)}</strong> already {preview.existing === 1 ? 'has an account' : 'have an account'} (left as they are)
            </li>
            <li>
              <strong>0</strong> lines with a problem
            </li>
          </ul>
          <p className="meta">Read as {file.encoding} text.</p>
          {preview.created > 0 ? (
            <button type="button" className="button" disabled={commit.busy} onClick={() => void importAll()}>
              {commit.busy ? 'Importing…' : `Import ${plural(preview.created, 'subscriber')}`}
            </button>
          ) : (
            <p>Everybody on this list already has an account: there is nothing to import.</p>
          )}
        </div>
      )}
      <ErrorSummary error={commit.error} title="Nobody was imported" />
      <Status>{status}</Status>
      {check.error instanceof ApiError && check.error.status === 413 && <p>Split the list into files of at most 5,000 lines.</p>}
    </>
  );
}
