import { randomUUID } from 'node:crypto';
import Handlebars from 'handlebars';
import { fillSlots } from '@r2c/notify';
import type { MailFill, SharedMailBody } from '@r2c/notify';
import type { DigestAudience, DigestContent, IndicatorTrend } from './digest-content';
import { periodLabel } from './digest-period';

const OUTCOMES: Record<string, string> = {
  supported: 'hypothesis supported',
  partly_supported: 'hypothesis partly supported',
  not_supported: 'hypothesis not supported',
  inconclusive: 'inconclusive',
};
const DECISIONS: Record<string, string> = { adapt: 'Adapt', continue: 'Continue', scale: 'Scale', stop: 'Stop' };
const TRENDS: Record<IndicatorTrend['trend'], string> = {
  better: 'moved the right way',
  worse: 'moved the wrong way',
  unchanged: 'unchanged',
  new: 'first cycle measured',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/**
 * Everything the templates show, already worded: the templates only place it. Overdue check-ins are
 * named only in the coaches' copy: a coalition that builds trust does not shame a library before its peers.
 */
export function digestView(content: DigestContent, unsubscribeUrl?: string, preferencesUrl?: string, audience: DigestAudience = 'coalition') {
  const period = periodLabel({ start: content.periodStart, end: content.periodEnd });
  const evidenceTotal = content.evidence.reduce((sum, e) => sum + e.entries, 0);
  const namesOverdue = audience === 'coaches';
  const headline = [
    `${plural(content.closedCycles.length, 'cycle')} closed`,
    `${plural(evidenceTotal, 'evidence entry', 'evidence entries')} logged`,
    ...(content.checkInsHeld ? [`${plural(content.checkInsHeld, 'check-in')} held`] : []),
    ...(namesOverdue ? [`${plural(content.overdueCheckIns.length, 'check-in')} overdue`] : []),
  ];
  return {
    period,
    subject: `R2C coalition digest, ${period}: ${plural(content.closedCycles.length, 'cycle')} closed`,
    headline: headline.join(', '),
    namesOverdue,
    closedCycles: content.closedCycles.map((c) => ({
      ...c,
      heading: `${c.initiativeTitle} (${c.libraryName}), cycle ${c.cycleNumber}: ${c.cycleTitle}`,
      outcomeLabel: c.outcome ? OUTCOMES[c.outcome] : 'no outcome recorded',
      decisionLabel: c.decision ? DECISIONS[c.decision] : 'none recorded',
    })),
    evidence: content.evidence.map((e) => ({
      ...e,
      heading: `${e.initiativeTitle} (${e.libraryName})`,
      summary: `${plural(e.entries, 'entry', 'entries')}: ${[
        plural(e.measurements, 'measurement'),
        plural(e.observations, 'observation'),
        plural(e.quotes, 'quote'),
        plural(e.stories, 'story', 'stories'),
      ]
        .filter((part) => !part.startsWith('0 '))
        .join(', ')}`,
    })),
    overdueCheckIns: (namesOverdue ? content.overdueCheckIns : []).map((o) => ({
      ...o,
      heading: `${o.initiativeTitle} (${o.libraryName})`,
      summary: `due ${o.dueOn}, ${plural(o.daysOverdue, 'day')} overdue`,
    })),
    indicatorTrends: content.indicatorTrends.map((t) => ({
      ...t,
      heading: `${t.indicatorName} (${t.unit}), ${t.initiativeTitle}, cycle ${t.cycleNumber}`,
      summary:
        t.previousMean === null
          ? `mean ${t.mean} from ${plural(t.measurements, 'measurement')} (${TRENDS.new})`
          : `mean ${t.mean} against ${t.previousMean} in cycle ${t.cycleNumber - 1} (${signed(t.change ?? 0)}, ${TRENDS[t.trend]})`,
    })),
    learned: (content.learned ?? []).map((l) => ({
      heading: `${l.initiativeTitle} (${l.libraryName}), cycle ${l.cycleNumber}: ${l.cycleTitle}`,
      hypothesis: l.hypothesis,
      change: l.change,
      evidence: [
        l.outcome ? OUTCOMES[l.outcome] : 'no outcome recorded',
        ...l.measurements.map((m) => `${m.indicatorName}: mean ${m.mean} ${m.unit} (n = ${m.n})`),
      ].join('; '),
      keyInsight: l.keyInsight,
      decisionLabel: l.decision ? DECISIONS[l.decision] : 'none recorded',
      tags: l.tags.map((t) => t.name).join(', '),
    })),
    unsubscribeUrl,
    preferencesUrl,
  };
}

export type DigestWording = ReturnType<typeof digestView>;

const HTML = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{subject}}</title></head>
<body style="font-family: Georgia, serif; color: #222; max-width: 640px; margin: 0 auto; padding: 16px;">
<h1 style="font-size: 22px;">R2C coalition digest</h1>
<p style="color: #555;">{{period}}: {{headline}}.</p>

