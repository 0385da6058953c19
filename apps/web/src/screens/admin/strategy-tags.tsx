import { FormEvent, useState } from 'react';
import { ApiError } from '../../api/client';
import { learning } from '../../api/learning';
import type { StrategyTagView } from '../../api/learning';
import { ErrorSummary, LoadFailed, Loading, Status } from '../../ui/feedback';
import { TextField } from '../../ui/fields';
import { Page, Section } from '../../ui/page';
import { TableScroll } from '../../ui/table-scroll';
import { useAction } from '../../ui/use-action';
import { useLoad } from '../../ui/use-load';

/** The curated list of strategies librarians tag their hypotheses with: add, rename, retire. */
export function StrategyTagsAdmin() {
  const list = useLoad(() => learning.strategyTags(true), []);
  const [status, setStatus] = useState('');
  return (
    <Page
      title="Strategy tags"
      lead={
        <p>
          Librarians tag each cycle’s hypothesis with these, so others can find what was tried. A retired tag leaves the list but stays on the cycles that carry
          it.
        </p>
      }
    >
      <Section title="The list" id="tags">
        {!list.data ? (
          list.error ? (
            <LoadFailed error={list.error} retry={list.reload} />
          ) : (
            <Loading />
          )
        ) : (
          <TableScroll label="Strategy tags">
            <table className="cards-on-phone">
              <thead>
                <tr>
                  <th scope="col">Tag</th>
                  <th scope="col">State</th>
                  <th scope="col">Change</th>
                </tr>
              </thead>
              <tbody>
                {list.data.map((tag) => (
                  <TagRow key={tag.id} tag={tag} onChanged={async (words) => (setStatus(words), list.reload())} />
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <Status>{status}</Status>
      </Section>
      <Section title="Add a tag" id="add-tag">
        <AddTag onAdded={async (words) => (setStatus(words), list.reload())} />
      </Section>
    </Page>
  );
}

function TagRow({ tag, onChanged }: { tag: StrategyTagView; onChanged(words: string): Promise<void> }) {
  const [name, setName] = useState(tag.name);
  const { error, busy, run } = useAction();
  const rename = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const renamed = await learning.changeStrategyTag(tag.id, { name });
      await onChanged(`Renamed to ${renamed.name}.`);
    });
  };
  const toggle = () =>
    void run(async () => {
      await learning.changeStrategyTag(tag.id, { retired: !tag.retired });
      await onChanged(tag.retired ? `${tag.name} is back in the list.` : `${tag.name} retired.`);
    });
  return (
    <tr>
      <th scope="row" data-label="Tag">
        {tag.name}
      </th>
      <td data-label="State">{tag.retired ? 'Retired' : 'In the list'}</td>
      <td data-label="Change">
        <form onSubmit={rename} noValidate className="inline-form" aria-label={`Rename ${tag.name}`}>
          <ErrorSummary error={error} title="The tag was not changed" />
          <TextField
            id={`tag-${tag.id}`}
            label={`New name for ${tag.name}`}
            value={name}
            onChange={setName}
            errors={error instanceof ApiError ? error.problemsFor('name') : undefined}
          />
          <button type="submit" className="button secondary" disabled={busy || name === tag.name}>
            {busy ? 'Renaming…' : 'Rename'}
          </button>{' '}
          <button type="button" className="button secondary" disabled={busy} onClick={toggle}>
            {tag.retired ? 'Bring back' : 'Retire'}
          </button>
        </form>
      </td>
    </tr>
  );
}

function AddTag({ onAdded }: { onAdded(words: string): Promise<void> }) {
  const [name, setName] = useState('');
  const { error, busy, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const tag = await learning.addStrategyTag(name);
      setName('');
      await onAdded(`${tag.name} added.`);
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="add-tag-title">
      <ErrorSummary error={error} title="The tag was not added" />
      <TextField
        id="tag-name"
        label="Name"
        hint="Such as Story circles."
        value={name}
        onChange={setName}
        errors={error instanceof ApiError ? error.problemsFor('name') : undefined}
      />
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Adding…' : 'Add tag'}
      </button>
    </form>
  );
}
