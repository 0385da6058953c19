import { simpleParser } from 'mailparser';
import type { ParsedMail } from 'mailparser';
import { DataSource, Not } from 'typeorm';
import { FixedClock } from '@r2c/core';
import { OutboxMessage } from '@r2c/notify/entities';
import { ReminderScan } from '@r2c/reminders';
import { ADMIN_ENV, Coalition, Person } from './support/fixtures';
import { waitFor } from './support/ports';
import { TestRedis } from './support/redis-server';
import { launchBrowser, PHONE } from './web/browser';
import { ReceivedMail, TestSmtp } from './support/smtp-server';
import { startTestApp, TestApp } from './support/test-app';

jest.setTimeout(120000);

const APP_URL = 'https://r2c.example.org';
const DOMAIN = 'r2c.example.org';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Screens of the web app an email may open (it signs a reader in first where needed), and the API-served token-link pages. */
const WEB_APP_ROUTES = [
  /^\/$/,
  /^\/cycles\/[\w-]+$/,
  /^\/cycles\/[\w-]+\/(summary|review)$/,
  /^\/initiatives\/[\w-]+$/,
  /^\/settings$/,
  /^\/notifications$/,
  /^\/(accept-invitation|reset-password|confirm-subscription|subscribe)$/,
];
const TOKEN_LINK_PAGES = [/^\/api\/v1\/(unsubscribe|digest-preferences)$/];
/** What a Markdown rendering leaves in text: backslash escapes, pipe tables, emphasis and heading marks. */
const MARKDOWN_LEFTOVERS = /\\[\\`*_{}[\]()#+!|<>~&.-]|^\s*\|.*\|\s*$|\*\*[^*]+\*\*|^#{1,6} /m;
/** Elements the summary's stylesheet styles: after inlining, each one carries its own style. */
const STYLED_IN_SUMMARY = ['body', 'h1', 'h2', 'table', 'th', 'td', 'blockquote'];

const decodeEntities = (text: string) =>
  text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&amp;/g, '&');

type Kind = 'summary' | 'digest' | 'review' | 'reminder' | 'invitation' | 'password-reset' | 'digest_signup';

describe('emails as mail clients get them: inline PNG charts, inlined CSS, plain text, links into the web app', () => {
  let redis: TestRedis;
  let smtp: TestSmtp;
  let t: TestApp;
  let c: Coalition;
  const clock = new FixedClock(new Date('2026-03-16T14:00:00Z'));
  let librarian: Person;
  let coach: Person;
  let initiativeId: string;
  let cycleId: string;
  const parsed = new Map<Kind, { mail: ReceivedMail; email: ParsedMail }>();

  const ds = () => t.app.get(DataSource);
  const as = (p: Person) => c.as(p.token);
  const minutes = (n: number) => clock.set(new Date(clock.now().getTime() + n * 60_000).toISOString());
  const keyOf = (mail: ReceivedMail) =>
    mail.raw
      .split(/\r?\n\r?\n/)[0]
      .replace(/\r?\n[ \t]+/g, '')
      .match(/^X-R2C-Key:[ \t]*(.*)$/im)?.[1]
      ?.trim() ?? '';
  const kindOf = (mail: ReceivedMail) =>
    ds()
      .getRepository(OutboxMessage)
      .findOneByOrFail({ idempotencyKey: keyOf(mail) })
      .then((m) => m.kind);
  const settled = () =>
    waitFor(
      async () =>
        (await ds()
          .getRepository(OutboxMessage)
          .count({ where: { status: Not('sent') } })) === 0,
      40000,
      'the outbox to send everything',
    );
  const move = async (to: string) => {
    minutes(1);
    await as(librarian).post(`/api/v1/cycles/${cycleId}/transitions`, { to }).expect(200);
  };

  beforeAll(async () => {
    redis = await new TestRedis().start();
    smtp = await new TestSmtp().start();
    t = await startTestApp({ env: { ...ADMIN_ENV, SMTP_URL: smtp.url, APP_URL, OUTBOX_POLL_MS: '100', MAIL_BACKOFF_MS: '50' }, redis, clock });
    c = new Coalition(t);
    await c.signInAdmin();
    ({ initiativeId, librarian, coach } = await c.pilot());

    // A cycle with measurements on several days, sent for review (the coach's review email) and approved (the summary email).
    const attendance = (
      await as(librarian).post(`/api/v1/initiatives/${initiativeId}/indicators`, { templateKey: 'attendance', baseline: 12, target: 18 }).expect(201)
    ).body.id;
    cycleId = (
      await as(librarian)
        .post(`/api/v1/initiatives/${initiativeId}/cycles`, { title: 'Bilingual welcome', plannedStart: '2026-03-02', plannedEnd: '2026-04-13' })
        .expect(201)
    ).body.id;
    await as(librarian)
      .put(`/api/v1/cycles/${cycleId}/hypothesis`, {
        statement: 'If volunteers greet newcomer families in Spanish and Dari at the door, then more of them will come back, because they will feel expected.',
        expectedOutcome: 'Attendance rises from 12 to 18 (families per session)',
        rationale: 'Families told us they were unsure they were welcome [at story time] | and said so *twice*.',
        indicatorIds: [attendance],
      })
      .expect(200);
    await move('adaptation');
    await as(librarian)
      .put(`/api/v1/cycles/${cycleId}/adaptation`, { description: 'Two volunteers greet families at the door.', implementedOn: '2026-03-09' })
      .expect(200);
    await move('evidence');
    for (const [value, observedOn] of [
      [13, '2026-03-10'],
      [15, '2026-03-12'],
      [17, '2026-03-14'],
    ] as const)
      await as(librarian)
        .post(`/api/v1/cycles/${cycleId}/evidence`, { kind: 'measurement', indicatorId: attendance, value, observedOn, method: 'sign_in' })
        .expect(201);
    await as(librarian)
      .post(`/api/v1/cycles/${cycleId}/evidence`, {
        kind: 'quote',
        text: 'My daughter asked when we can come back. She liked that someone said "hola" at the door.',
        observedOn: '2026-03-14',
        method: 'interview',
      })
      .expect(201);
    await move('reflection');
    await as(librarian)
      .put(`/api/v1/cycles/${cycleId}/reflection`, {
        outcome: 'supported',
        insights: 'Attendance rose from 13 to 17 over three sessions (score 1–5 of welcome stayed high).',
        decision: 'continue',
        nextSteps: 'Keep the greeters and add a third language.',
      })
      .expect(200);
    await move('review');
    minutes(5);
    await as(coach).post(`/api/v1/cycles/${cycleId}/reviews`, { verdict: 'approve', body: 'Great work with the school' }).expect(201);

    await c
      .as(c.adminToken)
      .post('/api/v1/invitations', { email: 'maria.lopez@library.test', name: 'Maria Lopez', role: 'librarian', initiativeId })
      .expect(201);
    await c.as('').post('/api/v1/auth/password-reset', { email: librarian.email }).expect(202);
    await c.as('').post('/api/v1/subscriptions', { email: 'neighbour@example.net', name: 'A Neighbour' }).expect(202);

    // A week later: the check-in due on 16 March is overdue, and the week of the approval is over.
    clock.set('2026-03-23T16:00:00Z');
    expect((await t.app.get(ReminderScan).run()).emailsAdded).toBeGreaterThan(0);
    await c.as(c.adminToken).post('/api/v1/digests/run', { periodStart: '2026-03-16', periodEnd: '2026-03-22' }).expect(202);

    const wanted: Kind[] = ['summary', 'digest', 'review', 'reminder', 'invitation', 'password-reset', 'digest_signup'];
    await waitFor(
      async () => {
        for (const mail of smtp.received) {
          const kind = (await kindOf(mail)) as Kind;
          if (!parsed.has(kind)) parsed.set(kind, { mail, email: await simpleParser(mail.raw, { keepCidLinks: true }) });
        }
        return wanted.every((kind) => parsed.has(kind));
      },
      60000,
      'one email of each kind',
    );
    await settled();
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
    await redis?.destroy();
  });

  const kinds: Kind[] = ['summary', 'digest', 'review', 'reminder', 'invitation', 'password-reset', 'digest_signup'];

  it.each(kinds)('%s: sent from, and identified by, the domain of APP_URL', (kind) => {
    const { email } = parsed.get(kind)!;
    expect(email.from!.value[0].address).toMatch(new RegExp(`@${DOMAIN.replace(/\./g, '\\.')}$`));
    expect(email.messageId).toMatch(new RegExp(`@${DOMAIN.replace(/\./g, '\\.')}>$`));
    expect(`${email.from!.text} ${email.messageId}`).not.toContain('localhost');
  });

  it.each(kinds)('%s: a plain-text part people can read, wrapped at 78 characters, with no Markdown in it', (kind) => {
    const { email } = parsed.get(kind)!;
    const text = email.text!;
    expect(text.trim().length).toBeGreaterThan(40);
    expect(text).not.toMatch(MARKDOWN_LEFTOVERS);
    const long = text.split('\n').filter((line) => line.length > 78 && !/^\s*<?https?:\/\/\S+$/.test(line));
    expect(long).toEqual([]);
  });

  it.each(kinds)('%s: every link opens a screen of the web app, or a token-link page', (kind) => {
    const { email } = parsed.get(kind)!;
    const hrefs = [...String(email.html || '').matchAll(/\shref="([^"]*)"/g)].map((m) => decodeEntities(m[1]));
    const inText = [...email.text!.matchAll(/https?:\/\/[^\s<>")]+/g)].map((m) => m[0].replace(/[.,;:]$/, ''));
    const links = [...hrefs, ...inText];
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      const url = new URL(link);
      expect(url.origin).toBe(APP_URL);
      const isPage = WEB_APP_ROUTES.some((route) => route.test(url.pathname)) || TOKEN_LINK_PAGES.some((route) => route.test(url.pathname));
      if (!isPage) throw new Error(`${kind}: ${link} is not a screen of the web app`);
      expect(url.pathname.startsWith('/api/') && !url.searchParams.get('token')).toBe(false);
    }
  });

  it.each(kinds)('%s: HTML, when there is any, has no SVG and no styling that lives only in a <style> block', (kind) => {
    const html = String(parsed.get(kind)!.email.html || '');
    expect(html).not.toMatch(/<svg/i);
    for (const [, css] of html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)) {
      const outsideMediaQueries = css.replace(/@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}/g, '');
      expect(outsideMediaQueries).not.toMatch(/\{/);
    }
    expect(html).not.toMatch(/<link[^>]+stylesheet/i);
  });

  it('the summary shows each run chart as an inline PNG by cid, with alt text that states the numbers', () => {
    const { email } = parsed.get('summary')!;
    const html = String(email.html);
    const images = [...html.matchAll(/<img\b[^>]*>/g)].map((m) => m[0]);
    const charts = images.filter((img) => img.includes('src="cid:'));
    expect(charts.length).toBeGreaterThanOrEqual(1);
    for (const img of charts) {
      const cid = img.match(/src="cid:([^"]+)"/)![1];
      const part = email.attachments.find((a) => a.cid === cid);
      if (!part) throw new Error(`no attachment for cid:${cid}`);
      expect(part.contentType).toBe('image/png');
      expect(part.content.length).toBeGreaterThan(1000);
      expect(part.content.subarray(0, 8)).toEqual(PNG_SIGNATURE);
      const alt = img.match(/alt="([^"]*)"/)![1];
      expect(alt).toContain('Attendance');
      expect(alt).toMatch(/\d+(\.\d+)? \(n=\d+\)/);
      expect(img).toMatch(/style="[^"]*max-width/);
    }
    // Every image part the email carries is one the HTML shows.
    for (const part of email.attachments) expect(charts.some((img) => img.includes(`cid:${part.cid}"`))).toBe(true);
  });

  it('the summary is styled inline, element by element, for a narrow (375 px) screen too', () => {
    const html = String(parsed.get('summary')!.email.html);
    for (const tag of STYLED_IN_SUMMARY) {
      const elements = [...html.matchAll(new RegExp(`<${tag}\\b[^>]*>`, 'g'))].map((m) => m[0]);
      expect(elements.length).toBeGreaterThan(0);
      for (const element of elements) expect(element).toMatch(/\sstyle="[^"]+"/);
    }
    for (const element of html.match(/<[a-z]+\b[^>]*class="[^"]*\b(meta|eyebrow|decision|text)\b[^"]*"[^>]*>/g) ?? []) expect(element).toMatch(/\sstyle="/);
    expect(html).toMatch(/<body[^>]*style="[^"]*max-width: ?760px/);
    expect(html).not.toMatch(/\swidth="(\d{4,}|[4-9]\d\d)"(?![^>]*max-width)/);
  });

  it('every HTML email fits a phone (375 px) in a real browser; the summary’s charts decode from the attached PNGs', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: PHONE });
      for (const kind of kinds) {
        const { email } = parsed.get(kind)!;
        if (!email.html) continue;
        let html = email.html;
        for (const part of email.attachments) html = html.split(`cid:${part.cid}`).join(`data:image/png;base64,${part.content.toString('base64')}`);
        await page.setContent(html, { waitUntil: 'load' });
        const shown = await page.evaluate<{ width: number; images: { natural: number; drawn: number }[] }>(
          '({ width: document.documentElement.scrollWidth, images: [...document.images].map((img) => ({ natural: img.naturalWidth, drawn: img.getBoundingClientRect().width })) })',
        );
        expect({ kind, width: Math.min(shown.width, PHONE.width) }).toEqual({ kind, width: shown.width });
        if (kind === 'summary') expect(shown.images.length).toBeGreaterThanOrEqual(1);
        for (const image of shown.images) {
          expect(image.natural).toBeGreaterThan(0);
          expect(image.drawn).toBeLessThanOrEqual(PHONE.width);
        }
      }
    } finally {
      await browser.close();
    }
  });

  it('the summary’s text reads as text: the approval, the tables as lines, the chart’s numbers and the web link', () => {
    const text = parsed.get('summary')!.email.text!;
    expect(text).toContain('approved this cycle on 2026-03-16');
    expect(text).toMatch(/- Attendance \([^)]*\): n: 3, Mean: 15/);
    expect(text).toMatch(/Chart: Attendance \(people\) by day\. .*14 March 17 \(n=1\)/s);
    expect(text.replace(/\s+/g, ' ')).toContain('unsure they were welcome [at story time] | and said so *twice*');
    expect(text).toContain(`${APP_URL}/cycles/${cycleId}/summary`);
    expect(text).not.toContain('/api/v1/cycles/');
  });

  it('the review email leads the coach to the review screen', () => {
    const { email } = parsed.get('review')!;
    expect(email.text).toContain(`${APP_URL}/cycles/${cycleId}/review`);
  });
});
