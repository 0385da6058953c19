import { FormEvent, useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { CommunityType } from '../../api/types';
import { ErrorSummary, LoadFailed, Loading, Status } from '../../ui/feedback';
import { SelectField, TextField } from '../../ui/fields';
import { Page, Section } from '../../ui/page';
import { useLoad } from '../../ui/use-load';
import { COMMUNITY_NAMES, options } from '../../ui/words';
import { TableScroll } from '../../ui/table-scroll';
import { useAction } from '../../ui/use-action';

const TIME_ZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
  'America/Puerto_Rico',
];

export function LibrariesAdmin() {
  const list = useLoad(() => api.libraries(), []);
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
            <table>
              <thead>
                <tr>
                  <th scope="col">Library</th>
                  <th scope="col">Place</th>
                  <th scope="col">Community</th>
                  <th scope="col">Time zone</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((l) => (
                  <tr key={l.id}>
                    <th scope="row">{l.name}</th>
                    <td>
                      {l.city}, {l.state}
                    </td>
                    <td>{COMMUNITY_NAMES[l.communityType]}</td>
                    <td>{l.timezone}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Section>
      <Section title="Add a library" id="add-library">
        <AddLibrary onAdded={list.reload} />
      </Section>
    </Page>
  );
}

function AddLibrary({ onAdded }: { onAdded(): Promise<void> }) {
  const [name, setName] = useState('');
  const [city, setCity] = useState('');
  const [state, setState] = useState('');
  const [communityType, setCommunityType] = useState<CommunityType | ''>('');
  const [timezone, setTimezone] = useState('America/New_York');
  const { error, busy, run } = useAction();
  const [status, setStatus] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setStatus('');
    await run(async () => {
      const library = await api.createLibrary({ name, city, state, communityType: communityType as CommunityType, timezone });
      setStatus(`${library.name} added.`);
      setName('');
      setCity('');
      setState('');
      setCommunityType('');
      await onAdded();
    });
  };
  const errs = (field: string) => (error instanceof ApiError ? error.problemsFor(field) : undefined);

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="add-library-title">
      <ErrorSummary error={error} title="The library was not added" />
      <TextField id="library-name" label="Name" value={name} onChange={setName} errors={errs('name')} />
      <div className="row">
        <TextField id="library-city" label="City or town" value={city} onChange={setCity} errors={errs('city')} />
        <TextField id="library-state" label="State" hint="Such as MT." value={state} onChange={setState} errors={errs('state')} />
      </div>
      <div className="row">
        <SelectField
          id="library-communityType"
          label="Community"
          placeholder="Choose"
          options={options(COMMUNITY_NAMES)}
          value={communityType}
          onChange={(v) => setCommunityType(v as CommunityType)}
          errors={errs('communityType')}
        />
        <TextField
          id="library-timezone"
          label="Time zone"
          hint="Reminders go out in the morning of this zone."
          list="time-zones"
          value={timezone}
          onChange={setTimezone}
          errors={errs('timezone')}
        />
        <datalist id="time-zones">
          {TIME_ZONES.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </div>
      <button type="submit" className="button" disabled={busy}>
        Add library
      </button>
      <Status>{status}</Status>
    </form>
  );
}
