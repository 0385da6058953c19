import { api } from '../../api/client';
import { Survey, surveyApi } from '../../api/survey';
import { Link } from '../../router';
import { standingIn, useMe } from '../../session';
import { LoadFailed, Loading } from '../../ui/feedback';
import { Page, Section } from '../../ui/page';
import { useLoad } from '../../ui/use-load';
import { SurveyImport } from './survey-import';
import { SurveyItems } from './survey-items';
import { OutcomesTable, PastImports } from './survey-results';

async function loadSurvey(id: string) {
  const [initiative, survey, indicators, cycles, starters] = await Promise.all([
    api.initiative(id),
    surveyApi.survey(id),
    api.indicators(id),
    api.cycles(id),
    surveyApi.starterItems(),
  ]);
  return { initiative, survey, indicators: indicators.items, cycles: cycles.items, starters: starters.items };
}

/** What changes with each import: the past imports and the outcomes they measure. */
async function loadResults(id: string) {
  const [imports, outcomes] = await Promise.all([surveyApi.imports(id), surveyApi.outcomes(id)]);
  return { imports: imports.items, outcomes };
}

/**
 * An initiative's trust survey: its statements by outcome, the import of Forms responses (librarians
 * and programme staff), and each outcome before and after.
 */
export function SurveyPage({ id }: { id: string }) {
  const me = useMe();
  const canWrite = ['librarian', 'admin'].includes(standingIn(me, id) ?? '');
  const loaded = useLoad(() => loadSurvey(id), [id]);
  const results = useLoad(() => loadResults(id), [id]);

  if (!loaded.data) {
    return <Page title="Trust survey">{loaded.error ? <LoadFailed error={loaded.error} retry={loaded.reload} /> : <Loading />}</Page>;
  }
  const { initiative, survey, indicators, cycles, starters } = loaded.data;
  const surveyChanged = (next: Survey, indicatorsAdded = false) => {
    const current = { ...loaded.data!, survey: next };
    loaded.set(current);
    // Adopting the starter items may have added their indicators; a new statement can be tied to them.
    if (indicatorsAdded)
      void api.indicators(id).then(
        (page) => loaded.set({ ...current, indicators: page.items }),
        () => undefined,
      );
  };

  return (
    <Page
      title="Trust survey"
      lead={
        <>
          <p className="meta">
            {initiative.title} · <Link to={`/initiatives/${id}`}>Back to the initiative</Link>
          </p>
          <p>
            “{survey.title}”: short statements participants rate from 1 to 5, each measuring one of the outcomes the coalition works on.
            {canWrite ? '' : ' Librarians of this initiative change the statements and import the responses.'}
          </p>
        </>
      }
    >
      <Section title="Statements" id="survey-items">
        <SurveyItems initiativeId={id} survey={survey} starters={starters} indicators={indicators} canWrite={canWrite} onChange={surveyChanged} />
      </Section>

      {canWrite && (
        <Section title="Import responses" id="survey-import">
          {survey.items.length ? (
            <SurveyImport initiativeId={id} items={survey.items} cycles={cycles} onImported={() => void results.reload()} />
          ) : (
            <p className="hint">Add statements first: an import matches the file’s columns to them.</p>
          )}
        </Section>
      )}

      <Section title="Before and after, per outcome" id="survey-outcomes">
        {results.data ? (
          <OutcomesTable outcomes={results.data.outcomes.outcomes} />
        ) : results.error ? (
          <LoadFailed error={results.error} retry={results.reload} />
        ) : (
          <Loading />
        )}
      </Section>

      <Section title="Past imports" id="survey-imports">
        {results.data ? (
          <PastImports
            initiativeId={id}
            imports={results.data.imports}
            cycles={cycles}
            items={survey.items}
            canWrite={canWrite}
            onUndone={() => void results.reload()}
          />
        ) : results.error ? (
          <LoadFailed error={results.error} retry={results.reload} />
        ) : (
          <Loading />
        )}
      </Section>
    </Page>
  );
}
