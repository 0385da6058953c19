/**
 * The Markdown and HTML forms of a cycle summary, as Handlebars templates over `SummaryContent`.
 * In Markdown every piece of user text goes through `md`, `mdBlock` or `mdQuote` (the Markdown
 * environment does not HTML-escape); in HTML, Handlebars escapes `{{…}}` and only the run charts,
 * built and escaped by `runChart`, are inserted raw.
 */

export const MARKDOWN_TEMPLATE = `# Cycle {{cycle.number}}: {{md cycle.title}}

**{{md initiative.title}}** · {{md initiative.libraryName}}\\
Planned {{cycle.plannedStart}} to {{cycle.plannedEnd}} · {{#if cycle.closedAt}}closed {{date cycle.closedAt}}{{else}}still open, in the {{cycle.phase}} phase{{/if}} · summary version {{version}}, compiled {{date compiledAt}}

## Hypothesis

{{#if hypothesis}}
{{mdBlock hypothesis.statement}}

- **Expected outcome:** {{md hypothesis.expectedOutcome}}
- **Rationale:** {{md hypothesis.rationale}}
{{#if hypothesis.learningQuestion}}
- **Learning question:** {{md hypothesis.learningQuestion}}
{{/if}}
- **Indicators:** {{#each hypothesis.indicatorNames}}{{#unless @first}}, {{/unless}}{{md this}}{{else}}none named{{/each}}
{{else}}
_No hypothesis was recorded._
{{/if}}

## Adaptation

{{#if adaptation}}
{{mdBlock adaptation.description}}

- **Put in place:** {{adaptation.implementedOn}}
{{#if (present adaptation.sessionsHeld)}}
- **Sessions held:** {{adaptation.sessionsHeld}}
{{/if}}
{{#if (present adaptation.participantsReached)}}
- **Participants reached:** {{adaptation.participantsReached}}
{{/if}}
{{#with adaptation.gathering}}
{{#if whyGather}}
- **Why gather:** {{md whyGather}}
{{/if}}
{{#if desiredOutcome}}
- **Desired outcome:** {{md desiredOutcome}}
{{/if}}
{{#if invitation}}
- **Invitation:** {{md invitation}}
{{/if}}
{{#if opening}}
- **Opening:** {{md opening}}
{{/if}}
{{#if closing}}
- **Closing:** {{md closing}}
{{/if}}
{{#if timeToReflect}}
- **Time to reflect:** {{md timeToReflect}}
{{/if}}
{{/with}}
{{else}}
_No adaptation was recorded._
{{/if}}

## Adaptation log

{{#each adaptationLog}}
- **{{label}} · {{madeOn}}:** {{md whatChanged}} — decided by {{md decidedBy}}; why: {{md reason}} ({{planning}}, {{permanence}}; keeps the programme's core: {{fidelityConsistent}})
{{else}}
_No adaptations were logged in this cycle._
{{/each}}

## Evidence

{{evidence.total}} {{plural evidence.total "entry" "entries"}}: {{evidence.measurements}} {{plural evidence.measurements "measurement" "measurements"}}, {{evidence.observations}} {{plural evidence.observations "observation" "observations"}}, {{evidence.quotes}} {{plural evidence.quotes "quote" "quotes"}}, {{evidence.stories}} {{plural evidence.stories "story" "stories"}}.

{{#if indicators.length}}
| Indicator | n | Mean | Min | Max | Baseline | Target | Previous cycle | Change from previous |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
{{#each indicators}}
| {{md name}} ({{md unit}}) | {{n}} | {{num mean}} | {{num min}} | {{num max}} | {{num baseline}}{{#if (present changeFromBaseline)}} ({{signed changeFromBaseline}}){{/if}} | {{num target}}{{#if (present targetMet)}} ({{#if targetMet}}met{{else}}not met{{/if}}){{/if}} | {{#if previous}}{{num previous.mean}} (cycle {{previous.cycleNumber}}, n={{previous.n}}){{else}}—{{/if}} | {{signed changeFromPrevious}} |
{{/each}}

{{#each indicators}}
- **{{md name}} by cycle:** {{#each series}}{{#unless @first}} · {{/unless}}cycle {{cycleNumber}}: {{num mean}} (n={{n}}){{else}}no measurements yet{{/each}}
{{/each}}
{{#each indicators}}
{{#if chart.points.length}}
- **{{md name}}, run chart of {{chart.points.length}} measured {{plural chart.points.length "day" "days"}}:** {{#if chart.signals.length}}{{#each chart.signals}}{{#unless @first}}; {{/unless}}{{md this.words}}{{/each}}{{else}}no run-chart signal{{/if}}{{#if (present chart.median)}} (read against the {{medianWords chart.basis}}, {{num chart.median}}){{/if}}.
{{/if}}
{{/each}}
{{#each indicators}}
{{#if distribution}}
- **{{md name}}, scores per point this cycle (n={{distribution.n}}):** {{#each distribution.counts}}{{#unless @first}} · {{/unless}}{{point}}: {{entries}}{{/each}}{{#if distribution.notWhole}} ({{distribution.notWhole}} more {{plural distribution.notWhole "entry is a mean" "entries are means"}} of several answers, not counted by point){{/if}}
{{/if}}
{{/each}}
{{else}}
_No indicators were named or measured in this cycle._
{{/if}}

### Predictions beside the evidence

{{#if predictions.length}}
| Indicator | Predicted | Observed mean | n | Prediction |
| --- | --- | ---: | ---: | --- |
{{#each predictions}}
| {{md indicatorName}} ({{md unit}}) | {{#if (present from)}}from {{num from}} {{/if}}to {{num to}}{{#if note}} ({{md note}}){{/if}} | {{num observed.mean}} | {{observed.n}} | {{verdict met}}{{#if (present differenceFromPrediction)}} ({{signed differenceFromPrediction}}){{/if}} |
{{/each}}
{{else}}
_No prediction was written for this cycle._
{{/if}}
{{#if outcomes.length}}

### Trust survey: before and after per outcome

| Outcome | Before | After | Change | Answers per point, after (1 to 5) |
| --- | --- | --- | ---: | --- |
{{#each outcomes}}
| {{md outcome}} | {{#if before}}{{num before.mean}} (cycle {{before.cycleNumber}}, n={{before.n}}){{else}}—{{/if}} | {{#if after}}{{num after.mean}} (cycle {{after.cycleNumber}}, n={{after.n}}){{else}}not measured in this cycle{{/if}} | {{signed change}} | {{#if after.distribution}}{{#each after.distribution}}{{#unless @first}} · {{/unless}}{{@key}}: {{this}}{{/each}}{{else}}—{{/if}} |
{{/each}}
{{/if}}

## Quotes and stories

{{#each quotes}}
{{mdQuote text}}
>
> — {{kind}}, {{observedOn}}{{#if source}}, {{md source}}{{/if}}

{{else}}
_None were recorded in this cycle._

{{/each}}
{{#if quotesNotShown}}
_…and {{quotesNotShown}} more in the cycle's evidence._

{{/if}}
## Reflection

{{#if reflection}}
- **Was the hypothesis supported?** {{words reflection.outcome}}

{{mdBlock reflection.insights}}

## Decision

**{{words decision}}.** {{md reflection.nextSteps}}
{{else}}
_No reflection was recorded yet._
{{/if}}

## Coach's review

{{#each reviews}}
- **{{reviewVerdict verdict}}**{{#if returnTo}}, back to {{returnTo}}{{/if}} · {{md coachName}} · {{date createdAt}} · round {{round}}: {{md note}}
{{else}}
_No coach has reviewed this cycle yet._
{{/each}}

---
Read this summary online: {{link}}
`;

