import { FormEvent, useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { CommunityType, Library } from '../../api/types';
import { ErrorSummary, LoadFailed, Loading, Status } from '../../ui/feedback';
import { SelectField, TextField } from '../../ui/fields';
import { Page, Section } from '../../ui/page';
import { useLoad } from '../../ui/use-load';
import { COMMUNITY_NAMES, options } from '../../ui/words';
import { TableScroll } from '../../ui/table-scroll';
import { useAction } from '../../ui/use-action';
import { TimeZoneField } from '../../ui/time-zone-field';

export function LibrariesAdmin() {
  const list = useLoad(() => api.libraries(), []);
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState('');
  return (
    <Page title="Libraries">
      <Section title="The coalition’s libraries" id="libraries">
        {!list.data ? (
          list.error ? (
            <LoadFailed error={list.error} retry={list.reload} />
          ) : (
            <Loading />
          )
        ) : (
          <TableScroll label="Libraries">
            <table className="cards-on-phone">
              <thead>
                <tr>
                  <th scope="col">Library</th>
                  <th scope="col">Place</th>
                  <th scope="col">Community</th>
                  <th scope="col">Time zone</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((l) =>
                  editing === l.id ? (
                    <tr key={l.id}>
                      <td colSpan={5}>
                        <LibraryForm
                          library={l}
                          onSaved={async (words) => {
                            setEditing(null);
                            setSaved(words);
                            await list.reload();
                          }}
                          onCancel={() => setEditing(null)}
                        />
                      </td>
                    </tr>
                  ) : (
                    <tr key={l.id}>
                      <th scope="row" data-label="Library">
                        {l.name}
                      </th>
                      <td data-label="Place">
                        {l.city}, {l.state}
                      </td>
                      <td data-label="Community">{COMMUNITY_NAMES[l.communityType]}</td>
                      <td data-label="Time zone">{l.timezone}</td>
                      <td>
                        <button
                          type="button"
                          className="button link"
                          onClick={() => {
                            setSaved('');
                            setEditing(l.id);
                          }}
                        >
                          Edit<span className="visually-hidden"> {l.name}</span>
                        </button>
                      </td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </TableScroll>
        )}
        <Status>{saved}</Status>
      </Section>
      <Section title="Add a library" id="add-library">
        <LibraryForm
          onSaved={async (words) => {
            setSaved(words);
            await list.reload();
          }}
        />
      </Section>
    </Page>
  );
}

/** Adds a library, or edits one (`library`). */
function LibraryForm({ library, onSaved, onCancel }: { library?: Library; onSaved(words: string): Promise<void>; onCancel?(): void }) {
  const [name, setName] = useState(library?.name ?? '');
  const [city, setCity] = useState(library?.city ?? '');
  const [state, setState] = useState(library?.state ?? '');
  const [communityType, setCommunityType] = useState<CommunityType | ''>(library?.communityType ?? '');
  const [timezone, setTimezone] = useState(library?.timezone ?? 'America/New_York');
  const { error, busy, run } = useAction();
  const id = (field: string) => (library ? `library-${library.id}-${field}` : `library-${field}`);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      const body = { name, city, state, communityType: communityType as CommunityType, timezone };
      if (library) {
        const saved = await api.updateLibrary(library.id, body);
        await onSaved(`${saved.name} saved.`);
        return;
      }
      const added = await api.createLibrary(body);
      setName('');
      setCity('');
      setState('');
      setCommunityType('');
      await onSaved(`${added.name} added.`);
    });
  };
  const errs = (field: string) => (error instanceof ApiError ? error.problemsFor(field) : undefined);

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={library ? `Edit ${library.name}` : 'Add a library'}>
      <ErrorSummary error={error} title={library ? 'The library was not saved' : 'The library was not added'} />
      <TextField id={id('name')} label="Name" value={name} onChange={setName} errors={errs('name')} />
      <div className="row">
        <TextField id={id('city')} label="City or town" value={city} onChange={setCity} errors={errs('city')} />
        <TextField id={id('state')} label="State" hint="Such as MT." value={state} onChange={setState} errors={errs('state')} />
      </div>
      <div className="row">
        <SelectField
          id={id('communityType')}
          label="Community"
          placeholder="Choose"
          options={options(COMMUNITY_NAMES)}
          value={communityType}
          onChange={(v) => setCommunityType(v as CommunityType)}
          errors={errs('communityType')}
        />
        <TimeZoneField id={id('timezone')} value={timezone} onChange={setTimezone} errors={errs('timezone')} />
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : library ? 'Save changes' : 'Add library'}
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
