import { useState } from 'react';
import { api } from '../api/client';
import type { Cycle } from '../api/types';
import { Link } from '../router';
import { standingIn, useMe } from '../session';
import { LoadFailed, Loading } from '../ui/feedback';
import { Page, Section } from '../ui/page';
import { useLoad } from '../ui/use-load';
import { cycleName, STATUS_NAMES } from '../ui/words';
import { CheckIns } from './check-ins';
import { CycleWorkspace } from './cycle/cycle-workspace';
import { StartCycleForm } from './cycle/start-cycle-form';
import { DigestSharingChoice } from './digest-sharing';
import { PastCycles } from './past-cycles';

async function loadInitiative(id: string) {
  const [initiative, indicators, cycles] = await Promise.all([api.initiative(id), api.indicators(id), api.cycles(id)]);
  const openItem = cycles.items.find((c) => c.phase !== 'closed');
  const [open, library] = await Promise.all([openItem ? api.cycle(openItem.id) : null, api.library(initiative.libraryId).catch(() => null)]);
  return { initiative, indicators: indicators.items, cycles: cycles.items, open, library };
}

/** An initiative's page: the open cycle to work on, check-ins, past cycles with their run charts. */
export function InitiativePage({ id }: { id: string }) {
  const me = useMe();
  const standing = standingIn(me, id);
  const loaded = useLoad(() => loadInitiative(id), [id]);
  const [downloadError, setDownloadError] = useState<unknown>(null);

  if (!loaded.data) {
    return <Page title="Initiative">{loaded.error ? <LoadFailed error={loaded.error} retry={loaded.reload} /> : <Loading />}</Page>;
  }
  const { initiative, indicators, cycles, open, library } = loaded.data;
  const canWrite = standing === 'librarian' || standing === 'admin';
  const update = (changes: Partial<typeof loaded.data>) => loaded.set({ ...loaded.data!, ...changes });
  const cycleChanged = (cycle: Cycle) => update({ open: cycle.phase === 'closed' ? null : cycle, cycles: [cycle, ...cycles.filter((c) => c.id !== cycle.id)] });
  const nextNumber = Math.max(0, ...cycles.map((c) => c.number)) + 1;
  const download = (path: string, name: string) => {
    setDownloadError(null);
    api.download(path, name).catch(setDownloadError);
  };

  return (
    <Page
      title={initiative.title}
      lead={
        <>
          <p className="meta">
            {library ? `${library.name}, ${library.city}, ${library.state}` : null} · {STATUS_NAMES[initiative.status]} · check-ins every{' '}
            {initiative.checkInCadenceDays} days
          </p>
          <p>{initiative.summary}</p>
          <dl className="facts compact">
            <div>
              <dt>Audience</dt>
              <dd>{initiative.audience}</dd>
            </div>
            <div>
              <dt>Learning question</dt>
              <dd>{initiative.learningQuestion}</dd>
            </div>
          </dl>
        </>
      }
    >
      <Section title={open ? cycleName(open) : 'Current cycle'} id="current-cycle">
        {open ? (
          <CycleWorkspace
            cycle={open}
            indicators={indicators}
            members={initiative.members}
            standing={standing}
            onChange={cycleChanged}
            onIndicatorAdded={(indicator) => update({ indicators: [...indicators, indicator] })}
          />
        ) : canWrite && initiative.status === 'active' ? (
          <StartCycleForm initiativeId={id} number={nextNumber} onStarted={cycleChanged} />
        ) : (
          <p className="hint">No cycle is open.</p>
        )}
      </Section>

      <Section title="Check-ins" id="check-ins">
        <CheckIns initiativeId={id} canWrite={canWrite} members={initiative.members} />
      </Section>

      <Section title="Past cycles" id="past-cycles">
        <PastCycles cycles={cycles} />
      </Section>

      <Section title="Trust survey" id="trust-survey">
        <p>
          <Link to={`/initiatives/${id}/survey`}>Open the trust survey</Link>: its statements, responses imported from Google Forms or Microsoft Forms, and each
          outcome before and after.
        </p>
      </Section>

      <Section title="Coalition digest" id="coalition-digest">
        <DigestSharingChoice initiative={initiative} standing={standing} />
      </Section>

      <Section title="People and downloads" id="downloads">
        <ul className="people">
          {initiative.members.map((m) => (
            <li key={m.userId}>
              {m.name} <span className="meta">({m.role})</span>
            </li>
          ))}
        </ul>
        <div className="actions">
          <button
            type="button"
            className="button secondary"
            onClick={() => download(`/api/v1/initiatives/${id}/evidence.csv`, `evidence-${initiative.title}.csv`)}
          >
            Download all evidence (CSV)
          </button>
          <button type="button" className="button secondary" onClick={() => download(`/api/v1/initiatives/${id}/calendar.ics`, `r2c-${initiative.title}.ics`)}>
            Add due dates to a calendar (.ics)
          </button>
        </div>
        {downloadError ? <LoadFailed error={downloadError} /> : null}
        {standing === 'admin' && (
          <p>
            <Link to={`/admin/initiatives/${id}`}>Manage this initiative and its members</Link>
          </p>
        )}
      </Section>
    </Page>
  );
}
