import Handlebars from 'handlebars';
import type { NewMail } from '@r2c/notify';
import { dueWords } from './reminder-rules';
import type { ShownDue } from './reminder-rules';

export interface ReminderContext {
  initiativeId: string;
  initiativeTitle: string;
  libraryName: string;
  /** The latest due date owed a reminder: the emails' keys name it, one reminder per due date. */
  dueOn: string;
  /** The due date as the review queue shows it. */
  shown: ShownDue;
  missed: number;
  appUrl: string;
}

export interface Recipient {
  userId: string;
  email: string;
  name: string;
}

const html = (source: string) => Handlebars.compile(source, { strict: true });
const text = (source: string) => Handlebars.compile(source, { strict: true, noEscape: true });

const REMINDER_TEXT = text(`Hello {{name}},

A check-in for "{{initiativeTitle}}" at {{libraryName}} {{due}}.

A check-in takes two minutes: what happened since the last one, any blockers, and what help you would like from your coach.

Post it here: {{appUrl}}/initiatives/{{initiativeId}}

— R2C Tracker, for the coalition's Research to Change pilots`);

const REMINDER_HTML = html(`<p>Hello {{name}},</p>
<p>A check-in for <strong>{{initiativeTitle}}</strong> at {{libraryName}} {{due}}.</p>
<p>A check-in takes two minutes: what happened since the last one, any blockers, and what help you would like from your coach.</p>
<p><a href="{{appUrl}}/initiatives/{{initiativeId}}">Post your check-in</a></p>
<p style="color:#555">R2C Tracker, for the coalition's Research to Change pilots</p>`);

const ESCALATION_TEXT = text(`Hello {{name}},

"{{initiativeTitle}}" at {{libraryName}} has had no check-in for {{missed}} check-in periods; the check-in {{due}}.

The librarians were reminded. A short note or call from you may help: {{appUrl}}/initiatives/{{initiativeId}}

— R2C Tracker`);

const ESCALATION_HTML = html(`<p>Hello {{name}},</p>
<p><strong>{{initiativeTitle}}</strong> at {{libraryName}} has had no check-in for {{missed}} check-in periods; the check-in {{due}}.</p>
<p>The librarians were reminded. A short note or call from you may help.</p>
<p><a href="{{appUrl}}/initiatives/{{initiativeId}}">Open the initiative</a></p>`);

/** One reminder per librarian per due date: the key makes a second scan, retry or crash harmless. */
export function reminderMail(ctx: ReminderContext, to: Recipient): NewMail {
  const data = { ...ctx, name: to.name, due: dueWords(ctx.shown) };
  return {
    kind: 'reminder',
    idempotencyKey: `reminder:${ctx.initiativeId}:${ctx.dueOn}:${to.userId}`,
    to: to.email,
    subject: `${ctx.shown.daysOverdue < 1 ? 'Check-in due today' : `Check-in ${ctx.shown.daysOverdue} ${ctx.shown.daysOverdue === 1 ? 'day' : 'days'} overdue`}: ${ctx.initiativeTitle}`,
    text: REMINDER_TEXT(data),
    html: REMINDER_HTML(data),
  };
}

export function escalationMail(ctx: ReminderContext, to: Recipient): NewMail {
  const data = { ...ctx, name: to.name, due: dueWords(ctx.shown) };
  return {
    kind: 'escalation',
    idempotencyKey: `escalation:${ctx.initiativeId}:${ctx.dueOn}:${to.userId}`,
    to: to.email,
    subject: `No check-in for ${ctx.missed} periods: ${ctx.initiativeTitle}`,
    text: ESCALATION_TEXT(data),
    html: ESCALATION_HTML(data),
  };
}
