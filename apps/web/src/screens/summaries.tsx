import { api } from '../api/client';
import { reviewLoop } from '../api/review-loop';
import type { SummaryReview } from '../api/review-loop';
import { Link } from '../router';
import { useMe } from '../session';
import { LoadFailed, Loading } from '../ui/feedback';
import { Page, Section } from '../ui/page';
import { useLoad } from '../ui/use-load';
import {
  cycleName,
  DECISION_NAMES,
  EVIDENCE_KIND_NAMES,
  formatDate,
  formatInstant,
  formatNumber,
  OUTCOME_NAMES,
  PHASE_NAMES,
  plural,
  VERDICT_NAMES,
} from '../ui/words';
import { TableScroll } from '../ui/table-scroll';
import { Distributions, PredictionTable, RunCharts, SummaryAdaptationLog } from './summary-parts';
import { OutcomesTable } from './survey/survey-results';

/** Every compiled summary the caller may read, newest first, whether or not a digest announced it. */
export function SummaryList() {
  const list = useLoad(() => reviewLoop.summaries(), []);
  return (
    <Page title="Published summaries" lead={<p>Summaries of the pilots’ cycles, each as soon as a coach approves the cycle and it is compiled.</p>}>
      {!list.data ? (
        list.error ? (
          <LoadFailed error={list.error} retry={list.reload} />
        ) : (
          <Loading />
        )
      ) : list.data.items.length === 0 ? (
        <p className="hint">No summary has been published yet.</p>
      ) : (
        <ul className="cards">
          {list.data.items.map((c) => (
            <li key={c.cycleId} className="card">
              <h2>
                <Link to={`/summaries/${c.cycleId}`}>
                  {c.initiativeTitle}: {cycleName({ number: c.cycleNumber, title: c.cycleTitle })}
                </Link>
              </h2>
              <p className="meta">
                {c.libraryName} · {c.closedAt ? `closed ${formatInstant(c.closedAt)}` : `still open, compiled ${formatInstant(c.compiledAt)}`}
                {c.decision && ` · decision: ${DECISION_NAMES[c.decision].toLowerCase()}`}
              </p>
              {c.keyInsight && <p>{c.keyInsight}</p>}
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}

/** Every review of the cycle: the verdict in words, the coach's note, who, when and in which round. */
function CoachsReview({ reviews }: { reviews: SummaryReview[] }) {
  if (!reviews.length) return <p className="hint">No coach has reviewed this cycle yet.</p>;
  return (
    <ol className="reviews">
      {reviews.map((r, n) => (
        <li key={n} className={`review review-${r.verdict}`}>
          <p className="review-head">
            <strong>{VERDICT_NAMES[r.verdict]}</strong>
            {r.returnTo && <> — sent back to {PHASE_NAMES[r.returnTo].toLowerCase()}</>} · {r.coachName} · {formatInstant(r.createdAt)} · round {r.round}
          </p>
          <p className="review-body">{r.note}</p>
        </li>
      ))}
    </ol>
  );
}

/** A closed cycle's compiled summary: what was tried, the evidence per indicator with its run chart, the decision. */
export function SummaryPage({ cycleId }: { cycleId: string }) {
  const me = useMe();
  const summary = useLoad(() => api.summary(cycleId), [cycleId]);
  if (!summary.data) {
    return <Page title="Cycle summary">{summary.error ? <LoadFailed error={summary.error} retry={summary.reload} /> : <Loading />}</Page>;
  }
  const s = summary.data;
  return (
    <Page
      title={`${s.initiative.title}: ${cycleName(s.cycle)}`}
      lead={
        <p className="meta">
          {s.initiative.libraryName} · {formatDate(s.cycle.plannedStart)} – {formatDate(s.cycle.plannedEnd)} · summary version {s.version}, compiled{' '}
          {formatInstant(s.compiledAt)}
        </p>
      }
    >
      <Section title="What was tried" id="tried">
        <dl className="facts">
          {s.hypothesis?.statement && (
            <div>
              <dt>Hypothesis</dt>
              <dd>{s.hypothesis.statement}</dd>
            </div>
          )}
          {s.hypothesis?.expectedOutcome && (
            <div>
              <dt>Expected outcome</dt>
              <dd>{s.hypothesis.expectedOutcome}</dd>
            </div>
          )}
          {s.adaptation?.description && (
            <div>
              <dt>What changed</dt>
              <dd>
                {s.adaptation.description}
                {s.adaptation.implementedOn && ` (from ${formatDate(s.adaptation.implementedOn)})`}
              </dd>
            </div>
          )}
        </dl>
        {s.adaptationLog && (
          <>
            <h3>Adaptation log</h3>
            <SummaryAdaptationLog entries={s.adaptationLog} />
          </>
        )}
      </Section>
      {s.predictions && (
        <Section title="Prediction and outcome" id="predictions">
          <PredictionTable predictions={s.predictions} />
        </Section>
      )}
      <Section title="Evidence" id="evidence">
        <p>
          {plural(s.evidence.total, 'entry', 'entries')}: {plural(s.evidence.measurements, 'measurement')}, {plural(s.evidence.observations, 'observation')},{' '}
          {plural(s.evidence.quotes, 'quote')}, {plural(s.evidence.stories, 'story', 'stories')}.
        </p>
        {s.indicators.length > 0 && (
          <TableScroll label="Indicators in this cycle">
            <table className="cards-on-phone">
              <caption>Indicators in this cycle</caption>
              <thead>
                <tr>
                  <th scope="col">Indicator</th>
                  <th scope="col">Mean</th>
                  <th scope="col">n (measured)</th>
                  <th scope="col">Baseline</th>
                  <th scope="col">Target</th>
                  <th scope="col">Previous cycle</th>
                </tr>
              </thead>
              <tbody>
                {s.indicators.map((i) => (
                  <tr key={i.id}>
                    <th scope="row">
                      {i.name} <span className="meta">({i.unit})</span>
                    </th>
                    <td data-label="Mean">{formatNumber(i.mean)}</td>
                    <td data-label="n (measured)">{i.n}</td>
                    <td data-label="Baseline">{formatNumber(i.baseline)}</td>
                    <td data-label="Target">
                      {formatNumber(i.target)}
                      {i.targetMet !== null && <span className="meta"> ({i.targetMet ? 'met' : 'not met'})</span>}
                    </td>
                    <td data-label="Previous cycle">
                      {i.previous ? `${formatNumber(i.previous.mean)} (cycle ${i.previous.cycleNumber}, n=${i.previous.n})` : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <Distributions indicators={s.indicators} />
        {s.outcomes && s.outcomes.length > 0 && (
          <>
            <h3>Trust survey: before and after per outcome</h3>
            <OutcomesTable outcomes={s.outcomes} after="this cycle" />
          </>
        )}
        <RunCharts summary={s} />
        {s.quotes.length > 0 && (
          <>
            <h3>In their words</h3>
            <ul className="quotes">
              {s.quotes.map((q, n) => (
                <li key={n}>
                  <blockquote>{q.text}</blockquote>
                  <p className="meta">
                    {EVIDENCE_KIND_NAMES[q.kind]} · {formatDate(q.observedOn)}
                    {q.source && ` · ${q.source}`}
                  </p>
                </li>
              ))}
            </ul>
          </>
        )}
      </Section>
      <Section title="Reflection and decision" id="reflection">
        <dl className="facts">
          {s.reflection?.outcome && (
            <div>
              <dt>The hypothesis was</dt>
              <dd>{OUTCOME_NAMES[s.reflection.outcome]}</dd>
            </div>
          )}
          {s.reflection?.insights && (
            <div>
              <dt>Insights</dt>
              <dd>{s.reflection.insights}</dd>
            </div>
          )}
          {s.decision && (
            <div>
              <dt>Decision</dt>
              <dd>{DECISION_NAMES[s.decision]}</dd>
            </div>
          )}
          {s.reflection?.nextSteps && (
            <div>
              <dt>Next steps</dt>
              <dd>{s.reflection.nextSteps}</dd>
            </div>
          )}
        </dl>
      </Section>
      {s.reviews && (
        <Section title="Coach’s review" id="coach-review">
          <CoachsReview reviews={s.reviews} />
        </Section>
      )}
      {me.role !== 'subscriber' && (
        <p>
          <Link to={`/initiatives/${s.initiative.id}`}>The initiative’s page</Link>
        </p>
      )}
    </Page>
  );
}
