import Handlebars from 'handlebars';
import type { ApprovalFacts } from './summary-facts';

/** What the summary email of an approved cycle opens with: the coach's verdict and note, and where the summary is in the app. */
export interface SummaryOpening extends ApprovalFacts {
  initiativeTitle: string;
  /** The summary page of the web app. */
  link: string;
}

const HTML = Handlebars.compile(
  `<div style="background:#f3f7fa;border-left:4px solid #2e7d32;padding:12px 16px;margin:0 0 16px;font-family:Helvetica,Arial,sans-serif">
<p style="margin:0 0 6px"><strong>{{coachName}} approved this cycle</strong> on {{day}}, and it is closed.</p>
{{#if note}}<p style="margin:0 0 6px">Their note: “{{note}}”</p>{{/if}}
<p style="margin:0 0 6px"><a href="{{link}}">Read the summary in R2C Tracker</a></p>
<p style="margin:0;color:#555;font-size:13px">You receive it as a member of {{initiativeTitle}}. The summary follows.</p>
</div>
`,
  { strict: false },
);

const data = (opening: SummaryOpening) => ({ ...opening, note: opening.note.trim(), day: opening.at.slice(0, 10) });

/** The summary's HTML with the approval first in its body; the rest of the page is left as it is. */
export function openedHtml(opening: SummaryOpening, html: string): string {
  const block = HTML(data(opening));
  const body = html.match(/<body[^>]*>\n?/);
  return body ? html.replace(body[0], `${body[0]}${block}`) : block + html;
}
