import { FormEvent, useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { Initiative, InitiativeStatus, MemberRole } from '../../api/types';
import { Link } from '../../router';
import { ErrorSummary, LoadFailed, Loading, Status } from '../../ui/feedback';
import { SelectField, TextArea, TextField } from '../../ui/fields';
import { Page, Section } from '../../ui/page';
import { useLoad } from '../../ui/use-load';
import { formatDate, options, STATUS_NAMES, today } from '../../ui/words';
import { TableScroll } from '../../ui/table-scroll';
import { useAction } from '../../ui/use-action';

export function InitiativesAdmin() {
  const list = useLoad(async () => {
    const [initiatives, libraries] = await Promise.all([api.initiatives(), api.libraries()]);
    return { initiatives: initiatives.items, libraries: libraries.items };
  }, []);
  const libraryName = (id: string) => list.data?.libraries.find((l) => l.id === id)?.name ?? '';
  return (
    <Page title="Initiatives">
      <Section title="Every initiative" id="initiatives">
        {!list.data ? (
          list.error ? (
            <LoadFailed error={list.error} retry={list.reload} />
          ) : (
            <Loading />
          )
        ) : (
          <TableScroll label="Initiatives">
            <table className="cards-on-phone">
              <thead>
                <tr>
                  <th scope="col">Initiative</th>
                  <th scope="col">Library</th>
                  <th scope="col">Status</th>
                  <th scope="col">Check-ins</th>
                  <th scope="col">Started</th>
                </tr>
              </thead>
              <tbody>
                {list.data.initiatives.map((i) => (
                  <tr key={i.id}>
                    <th scope="row" data-label="Initiative">
                      <Link to={`/admin/initiatives/${i.id}`}>{i.title}</Link>
                    </th>
                    <td data-label="Library">{libraryName(i.libraryId)}</td>
                    <td data-label="Status">{STATUS_NAMES[i.status]}</td>
                    <td data-label="Check-ins">every {i.checkInCadenceDays} days</td>
                    <td data-label="Started">{formatDate(i.startDate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Section>
      {list.data && (
        <Section title="Add an initiative" id="add-initiative">
          <AddInitiative libraries={list.data.libraries} onAdded={list.reload} />
        </Section>
      )}
    </Page>
  );
}

function AddInitiative({ libraries, onAdded }: { libraries: { id: string; name: string }[]; onAdded(): Promise<void> }) {
  const [libraryId, setLibraryId] = useState('');
  const [details, setDetails] = useState<DetailValues>({ title: '', summary: '', audience: '', learningQuestion: '', cadence: '14', startDate: today() });
  const { error, busy, run } = useAction();
  const [status, setStatus] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setStatus('');
    await run(async () => {
      const created = await api.createInitiative({ libraryId, ...detailsPayload(details) });
      setStatus(`${created.title} added. Open it to add its librarians and coach.`);
      setDetails((d) => ({ ...d, title: '', summary: '', audience: '', learningQuestion: '' }));
      await onAdded();
    });
  };
  const errs = (field: string) => (error instanceof ApiError ? error.problemsFor(field) : undefined);

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="add-initiative-title">
      <ErrorSummary error={error} title="The initiative was not added" />
      <SelectField
        id="initiative-libraryId"
        label="Library"
        placeholder="Choose a library"
        options={libraries.map((l) => ({ value: l.id, label: l.name }))}
        value={libraryId}
        onChange={setLibraryId}
        errors={errs('libraryId')}
      />
      <DetailFields idPrefix="initiative" values={details} onChange={setDetails} errs={errs} />
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Adding…' : 'Add initiative'}
      </button>
      <Status>{status}</Status>
    </form>
  );
}

/** One initiative for programme staff: its status and who works on it. */
export function InitiativeAdmin({ id }: { id: string }) {
  const loaded = useLoad(async () => {
    const [initiative, users] = await Promise.all([api.initiative(id), api.users()]);
    return { initiative, users: users.items };
  }, [id]);
  const [personId, setPersonId] = useState('');
  const { error, setError, busy, run } = useAction();
  const [status, setStatus] = useState('');

  if (!loaded.data) return <Page title="Initiative">{loaded.error ? <LoadFailed error={loaded.error} retry={loaded.reload} /> : <Loading />}</Page>;
  const { initiative, users } = loaded.data;
  const candidates = users.filter((u) => u.active && (u.role === 'librarian' || u.role === 'coach') && !initiative.members.some((m) => m.userId === u.id));

  const act = async (work: () => Promise<unknown>, words: string) => {
    setStatus('');
    await run(async () => {
      await work();
      setStatus(words);
      await loaded.reload();
    });
  };
  const add = (event: FormEvent) => {
    event.preventDefault();
    const person = users.find((u) => u.id === personId);
    if (!person) {
      setError(new ApiError(400, 'Choose the person to add.', [{ field: 'person', problems: ['Choose the person to add.'] }]));
      return;
    }
    void act(() => api.setMember(id, person.id, person.role as MemberRole), `${person.name} added as ${person.role}.`).then(() => setPersonId(''));
  };
  const errs = (field: string) => (error instanceof ApiError ? error.problemsFor(field) : undefined);

  return (
    <Page
      title={initiative.title}
      lead={
        <p>
          <Link to={`/initiatives/${id}`}>Open the initiative’s page</Link>
        </p>
      }
    >
      <ErrorSummary error={error} title="That did not work" />
      <Status>{status}</Status>
      <Section title="Status" id="status">
        <SelectField
          id="initiative-status"
          label="Status"
          hint="Paused and completed initiatives get no reminders and cannot start cycles."
          options={options(STATUS_NAMES)}
          value={initiative.status}
          onChange={(value) => void act(() => api.updateInitiative(id, { status: value as InitiativeStatus }), `The initiative is now ${value}.`)}
        />
      </Section>
      <Section title="Details" id="details">
        <InitiativeDetails initiative={initiative} onSaved={loaded.reload} />
      </Section>
      <Section title="Members" id="members">
        {initiative.members.length === 0 ? (
          <p className="hint">No one works on this initiative yet.</p>
        ) : (
          <ul className="people">
            {initiative.members.map((m) => (
              <li key={m.userId}>
                {m.name}{' '}
                <span className="meta">
                  ({m.role}, {m.email})
                </span>{' '}
                <button
                  type="button"
                  className="button link"
                  disabled={busy}
                  onClick={() => void act(() => api.removeMember(id, m.userId), `${m.name} removed.`)}
                >
                  Remove<span className="visually-hidden"> {m.name}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <form onSubmit={add} noValidate aria-labelledby="add-member-title" className="subform">
          <h3 id="add-member-title">Add a librarian or coach</h3>
          <SelectField
            id="member-person"
            label="Person"
            hint="They join with the role of their account."
            placeholder={candidates.length ? 'Choose a person' : 'Everyone who could join already has'}
            options={candidates.map((u) => ({ value: u.id, label: `${u.name} (${u.role})` }))}
            value={personId}
            onChange={setPersonId}
            errors={errs('person')}
          />
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Adding…' : 'Add member'}
          </button>
        </form>
      </Section>
    </Page>
  );
}

/** What the initiative is: its title, summary, audience, learning question, check-in rhythm and start. */
function InitiativeDetails({ initiative, onSaved }: { initiative: Initiative; onSaved(): Promise<void> }) {
  const [details, setDetails] = useState<DetailValues>({
    title: initiative.title,
    summary: initiative.summary,
    audience: initiative.audience,
    learningQuestion: initiative.learningQuestion,
    cadence: String(initiative.checkInCadenceDays),
    startDate: initiative.startDate,
  });
  const { error, busy, run } = useAction();
  const [status, setStatus] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setStatus('');
    await run(async () => {
      const saved = await api.updateInitiative(initiative.id, detailsPayload(details));
      setStatus(`${saved.title}: details saved.`);
      await onSaved();
    });
  };
  const errs = (field: string) => (error instanceof ApiError ? error.problemsFor(field) : undefined);

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Details of the initiative">
      <ErrorSummary error={error} title="The details were not saved" />
      <DetailFields idPrefix="details" values={details} onChange={setDetails} errs={errs} />
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Saving…' : 'Save details'}
      </button>
      <Status>{status}</Status>
    </form>
  );
}

/** The details an initiative is created with and edited by, as typed (the cadence still text). */
interface DetailValues {
  title: string;
  summary: string;
  audience: string;
  learningQuestion: string;
  cadence: string;
  startDate: string;
}

const detailsPayload = ({ cadence, title, summary, audience, learningQuestion, startDate }: DetailValues) => ({
  title,
  summary,
  audience,
  learningQuestion,
  checkInCadenceDays: Number(cadence),
  startDate,
});

/** The fields of an initiative's details, shared by the form that adds one and the one that edits it. */
function DetailFields({
  idPrefix,
  values,
  onChange,
  errs,
}: {
  idPrefix: string;
  values: DetailValues;
  onChange(change: (values: DetailValues) => DetailValues): void;
  errs(field: string): string[] | undefined;
}) {
  const set = (field: keyof DetailValues) => (value: string) => onChange((v) => ({ ...v, [field]: value }));
  return (
    <>
      <TextField id={`${idPrefix}-title`} label="Title" value={values.title} onChange={set('title')} errors={errs('title')} />
      <TextArea id={`${idPrefix}-summary`} label="Summary" value={values.summary} onChange={set('summary')} errors={errs('summary')} />
      <TextField id={`${idPrefix}-audience`} label="Audience" value={values.audience} onChange={set('audience')} errors={errs('audience')} />
      <TextField
        id={`${idPrefix}-learningQuestion`}
        label="Learning question"
        value={values.learningQuestion}
        onChange={set('learningQuestion')}
        errors={errs('learningQuestion')}
      />
      <div className="row">
        <TextField
          id={`${idPrefix}-checkInCadenceDays`}
          label="Check-in every (days)"
          inputMode="numeric"
          value={values.cadence}
          onChange={set('cadence')}
          errors={errs('checkInCadenceDays')}
        />
        <TextField
          id={`${idPrefix}-startDate`}
          type="date"
          label="Start date"
          value={values.startDate}
          onChange={set('startDate')}
          errors={errs('startDate')}
        />
      </div>
    </>
  );
}