<h2 style="font-size: 18px;">Cycles closed</h2>
{{#if closedCycles.length}}
<ul>
{{#each closedCycles}}
  <li>
    <strong>{{heading}}</strong><br>
    Outcome: {{outcomeLabel}}. Decision for the next cycle: <strong>{{decisionLabel}}</strong>.
    {{#if keyInsight}}<br>Key insight: <em>{{keyInsight}}</em>{{/if}}
    {{#if nextSteps}}<br>Next steps: {{nextSteps}}{{/if}}
  </li>
{{/each}}
</ul>
{{else}}
<p>No cycle closed in this period.</p>
{{/if}}

<h2 style="font-size: 18px;">Evidence logged</h2>
{{#if evidence.length}}
<ul>
{{#each evidence}}
  <li><strong>{{heading}}</strong>: {{summary}}</li>
{{/each}}
</ul>
{{else}}
<p>No evidence was logged in this period.</p>
{{/if}}

<h2 style="font-size: 18px;">Indicator trends</h2>
{{#if indicatorTrends.length}}
<ul>
{{#each indicatorTrends}}
  <li><strong>{{heading}}</strong>: {{summary}}</li>
{{/each}}
</ul>
{{else}}
<p>No measurements in the cycles closed this period.</p>
{{/if}}

{{#if learned.length}}
<h2 style="font-size: 18px;">What the pilots learned</h2>
<ul>
{{#each learned}}
  <li>
    <strong>{{heading}}</strong><br>
    {{#if hypothesis}}We tried: {{hypothesis}}<br>{{/if}}
    {{#if change}}What changed: {{change}}<br>{{/if}}
    What the evidence said: {{evidence}}{{#if keyInsight}}. <em>{{keyInsight}}</em>{{/if}}<br>
    Decision: <strong>{{decisionLabel}}</strong>{{#if tags}} · Strategies: {{tags}}{{/if}}
  </li>
{{/each}}
</ul>
{{/if}}

{{#if namesOverdue}}
<h2 style="font-size: 18px;">Overdue check-ins (in the copy for coaches only)</h2>
{{#if overdueCheckIns.length}}
<ul>
{{#each overdueCheckIns}}
  <li><strong>{{heading}}</strong>: {{summary}}</li>
{{/each}}
</ul>
{{else}}
<p>Every active initiative is up to date with its check-ins.</p>
{{/if}}
{{/if}}

{{#if unsubscribeUrl}}
<hr>
<p style="font-size: 12px; color: #777;">You get this digest as a member of the coalition.
{{#if preferencesUrl}}<a href="{{preferencesUrl}}">Get it weekly, monthly or not at all</a>, or {{/if}}<a href="{{unsubscribeUrl}}">Unsubscribe from the digest</a> with one click.</p>
{{/if}}
</body>
</html>
`;

const TEXT = `R2C COALITION DIGEST
{{period}}: {{headline}}.

CYCLES CLOSED
{{#each closedCycles}}
- {{heading}}
  Outcome: {{outcomeLabel}}. Decision for the next cycle: {{decisionLabel}}.
{{#if keyInsight}}
  Key insight: {{keyInsight}}
{{/if}}
{{#if nextSteps}}
  Next steps: {{nextSteps}}
{{/if}}
{{else}}
No cycle closed in this period.
{{/each}}

EVIDENCE LOGGED
{{#each evidence}}
- {{heading}}: {{summary}}
{{else}}
No evidence was logged in this period.
{{/each}}

INDICATOR TRENDS
{{#each indicatorTrends}}
- {{heading}}: {{summary}}
{{else}}
No measurements in the cycles closed this period.
{{/each}}
{{#if learned.length}}

WHAT THE PILOTS LEARNED
{{#each learned}}
- {{heading}}
{{#if hypothesis}}
  We tried: {{hypothesis}}
{{/if}}
{{#if change}}
  What changed: {{change}}
{{/if}}
  What the evidence said: {{evidence}}
{{#if keyInsight}}
  Key insight: {{keyInsight}}
{{/if}}
  Decision: {{decisionLabel}}
{{#if tags}}
  Strategies: {{tags}}
{{/if}}
{{/each}}
{{/if}}
{{#if namesOverdue}}

OVERDUE CHECK-INS (IN THE COPY FOR COACHES ONLY)
{{#each overdueCheckIns}}
- {{heading}}: {{summary}}
{{else}}
Every active initiative is up to date with its check-ins.
{{/each}}
{{/if}}
{{#if unsubscribeUrl}}

-- 
You get this digest as a member of the coalition. Unsubscribe with one click:
{{unsubscribeUrl}}
{{#if preferencesUrl}}
Choose weekly, monthly or no digest:
{{preferencesUrl}}
{{/if}}
{{/if}}
`;

// A private instance: no helper or partial registered elsewhere can change what these templates do.
const handlebars = Handlebars.create();
const renderHtml = handlebars.compile<DigestWording>(HTML, { strict: true });
// Plain text is not HTML: escaping would turn a librarian's "&" into "&amp;".
const renderText = handlebars.compile<DigestWording>(TEXT, { noEscape: true, strict: true });

export interface RenderedDigest {
  subject: string;
  html: string;
  text: string;
}

export function renderDigest(content: DigestContent, unsubscribeUrl?: string, preferencesUrl?: string, audience: DigestAudience = 'coalition'): RenderedDigest {
  const view = digestView(content, unsubscribeUrl, preferencesUrl, audience);
  return { subject: view.subject, html: renderHtml(view), text: renderText(view) };
}

/** A digest's copy for one audience, rendered once with slots where each person's links go. */
export interface DigestWithSlots {
  subject: string;
  /** Text and HTML with slots, the same object for every reader of this copy. */
  body: SharedMailBody;
  /** One person's links for the slots: as they are in the text, and escaped as the template escapes them in the HTML. */
  fills(unsubscribeUrl: string, preferencesUrl?: string): MailFill[];
}

/**
 * Renders the digest once for all its recipients: their copies differ only in their links (unsubscribe,
 * and how often), which go into slots afterwards. Rendering the whole digest again per person took
 * seconds for a year's digest to a few hundred people.
 */
export function renderDigestWithSlots(content: DigestContent, audience: DigestAudience = 'coalition', withChoices = true): DigestWithSlots {
  const slot = `r2c-unsubscribe-${randomUUID()}`;
  const choicesSlot = `r2c-preferences-${randomUUID()}`;
  const copy = renderDigest(content, slot, withChoices ? choicesSlot : undefined, audience);
  const fill = (name: string, url: string): MailFill => ({ slot: name, text: url, html: Handlebars.escapeExpression(url) });
  return {
    subject: copy.subject,
    body: { text: copy.text, html: copy.html },
    fills: (unsubscribeUrl, preferencesUrl) => [fill(slot, unsubscribeUrl), ...(withChoices ? [fill(choicesSlot, preferencesUrl ?? '')] : [])],
  };
}

/** Each person's whole copy, as the mail worker puts it together from the shared body and their links. */
export function renderDigestForEach(
  content: DigestContent,
  audience: DigestAudience = 'coalition',
): (unsubscribeUrl: string, preferencesUrl?: string) => RenderedDigest {
  const rendered = new Map<boolean, DigestWithSlots>();
  const once = (withChoices: boolean) => {
    if (!rendered.has(withChoices)) rendered.set(withChoices, renderDigestWithSlots(content, audience, withChoices));
    return rendered.get(withChoices)!;
  };
  return (unsubscribeUrl, preferencesUrl) => {
    const copy = once(preferencesUrl !== undefined);
    const fills = copy.fills(unsubscribeUrl, preferencesUrl);
    return { subject: copy.subject, html: fillSlots(copy.body.html!, fills, 'html'), text: fillSlots(copy.body.text, fills, 'text') };
  };
}
