import { FormEvent, useState } from 'react';
import { api } from '../api/client';
import { learning } from '../api/learning';
import type { EvidenceBaseItem, EvidenceSearch } from '../api/learning';
import { Link } from '../router';
import { LoadFailed, Loading } from '../ui/feedback';
import { SelectField } from '../ui/fields';
import { Page } from '../ui/page';
import { useLoad } from '../ui/use-load';
import { DECISION_NAMES, formatInstant, formatNumber, OUTCOME_NAMES, options, plural } from '../ui/words';

const PAGE_SIZE = 20;

function ResultCard({ item }: { item: EvidenceBaseItem }) {
  return (
    <li className="card evidence-card">
      <h2>
        <Link to={item.summaryPath}>
          Cycle {item.cycleNumber}: {item.cycleTitle}
        </Link>
      </h2>
      <p className="meta">
        {item.initiativeTitle} · {item.libraryName} · closed {formatInstant(item.closedAt)}
      </p>
      <dl className="evidence-story">
        <dt>We tried</dt>
        <dd>{item.hypothesis ?? 'No hypothesis recorded.'}</dd>
        <dt>What changed</dt>
        <dd>{item.change ?? 'No change recorded.'}</dd>
        <dt>What the evidence said</dt>
        <dd>
          {item.outcome ? OUTCOME_NAMES[item.outcome] : 'No outcome recorded'}.
          {item.measurements.length > 0 && (
            <ul>
              {item.measurements.map((m) => (
                <li key={m.indicatorName}>
                  {m.indicatorName}: mean {formatNumber(m.mean)} {m.unit} (n = {m.n})
                </li>
              ))}
            </ul>
          )}
          {item.keyInsight && <p className="evidence-insight">{item.keyInsight}</p>}
        </dd>
        <dt>Decision</dt>
        <dd>{item.decision ? DECISION_NAMES[item.decision] : 'None recorded'}</dd>
      </dl>
      {item.tags.length > 0 && (
        <ul className="tag-list" aria-label="Strategies">
          {item.tags.map((t) => (
            <li key={t.id} className="tag">
              {t.name}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** The coalition evidence base: what the pilots learned in their closed cycles, searchable by every role. */
export function EvidenceBaseScreen() {
  const [draft, setDraft] = useState<EvidenceSearch>({});
  const [search, setSearch] = useState<EvidenceSearch>({});
  const [offset, setOffset] = useState(0);
  const results = useLoad(() => learning.evidenceBase({ ...search, limit: PAGE_SIZE, offset }), [JSON.stringify(search), offset]);
  const choices = useLoad(async () => {
    const [tags, templates] = await Promise.all([learning.strategyTags(), api.templates()]);
    return { tags, templates: templates.items };
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setOffset(0);
    setSearch({ ...draft });
  };
  const set = (field: keyof EvidenceSearch) => (value: string) => setDraft((d) => ({ ...d, [field]: value || undefined }));

  return (
    <Page
      title="Evidence base"
      lead={
        <p>
          What the pilots learned: each closed cycle as the hypothesis, what changed, what the evidence said and the decision. Search by words, or narrow by
          decision, outcome, indicator or strategy.
        </p>
      }
    >
      <form role="search" aria-label="Evidence base" className="evidence-search" onSubmit={submit}>
        <div className="field">
          <label className="label" htmlFor="evidence-q">
            Words
          </label>
          <input id="evidence-q" name="q" type="search" value={draft.q ?? ''} onChange={(e) => set('q')(e.target.value)} />
        </div>
        <div className="evidence-filters">
          <SelectField
            id="evidence-decision"
            label="Decision"
            optional
            value={draft.decision ?? ''}
            placeholder="Any decision"
            options={options(DECISION_NAMES)}
            onChange={set('decision')}
          />
          <SelectField
            id="evidence-outcome"
            label="Outcome"
            optional
            value={draft.outcome ?? ''}
            placeholder="Any outcome"
            options={options(OUTCOME_NAMES)}
            onChange={set('outcome')}
          />
          <SelectField
            id="evidence-indicator"
            label="Indicator"
            optional
            value={draft.indicatorKey ?? ''}
            placeholder="Any indicator"
            options={(choices.data?.templates ?? []).map((t) => ({ value: t.key, label: t.name }))}
            onChange={set('indicatorKey')}
          />
          <SelectField
            id="evidence-tag"
            label="Strategy"
            optional
            value={draft.tag ?? ''}
            placeholder="Any strategy"
            options={(choices.data?.tags ?? []).map((t) => ({ value: t.id, label: t.name }))}
            onChange={set('tag')}
          />
        </div>
        <button type="submit" className="button">
          Search
        </button>
      </form>
      <div aria-live="polite">
        {!results.data ? (
          results.error ? (
            <LoadFailed error={results.error} retry={results.reload} />
          ) : (
            <Loading what="Searching" />
          )
        ) : (
          <>
            <p className="evidence-count">{results.data.total === 0 ? 'No closed cycle matches.' : `${plural(results.data.total, 'closed cycle')} found.`}</p>
            <ul className="cards">
              {results.data.items.map((item) => (
                <ResultCard key={item.cycleId} item={item} />
              ))}
            </ul>
            {results.data.total > PAGE_SIZE && (
              <nav aria-label="Pages of results" className="pager">
                <button type="button" className="button secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
                  Newer
                </button>{' '}
                <button
                  type="button"
                  className="button secondary"
                  disabled={offset + PAGE_SIZE >= results.data.total}
                  onClick={() => setOffset(offset + PAGE_SIZE)}
                >
                  Older
                </button>
              </nav>
            )}
          </>
        )}
      </div>
    </Page>
  );
}
