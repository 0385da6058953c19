import { useState } from 'react';
import { learning } from '../api/learning';
import type { ProgrammeRow, ProgrammeSort } from '../api/learning';
import { Link } from '../router';
import { LoadFailed, Loading } from '../ui/feedback';
import { Page } from '../ui/page';
import { TableScroll } from '../ui/table-scroll';
import { useLoad } from '../ui/use-load';
import { formatInstant, PHASE_NAMES, plural } from '../ui/words';

const COLUMNS: [ProgrammeSort, string][] = [
  ['library', 'Library'],
  ['initiative', 'Initiative'],
  ['cycleNumber', 'Cycle'],
  ['phase', 'Phase'],
  ['daysInPhase', 'Days in phase'],
  ['lastCheckIn', 'Last check-in'],
  ['overdueDays', 'Check-in overdue'],
  ['nudges', 'Open nudges'],
  ['signals', 'Chart signals'],
];

function Words({ words, none }: { words: string[]; none: string }) {
  if (!words.length) return <span className="meta">{none}</span>;
  return (
    <details className="programme-words">
      <summary>{words.length}</summary>
      <ul>
        {words.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
    </details>
  );
}

function Row({ row }: { row: ProgrammeRow }) {
  return (
    <tr>
      <td data-label="Library">{row.libraryName}</td>
      <th scope="row" data-label="Initiative">
        <Link to={`/initiatives/${row.initiativeId}`}>{row.initiativeTitle}</Link>
        {row.status === 'paused' && <span className="meta"> (paused)</span>}
      </th>
      <td data-label="Cycle">{row.cycleId ? <Link to={`/cycles/${row.cycleId}`}>Cycle {row.cycleNumber}</Link> : <span className="meta">none yet</span>}</td>
      <td data-label="Phase">{row.phase ? PHASE_NAMES[row.phase] : '—'}</td>
      <td data-label="Days in phase">{row.daysInPhase ?? '—'}</td>
      <td data-label="Last check-in">{row.lastCheckInAt ? formatInstant(row.lastCheckInAt) : <span className="meta">never</span>}</td>
      <td data-label="Check-in overdue">{row.overdueDays > 0 ? plural(row.overdueDays, 'day') : <span className="meta">no</span>}</td>
      <td data-label="Open nudges">
        <Words words={row.nudges.words} none="none" />
      </td>
      <td data-label="Chart signals">
        <Words words={row.signals.words} none="none" />
      </td>
    </tr>
  );
}

/** Programme staff's view of every pilot side by side, sortable by any column. */
export function ProgrammeScreen() {
  const [sort, setSort] = useState<ProgrammeSort>('library');
  const [direction, setDirection] = useState<'asc' | 'desc'>('asc');
  const view = useLoad(() => learning.programme(sort, direction), [sort, direction]);
  const sortBy = (column: ProgrammeSort) => {
    setDirection(column === sort && direction === 'asc' ? 'desc' : 'asc');
    setSort(column);
  };
  // What the table shows is what the API sorted, so the headings and the caption follow the answer, not the click.
  const shown = view.data ?? { sort, direction };
  const label = COLUMNS.find(([key]) => key === shown.sort)![1].toLowerCase();

  return (
    <Page
      title="Programme"
      lead={<p>Every active or paused pilot side by side. Choose a column heading to sort by it; choose it again to reverse the order.</p>}
    >
      {!view.data ? (
        view.error ? (
          <LoadFailed error={view.error} retry={view.reload} />
        ) : (
          <Loading />
        )
      ) : view.data.items.length === 0 ? (
        <p className="hint">No active or paused initiative yet.</p>
      ) : (
        <TableScroll label="Pilots">
          <table className="cards-on-phone programme-table">
            <caption>
              {plural(view.data.items.length, 'pilot')}, by {label} ({shown.direction === 'asc' ? 'ascending' : 'descending'})
            </caption>
            <thead>
              <tr>
                {COLUMNS.map(([key, name]) => (
                  <th key={key} scope="col" aria-sort={key === shown.sort ? (shown.direction === 'asc' ? 'ascending' : 'descending') : undefined}>
                    <button type="button" className="sort-button" onClick={() => sortBy(key)}>
                      {name}
                      <span aria-hidden="true">{key === shown.sort ? (shown.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.data.items.map((row) => (
                <Row key={row.initiativeId} row={row} />
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Page>
  );
}
