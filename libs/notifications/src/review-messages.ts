import Handlebars from 'handlebars';
import type { NotificationKind, Phase } from '@r2c/contracts';
import type { NewMail } from '@r2c/notify';
import type { MemberRole } from './review-routing';

/** What happened, as every message about it tells it. */
export interface ReviewEventFacts {
  kind: NotificationKind;
  eventId: string;
  cycleId: string;
  cycleNumber: number;
  cycleTitle: string;
  initiativeId: string;
  initiativeTitle: string;
  libraryName: string;
  actorName: string;
  note: string | null;
  /** The cycle's phase after the event: for changes requested, the phase it went back to. */
  phase: Phase;
}

export interface NotifiedPerson {
  userId: string;
  email: string;
  name: string;
  role: MemberRole;
}

/** One entry of a person's inbox, and of the day's list. */
export interface InboxEntry {
  kind: NotificationKind;
  cycleId: string;
  title: string;
  body: string;
}

const PHASE_WORDS: Record<Phase, string> = {
  hypothesis: 'hypothesis',
  adaptation: 'adaptation',
  evidence: 'evidence',
  reflection: 'reflection',
  review: 'review',
  closed: 'closed',
};

const quoted = (note: string | null) => (note && note.trim() ? ` Their note: “${note.trim()}”` : '');

/**
 * Where the link of each kind of event lands in the web app (it signs the person in first when needed),
 * as the inbox links it: a coach reads a comment on the review screen, where they can answer it.
 */
export function linkOf(kind: NotificationKind, cycleId: string, appUrl: string, reviewer = false): string {
  if (kind === 'review_requested' || (kind === 'comment' && reviewer)) return `${appUrl}/cycles/${cycleId}/review`;
  if (kind === 'approved') return `${appUrl}/cycles/${cycleId}/summary`;
  return `${appUrl}/cycles/${cycleId}`;
}

/** The inbox's title and body: what happened, who did it, and what to do next. */
export function inboxEntry(e: ReviewEventFacts): InboxEntry {
  const cycle = `cycle ${e.cycleNumber} (“${e.cycleTitle}”) of “${e.initiativeTitle}”`;
  const entry = (title: string, body: string): InboxEntry => ({ kind: e.kind, cycleId: e.cycleId, title, body });
  switch (e.kind) {
    case 'review_requested':
      return entry(
        `Ready for your review: ${cycle}`,
        `${e.actorName} sent ${cycle} at ${e.libraryName} for review. Next: read it on the review screen, then approve it, request changes or comment.`,
      );
    case 'changes_requested':
      return entry(
        `Changes requested: ${cycle}`,
        `${e.actorName} asked for changes and sent the cycle back to the ${PHASE_WORDS[e.phase]} phase.${quoted(e.note)} Next: make the changes, then send the cycle for review again.`,
      );
    case 'approved':
      return entry(
        `Approved: ${cycle}`,
        `${e.actorName} approved the cycle, and it is closed.${quoted(e.note)} Next: read the cycle's summary; it is emailed to you as soon as it is compiled.`,
      );
    case 'comment':
      return entry(
        `New comment: ${cycle}`,
        `${e.actorName} commented on the cycle.${quoted(e.note)} Next: open the cycle to read it; the cycle stays in the ${PHASE_WORDS[e.phase]} phase.`,
      );
  }
}

const ROLE_WORDS: Record<MemberRole, string> = { librarian: 'a librarian', coach: 'the coach' };

const text = (source: string) => Handlebars.compile(source, { strict: true, noEscape: true });
const html = (source: string) => Handlebars.compile(source, { strict: true });

const WHY_TEXT = `You receive this because you are {{role}} of "{{initiativeTitle}}" at {{libraryName}}. Choose whether review emails come at once, once a day, or not at all: {{appUrl}}/settings`;
const WHY_HTML = `<p style="color:#555;font-size:13px">You receive this because you are {{role}} of <strong>{{initiativeTitle}}</strong> at {{libraryName}}. <a href="{{appUrl}}/settings">Choose whether review emails come at once, once a day, or not at all.</a></p>`;

const EVENT_TEXT = text(`Hello {{name}},

{{title}}

{{body}}

Open it: {{link}}

${WHY_TEXT}

— R2C Tracker`);

const EVENT_HTML = html(`<p>Hello {{name}},</p>
<p><strong>{{title}}</strong></p>
<p>{{body}}</p>
<p><a href="{{link}}" style="display:inline-block;background:#1f5f8b;color:#ffffff;padding:8px 14px;border-radius:4px;text-decoration:none">Open it in R2C Tracker</a></p>
${WHY_HTML}`);

/** The email of one event to one person, once per event and person whatever retries or crashes happen. */
export function reviewEmail(e: ReviewEventFacts, to: NotifiedPerson, appUrl: string): NewMail {
  const entry = inboxEntry(e);
  const data = {
    ...entry,
    name: to.name,
    link: linkOf(e.kind, e.cycleId, appUrl, to.role === 'coach'),
    role: ROLE_WORDS[to.role],
    initiativeTitle: e.initiativeTitle,
    libraryName: e.libraryName,
    appUrl,
  };
  return {
    kind: 'review',
    idempotencyKey: `review:${e.eventId}:${to.userId}`,
    to: to.email,
    subject: entry.title,
    text: EVENT_TEXT(data),
    html: EVENT_HTML(data),
  };
}

const DAILY_TEXT = text(`Hello {{name}},

{{count}} since your last list, newest last:
{{#each entries}}

{{title}}
{{body}}
Open it: {{link}}
{{/each}}

You receive this list once a day because you chose daily review emails. Change that in your settings: {{appUrl}}/settings

— R2C Tracker`);

const DAILY_HTML = html(`<p>Hello {{name}},</p>
<p>{{count}} since your last list, newest last:</p>
<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%">
{{#each entries}}
<tr><td style="padding:10px 0;border-bottom:1px solid #e4e4e4"><p style="margin:0 0 4px"><strong>{{title}}</strong></p><p style="margin:0 0 4px">{{body}}</p><p style="margin:0"><a href="{{link}}">Open it</a></p></td></tr>
{{/each}}
</table>
<p style="color:#555;font-size:13px">You receive this list once a day because you chose daily review emails. <a href="{{appUrl}}/settings">Change that in your settings.</a></p>`);

/** Who a daily list goes to; `reviewer` for coaches and programme staff, whose links open the review screen. */
export interface DailyListReader {
  userId: string;
  email: string;
  name: string;
  reviewer: boolean;
}

/** The day's one email listing every review event since the last list; once per person per day. */
export function dailyEmail(to: DailyListReader, entries: InboxEntry[], day: string, appUrl: string): NewMail {
  const count = entries.length === 1 ? '1 review update' : `${entries.length} review updates`;
  const data = { name: to.name, count, appUrl, entries: entries.map((e) => ({ ...e, link: linkOf(e.kind, e.cycleId, appUrl, to.reviewer) })) };
  return {
    kind: 'review-daily',
    idempotencyKey: `review-daily:${to.userId}:${day}`,
    to: to.email,
    subject: `R2C Tracker: ${count} (${day})`,
    text: DAILY_TEXT(data),
    html: DAILY_HTML(data),
  };
}