export const HTML_TEMPLATE = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Cycle {{cycle.number}} summary: {{initiative.title}}</title>
<style>
body { font-family: Georgia, 'Times New Roman', serif; color: #222; max-width: 760px; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
h1, h2, th, .meta, .eyebrow { font-family: Helvetica, Arial, sans-serif; }
h1 { margin-bottom: .25rem; } h2 { border-bottom: 1px solid #ddd; padding-bottom: .25rem; margin-top: 2rem; }
.eyebrow, .meta { color: #555; font-size: .9rem; margin: .25rem 0; }
.text { white-space: pre-line; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid #e4e4e4; padding: .35rem .5rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
blockquote { border-left: 4px solid #1f5f8b; margin: 1rem 0; padding: .25rem 1rem; }
blockquote footer { color: #555; font-size: .85rem; }
.decision { background: #f3f7fa; border-left: 4px solid #2e7d32; padding: .75rem 1rem; }
table.distribution { width: auto; margin: 1rem 0; } table.distribution caption { text-align: left; font-family: Helvetica, Arial, sans-serif; font-size: .9rem; }
.met { color: #2e7d32; } .not-met { color: #b3261e; }
dt { font-weight: bold; margin-top: .5rem; } dd { margin-left: 1.5rem; }
figure { margin: 1.5rem 0; } svg { max-width: 100%; height: auto; }
</style>
</head>
<body>
<header>
<p class="eyebrow">{{initiative.libraryName}} · {{initiative.title}}</p>
<h1>Cycle {{cycle.number}}: {{cycle.title}}</h1>
<p class="meta">Planned {{cycle.plannedStart}} to {{cycle.plannedEnd}} · {{#if cycle.closedAt}}closed {{date cycle.closedAt}}{{else}}still open, in the {{cycle.phase}} phase{{/if}} · summary version {{version}}, compiled {{date compiledAt}}</p>
</header>

<section>
<h2>Hypothesis</h2>
{{#if hypothesis}}
<p class="text">{{hypothesis.statement}}</p>
<dl>
<dt>Expected outcome</dt><dd class="text">{{hypothesis.expectedOutcome}}</dd>
<dt>Rationale</dt><dd class="text">{{hypothesis.rationale}}</dd>
{{#if hypothesis.learningQuestion}}<dt>Learning question</dt><dd class="text">{{hypothesis.learningQuestion}}</dd>{{/if}}
<dt>Indicators</dt><dd>{{#each hypothesis.indicatorNames}}{{#unless @first}}, {{/unless}}{{this}}{{else}}none named{{/each}}</dd>
</dl>
{{else}}
<p><em>No hypothesis was recorded.</em></p>
{{/if}}
</section>

<section>
<h2>Adaptation</h2>
{{#if adaptation}}
<p class="text">{{adaptation.description}}</p>
<dl>
<dt>Put in place</dt><dd>{{adaptation.implementedOn}}</dd>
{{#if (present adaptation.sessionsHeld)}}<dt>Sessions held</dt><dd>{{adaptation.sessionsHeld}}</dd>{{/if}}
{{#if (present adaptation.participantsReached)}}<dt>Participants reached</dt><dd>{{adaptation.participantsReached}}</dd>{{/if}}
{{#with adaptation.gathering}}
{{#if whyGather}}<dt>Why gather</dt><dd class="text">{{whyGather}}</dd>{{/if}}
{{#if desiredOutcome}}<dt>Desired outcome</dt><dd class="text">{{desiredOutcome}}</dd>{{/if}}
{{#if invitation}}<dt>Invitation</dt><dd class="text">{{invitation}}</dd>{{/if}}
{{#if opening}}<dt>Opening</dt><dd class="text">{{opening}}</dd>{{/if}}
{{#if closing}}<dt>Closing</dt><dd class="text">{{closing}}</dd>{{/if}}
{{#if timeToReflect}}<dt>Time to reflect</dt><dd class="text">{{timeToReflect}}</dd>{{/if}}
{{/with}}
</dl>
{{else}}
<p><em>No adaptation was recorded.</em></p>
{{/if}}
</section>

<section>
<h2>Adaptation log</h2>
{{#if adaptationLog.length}}
<ul class="adaptations">
{{#each adaptationLog}}
<li><strong>{{label}} · {{madeOn}}:</strong> <span class="text">{{whatChanged}}</span> — decided by {{decidedBy}}; why: <span class="text">{{reason}}</span> ({{planning}}, {{permanence}}; keeps the programme's core: {{fidelityConsistent}})</li>
{{/each}}
</ul>
{{else}}
<p><em>No adaptations were logged in this cycle.</em></p>
{{/if}}
</section>

<section>
<h2>Evidence</h2>
<p>{{evidence.total}} {{plural evidence.total "entry" "entries"}}: {{evidence.measurements}} {{plural evidence.measurements "measurement" "measurements"}}, {{evidence.observations}} {{plural evidence.observations "observation" "observations"}}, {{evidence.quotes}} {{plural evidence.quotes "quote" "quotes"}}, {{evidence.stories}} {{plural evidence.stories "story" "stories"}}.</p>
{{#if indicators.length}}
<table>
<thead><tr><th>Indicator</th><th>n</th><th>Mean</th><th>Min</th><th>Max</th><th>Baseline</th><th>Target</th><th>Previous cycle</th><th>Change from previous</th></tr></thead>
<tbody>
{{#each indicators}}
<tr><td>{{name}} ({{unit}})</td><td>{{n}}</td><td>{{num mean}}</td><td>{{num min}}</td><td>{{num max}}</td><td>{{num baseline}}{{#if (present changeFromBaseline)}} ({{signed changeFromBaseline}}){{/if}}</td><td>{{num target}}{{#if (present targetMet)}} ({{#if targetMet}}met{{else}}not met{{/if}}){{/if}}</td><td>{{#if previous}}{{num previous.mean}} (cycle {{previous.cycleNumber}}, n={{previous.n}}){{else}}—{{/if}}</td><td>{{signed changeFromPrevious}}</td></tr>
{{/each}}
</tbody>
</table>
{{#each indicators}}
{{#if distribution}}
<table class="distribution">
<caption>{{name}}: scores per point this cycle (n={{distribution.n}})</caption>
<thead><tr><th scope="col">Score</th>{{#each distribution.counts}}<th scope="col">{{point}}</th>{{/each}}</tr></thead>
<tbody><tr><th scope="row">Answers</th>{{#each distribution.counts}}<td>{{entries}}</td>{{/each}}</tr></tbody>
</table>
{{#if distribution.notWhole}}<p class="meta">{{distribution.notWhole}} more {{plural distribution.notWhole "entry is a mean" "entries are means"}} of several answers, not counted by point.</p>{{/if}}
{{/if}}
{{#if svg}}<figure class="run-chart">{{svg}}{{#if chart.signals.length}}<figcaption><ul class="signals">{{#each chart.signals}}<li>{{this.words}}</li>{{/each}}</ul></figcaption>{{else}}{{#if chart.points.length}}<figcaption class="meta">No run-chart signal in {{chart.points.length}} measured {{plural chart.points.length "day" "days"}}.</figcaption>{{/if}}{{/if}}</figure>{{/if}}
{{/each}}
{{else}}
<p><em>No indicators were named or measured in this cycle.</em></p>
{{/if}}
<h3>Predictions beside the evidence</h3>
{{#if predictions.length}}
<table class="predictions">
<thead><tr><th>Indicator</th><th>Predicted</th><th>Observed mean</th><th>n</th><th>Prediction</th></tr></thead>
<tbody>
{{#each predictions}}
<tr><td>{{indicatorName}} ({{unit}})</td><td>{{#if (present from)}}from {{num from}} {{/if}}to {{num to}}{{#if note}} ({{note}}){{/if}}</td><td>{{num observed.mean}}</td><td>{{observed.n}}</td><td class="{{#if (eq met true)}}met{{else}}{{#if (eq met false)}}not-met{{/if}}{{/if}}">{{verdict met}}{{#if (present differenceFromPrediction)}} ({{signed differenceFromPrediction}}){{/if}}</td></tr>
{{/each}}
</tbody>
</table>
{{else}}
<p><em>No prediction was written for this cycle.</em></p>
{{/if}}
{{#if outcomes.length}}
<h3>Trust survey: before and after per outcome</h3>
<table class="outcomes">
<thead><tr><th scope="col">Outcome</th><th scope="col">Before</th><th scope="col">After</th><th scope="col">Change</th><th scope="col">Answers per point, after (1 to 5)</th></tr></thead>
<tbody>
{{#each outcomes}}
<tr><th scope="row">{{outcome}}</th><td>{{#if before}}{{num before.mean}} (cycle {{before.cycleNumber}}, n={{before.n}}){{else}}—{{/if}}</td><td>{{#if after}}{{num after.mean}} (cycle {{after.cycleNumber}}, n={{after.n}}){{else}}not measured in this cycle{{/if}}</td><td>{{signed change}}</td><td>{{#if after.distribution}}{{#each after.distribution}}{{#unless @first}} · {{/unless}}{{@key}}: {{this}}{{/each}}{{else}}—{{/if}}</td></tr>
{{/each}}
</tbody>
</table>
{{/if}}
</section>

<section>
<h2>Quotes and stories</h2>
{{#each quotes}}
<blockquote><p class="text">{{text}}</p><footer>{{kind}}, {{observedOn}}{{#if source}}, {{source}}{{/if}}</footer></blockquote>
{{else}}
<p><em>None were recorded in this cycle.</em></p>
{{/each}}
{{#if quotesNotShown}}<p><em>…and {{quotesNotShown}} more in the cycle's evidence.</em></p>{{/if}}
</section>

<section>
<h2>Reflection</h2>
{{#if reflection}}
<p><strong>Was the hypothesis supported?</strong> {{words reflection.outcome}}</p>
<p class="text">{{reflection.insights}}</p>
<h2>Decision</h2>
<div class="decision"><p><strong>{{words decision}}.</strong></p><p class="text">{{reflection.nextSteps}}</p></div>
{{else}}
<p><em>No reflection was recorded yet.</em></p>
{{/if}}
</section>

<section>
<h2>Coach's review</h2>
{{#if reviews.length}}
<ul class="reviews">
{{#each reviews}}
<li><p><strong>{{reviewVerdict verdict}}</strong>{{#if returnTo}}, back to {{returnTo}}{{/if}} <span class="meta">· {{coachName}} · {{date createdAt}} · round {{round}}</span></p><p class="text">{{note}}</p></li>
{{/each}}
</ul>
{{else}}
<p><em>No coach has reviewed this cycle yet.</em></p>
{{/if}}
</section>

<footer><p class="meta"><a href="{{link}}">Read this summary online</a></p></footer>
</body>
</html>
`;
