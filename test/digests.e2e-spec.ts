import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { DateTime } from 'luxon';
import { DataSource, In } from 'typeorm';
import { FixedClock } from '@r2c/core';
import { QueueName } from '@r2c/jobs';
import { OutboxBody, OutboxMessage } from '@r2c/notify/entities';
import { CompileDigest, DIGEST_SCHEDULER_ID, DigestPeriod, weekBefore } from '@r2c/reports';
import { Digest } from '@r2c/reports/entities';
import { ADMIN_ENV, Coalition, Person } from './support/fixtures';
import { waitFor } from './support/ports';
import { countQueries } from './support/query-counter';
import { TestRedis } from './support/redis-server';
import { ReceivedMail, TestSmtp } from './support/smtp-server';
import { startTestApp, TestApp } from './support/test-app';

// Real Redis, SMTP and database; one Redis restart at the end.
jest.setTimeout(90000);

const ZONE = 'America/Chicago';
const CRON = '30 7 * * 1';
const APP_URL = 'http://r2c.test';
const WEEK: DigestPeriod = { start: '2026-03-09', end: '2026-03-15' };
const NEXT_WEEK: DigestPeriod = { start: '2026-03-16', end: '2026-03-22' };
const asked = (period: DigestPeriod) => ({ periodStart: period.start, periodEnd: period.end });
const HOSTILE = '<script>alert("digest")</script> Saturday welcomes brought families back.';

type Pilot = { libraryId: string; initiativeId: string; librarian: Person; coach: Person };

/** The header block of a raw message, unfolded, by lower-case name. */
function headersOf(raw: string): Map<string, string> {
  const block = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of block.split(/\r?\n/)) {
    const at = line.indexOf(':');
    if (at > 0) headers.set(line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim());
  }
  return headers;
}

/** A header value with its RFC 2047 encoded words (=?UTF-8?Q?…?=) decoded. */
function decodedWords(value: string): string {
  const words = /=\?UTF-8\?([QB])\?([^?]*)\?=/gi;
  return value.replace(/\?=\s+=\?/g, '?==?').replace(words, (_, kind: string, text: string) =>
    kind.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, h) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

/** The decoded text of each part of a multipart message, by content type. */
function partsOf(raw: string): Map<string, string> {
  const boundary = headersOf(raw)
    .get('content-type')
    ?.match(/boundary="?([^";]+)"?/)?.[1];
  const parts = new Map<string, string>();
  if (!boundary) return parts;
  for (const chunk of raw.split(`--${boundary}`).slice(1, -1)) {
    const [head, ...rest] = chunk.replace(/^\r?\n/, '').split(/\r?\n\r?\n/);
    const headers = headersOf(`${head}\n\n`);
    const body = rest.join('\n\n');
    const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
    const decoded =
      encoding === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
        : encoding === 'quoted-printable'
          ? Buffer.from(
              body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))),
              'latin1',
            ).toString('utf8')
          : body;
    parts.set(headers.get('content-type')!.split(';')[0], decoded);
  }
  return parts;
}

describe('coalition digests', () => {
  let redis: TestRedis;
  let smtp: TestSmtp;
  let t: TestApp;
  let c: Coalition;
  let admin: ReturnType<Coalition['as']>;
  let pilots: { a: Pilot; b: Pilot; overdue: Pilot };
  let subscribers: Person[];
  let formerSubscriber: Person;
  let recipients: Person[];
  let weekDigestId: string;

  const clock = () => t.clock as FixedClock;
  const keyOf = (mail: ReceivedMail) => headersOf(mail.raw).get('x-r2c-key');
  const keyFor = (period: DigestPeriod, person: Person) => `digest:${period.start}_${period.end}:${person.id}`;
  const deliveries = (period: DigestPeriod, person: Person) => smtp.received.filter((m) => keyOf(m) === keyFor(period, person));
  const digestsOf = (period: DigestPeriod) => t.app.get(DataSource).getRepository(Digest).findBy({ periodStart: period.start, periodEnd: period.end });

  /** Waits until every digest email of the period has been delivered, so that no duplicate can still be on its way. */
  const allSent = (period: DigestPeriod, expected: number) =>
    waitFor(
      async () => {
        const rows = await t.app
          .get(DataSource)
          .getRepository(OutboxMessage)
          .createQueryBuilder('m')
          .where('m.idempotency_key LIKE :prefix', { prefix: `digest:${period.start}_${period.end}:%` })
          .getMany();
        return rows.length === expected && rows.every((r) => r.status === 'sent') && rows;
      },
      30000,
      `${expected} digest emails of ${period.start} sent`,
    );

  /** A cycle taken through every phase over HTTP and approved by the coach at `closeAt`. */
  async function closedCycle(p: Pilot, o: { title: string; indicatorId: string; values: number[]; insights: string; decision: string; at: string }) {
    const lib = c.as(p.librarian.token);
    clock().set(o.at);
    const id = (
      await lib.post(`/api/v1/initiatives/${p.initiativeId}/cycles`, { title: o.title, plannedStart: '2026-03-02', plannedEnd: '2026-04-13' }).expect(201)
    ).body.id;
    const move = (to: string) => lib.post(`/api/v1/cycles/${id}/transitions`, { to }).expect(200);
    await lib
      .put(`/api/v1/cycles/${id}/hypothesis`, {
        statement: 'If volunteers greet newcomer families in their own language, then more of them will come back, because they will feel expected.',
        expectedOutcome: 'Attendance rises',
        rationale: 'Families told us they were unsure they were welcome.',
        indicatorIds: [o.indicatorId],
      })
      .expect(200);
    await move('adaptation');
    await lib.put(`/api/v1/cycles/${id}/adaptation`, { description: 'Two volunteers greet families at the door.', implementedOn: '2026-03-03' }).expect(200);
    await move('evidence');
    for (const value of o.values) {
      await lib
        .post(`/api/v1/cycles/${id}/evidence`, { kind: 'measurement', indicatorId: o.indicatorId, value, observedOn: '2026-03-04', method: 'sign_in' })
        .expect(201);
    }
    await lib
      .post(`/api/v1/cycles/${id}/evidence`, { kind: 'quote', text: '"We did not know we could just come in."', observedOn: '2026-03-04', method: 'interview' })
      .expect(201);
    await move('reflection');
    await lib
      .put(`/api/v1/cycles/${id}/reflection`, {
        outcome: 'partly_supported',
        insights: o.insights,
        decision: o.decision,
        nextSteps: 'Add a Dari-speaking volunteer on Saturdays.',
      })
      .expect(200);
    await move('review');
    await c.as(p.coach.token).post(`/api/v1/cycles/${id}/reviews`, { verdict: 'approve', body: 'Approved.' }).expect(201);
    return id;
  }

  /** Something to report in an otherwise quiet week: a check-in held on `at`. */
  const checkInHeld = async (at: string) => {
    clock().set(at);
    await c.as(pilots.a.librarian.token).post(`/api/v1/initiatives/${pilots.a.initiativeId}/check-ins`, { note: 'Saturday greeters started.' }).expect(201);
    clock().set('2026-03-16T13:00:00Z');
  };

  const attendance = async (p: Pilot) =>
    (await c.as(p.librarian.token).post(`/api/v1/initiatives/${p.initiativeId}/indicators`, { templateKey: 'attendance', baseline: 8 }).expect(201)).body
      .id as string;

  beforeAll(async () => {
    redis = await new TestRedis().start();
    smtp = await new TestSmtp().start();
    t = await startTestApp({
      env: { ...ADMIN_ENV, SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100', MAIL_BACKOFF_MS: '50', APP_URL, DIGEST_CRON: CRON, DIGEST_TIMEZONE: ZONE },
      redis,
    });
    c = new Coalition(t);
    await c.signInAdmin();
    admin = c.as(c.adminToken);

    pilots = { a: await c.pilot(), b: await c.pilot(), overdue: await c.pilot({ startDate: '2026-02-01', checkInCadenceDays: 14 }) };
    subscribers = [await c.person('subscriber'), await c.person('subscriber')];
    formerSubscriber = await c.person('subscriber');
    await admin.patch(`/api/v1/users/${formerSubscriber.id}`, { active: false }).expect(200);
    recipients = [...subscribers, ...Object.values(pilots).flatMap((p) => [p.librarian, p.coach])];

    const a = await attendance(pilots.a);
    const b = await attendance(pilots.b);
    await closedCycle(pilots.a, {
      title: 'Bilingual welcome',
      indicatorId: a,
      values: [16],
      insights: `${HOSTILE} Trust rose a little.`,
      decision: 'adapt',
      at: '2026-03-10T15:00:00Z',
    });
    await closedCycle(pilots.b, {
      title: 'Story time',
      indicatorId: b,
      values: [10, 12],
      insights: 'Few came back.',
      decision: 'adapt',
      at: '2026-03-03T15:00:00Z',
    });
    await closedCycle(pilots.b, {
      title: 'Story time with snacks',
      indicatorId: b,
      values: [14],
      insights: 'Snacks helped. Parents stayed to talk.',
      decision: 'scale',
      at: '2026-03-11T15:00:00Z',
    });
    clock().set('2026-03-16T13:00:00Z');
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
    await redis?.destroy();
  });

  describe('running a digest', () => {
    it('lets only admins run one (403 for coaches, librarians and subscribers)', async () => {
      for (const person of [pilots.a.coach, pilots.a.librarian, subscribers[0]]) {
        const res = await c.as(person.token).post('/api/v1/digests/run', asked(WEEK)).expect(403);
        expect(res.body.message).toBe('Only admin accounts can run a coalition digest.');
      }
      await c.as('').post('/api/v1/digests/run', asked(WEEK)).expect(401);
    });

    it('refuses a period that ends before it starts, a malformed date and unknown fields with 400', async () => {
      const backwards = await admin.post('/api/v1/digests/run', { periodStart: '2026-03-15', periodEnd: '2026-03-09' }).expect(400);
      expect(backwards.body).toMatchObject({
        message: 'periodStart (2026-03-15) must be on or before periodEnd (2026-03-09)',
        details: [{ field: 'periodStart' }],
      });
      const malformed = await admin.post('/api/v1/digests/run', { periodStart: '9 March', periodEnd: '2026-02-30' }).expect(400);
      expect(malformed.body.details.map((d: { field: string }) => d.field)).toEqual(['periodStart', 'periodEnd']);
      await admin.post('/api/v1/digests/run', { ...asked(WEEK), recipients: 'everyone' }).expect(400);
    });

    it('answers 202 with the period, and compiles one digest however often and concurrently it is asked for', async () => {
      const first = await admin.post('/api/v1/digests/run', asked(WEEK)).expect(202);
      expect(first.body).toMatchObject({ periodStart: WEEK.start, periodEnd: WEEK.end, status: 'queued' });
      const again = await admin.post('/api/v1/digests/run', asked(WEEK)).expect(202);
      const together = await Promise.all([1, 2].map(() => admin.post('/api/v1/digests/run', asked(WEEK))));
      for (const res of [again, ...together]) {
        expect(res.status).toBe(202);
        expect(res.body).toMatchObject({ periodStart: WEEK.start, periodEnd: WEEK.end, status: expect.stringMatching(/^(queued|exists)$/) });
      }
      const [digest] = await waitFor(async () => (await digestsOf(WEEK)).length > 0 && digestsOf(WEEK), 15000, 'the digest');
      weekDigestId = digest.id;
      await allSent(WEEK, recipients.length);
      expect(await digestsOf(WEEK)).toHaveLength(1);
      const late = await admin.post('/api/v1/digests/run', asked(WEEK)).expect(202);
      expect(late.body).toEqual({
        series: 'weekly',
        periodStart: WEEK.start,
        periodEnd: WEEK.end,
        status: 'exists',
        digestId: weekDigestId,
        message: `The weekly digest for 9–15 March 2026 was already sent to ${recipients.length} people; running it again sends nothing new.`,
      });
    });

    it('sends exactly one email to every subscriber, coach and librarian, and none to admins or inactive accounts', async () => {
      for (const person of recipients) expect(deliveries(WEEK, person)).toHaveLength(1);
      const keys = smtp.received.map(keyOf).filter((k) => k?.startsWith(`digest:${WEEK.start}_${WEEK.end}:`));
      expect(keys).toHaveLength(recipients.length);
      expect(smtp.received.filter((m) => m.to.includes(formerSubscriber.email) || m.to.includes('admin@coalition.org'))).toEqual([]);
      expect((await t.app.get(DataSource).getRepository(Digest).findOneByOrFail({ id: weekDigestId })).recipients).toBe(recipients.length);
    });

    it("stores each copy once (the coalition's and the coaches'): every email names its copy and carries only its own links", async () => {
      const ds = t.app.get(DataSource);
      const rows = await ds
        .getRepository(OutboxMessage)
        .createQueryBuilder('m')
        .where('m.idempotency_key LIKE :prefix', { prefix: `digest:${WEEK.start}_${WEEK.end}:%` })
        .getMany();
      expect(rows).toHaveLength(recipients.length);
      const bodyIds = new Set(rows.map((r) => r.bodyId));
      expect(bodyIds.size).toBe(2);
      expect(await ds.getRepository(OutboxBody).countBy({ id: In([...bodyIds] as string[]) })).toBe(2);
      for (const row of rows) {
        expect({ text: row.textBody, html: row.htmlBody }).toEqual({ text: '', html: null });
        expect(row.fills!.map((f) => f.text)).toEqual([
          expect.stringContaining('/api/v1/unsubscribe?token='),
          expect.stringContaining('/api/v1/digest-preferences?token='),
        ]);
      }
    });

    it('records one skip and sends nothing when three runs of a quiet period race each other', async () => {
      const period = { start: '2026-02-02', end: '2026-02-08' };
      const runs = await Promise.all([1, 2, 3].map(() => t.app.get(CompileDigest).run(period, null)));
      expect(runs.filter((r) => r.compiled)).toHaveLength(0);
      expect(new Set(runs.map((r) => r.digest.id)).size).toBe(1);
      expect(await digestsOf(period)).toEqual([expect.objectContaining({ status: 'skipped', recipients: 0 })]);
      const audit = await admin.get(`/api/v1/audit?entityType=digest&entityId=${runs[0].digest.id}`).expect(200);
      expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual(['skip']);
    });

    it('uses the week before today in DIGEST_TIMEZONE when no period is given', async () => {
      clock().set('2026-03-02T13:00:00Z');
      const res = await admin.post('/api/v1/digests/run').expect(202);
      // Nothing closed, logged or held that week: the answer says it is skipped.
      expect(res.body).toMatchObject({ series: 'weekly', periodStart: '2026-02-23', periodEnd: '2026-03-01', status: 'skipped' });
      clock().set('2026-03-16T13:00:00Z');
    });

    it('records the compile in the audit log as a digest', async () => {
      const res = await admin.get(`/api/v1/audit?entityType=digest&entityId=${weekDigestId}`).expect(200);
      expect(res.body.items).toHaveLength(1);
      expect(res.body.items[0]).toMatchObject({
        action: 'compile',
        entityType: 'digest',
        after: { periodStart: WEEK.start, periodEnd: WEEK.end, recipients: recipients.length, cyclesClosed: 2 },
      });
    });

    it('compiles in a bounded number of queries, however much happened in the period', async () => {
      const ds = t.app.get(DataSource);
      const compile = t.app.get(CompileDigest);
      // The relay and mail worker keep polling the outbox meanwhile: count only the statements on the digest's own tables.
      const mine = (queries: string[]) => queries.filter((q) => /\b(cycles|evidence|initiatives|users|digests|audit_entries)\b/.test(q));
      const quiet = await countQueries(ds, () => compile.run({ start: '2026-03-03', end: '2026-03-05' }, null));
      const busy = await countQueries(ds, () => compile.run({ start: '2026-03-01', end: '2026-03-31' }, null, 'monthly'));
      expect(busy.result.digest.content.closedCycles).toHaveLength(3);
      expect(quiet.result.digest.content.closedCycles).toHaveLength(1);
      expect(mine(busy.queries)).toHaveLength(mine(quiet.queries).length);
      // Six sections (what the pilots learned takes three: cycles, measurements, tags), the recipients, the insert and the audit entry, among them;
      // the period's digest and the overlap are looked up before compiling, outside the write transaction, and again inside it.
      expect(mine(busy.queries).length).toBeLessThanOrEqual(16);
    });
  });

  describe('the email', () => {
    const mailOf = (person: Person) => deliveries(WEEK, person)[0];
    /** The text part as one line: it is sent wrapped at 78 characters. */
    const textOf = (person: Person) => partsOf(mailOf(person).raw).get('text/plain')!.replace(/\s+/g, ' ');

    it('has a plain-text and an HTML part and one-click unsubscribe headers', () => {
      const mail = mailOf(subscribers[0]);
      const headers = headersOf(mail.raw);
      expect(headers.get('content-type')).toMatch(/^multipart\/alternative/);
      expect([...partsOf(mail.raw).keys()].sort()).toEqual(['text/html', 'text/plain']);
      expect(headers.get('list-unsubscribe')).toMatch(new RegExp(`^<${APP_URL}/api/v1/unsubscribe\\?token=${subscribers[0].id}\\.\\d+\\.[\\w-]+>$`));
      expect(headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      expect(decodedWords(mail.subject)).toBe('R2C coalition digest, 9–15 March 2026: 2 cycles closed');
    });

    it('tells of the closed cycles with decision and key insight, evidence and trends, and names overdue check-ins to coaches only', () => {
      const text = textOf(subscribers[0]);
      expect(text).toContain('9–15 March 2026: 2 cycles closed, 4 evidence entries logged.');
      expect(text).toContain('cycle 1: Bilingual welcome');
      expect(text).toContain('Decision for the next cycle: Adapt.');
      expect(text).toContain(`Key insight: ${HOSTILE}`);
      expect(text).toContain('cycle 2: Story time with snacks');
      expect(text).toContain('Decision for the next cycle: Scale.');
      expect(text).toContain('Key insight: Snacks helped.');
      expect(text).toMatch(/Attendance \(people\), .+, cycle 2: mean 14 against 11 in cycle 1 \(\+3, moved the right way\)/);
      expect(text).toMatch(/Attendance \(people\), .+, cycle 1: mean 16 from 1 measurement \(first cycle measured\)/);
      expect(text).not.toMatch(/overdue/i);
      expect(text).toContain(`${APP_URL}/api/v1/unsubscribe?token=`);
      for (const coach of [pilots.a.coach, pilots.overdue.coach]) {
        const coachText = textOf(coach);
        expect(coachText).toContain('9–15 March 2026: 2 cycles closed, 4 evidence entries logged, 1 check-in overdue.');
        expect(coachText).toMatch(/: due 2026-02-15, 29 days overdue/);
      }
      for (const librarian of [pilots.a.librarian, pilots.overdue.librarian]) expect(textOf(librarian)).not.toMatch(/overdue/i);
    });

    it('escapes hostile text typed into a reflection in the HTML part', () => {
      const html = partsOf(mailOf(subscribers[0]).raw).get('text/html')!;
      expect(html).not.toContain('<script>');
      expect(html).toContain('&lt;script&gt;alert(&quot;digest&quot;)&lt;/script&gt; Saturday welcomes brought families back.');
      expect(html).toContain(`<a href="${APP_URL}/api/v1/unsubscribe?token&#x3D;${subscribers[0].id}.`);
    });
  });

  describe('reading digests', () => {
    it('lists digests, newest period first, to every signed-in user', async () => {
      for (const person of [subscribers[0], pilots.a.librarian, pilots.b.coach]) {
        const res = await c.as(person.token).get('/api/v1/digests?limit=2').expect(200);
        expect(res.body.total).toBeGreaterThanOrEqual(3);
        expect(res.body.items).toHaveLength(2);
        // No one chose monthly here: the month's digest went to no one, and the skipped weeks are not listed.
        expect(res.body.items[0]).toEqual({
          id: expect.any(String),
          series: 'monthly',
          periodStart: '2026-03-01',
          periodEnd: '2026-03-31',
          compiledAt: expect.any(String),
          recipients: 0,
        });
      }
      await c.as('').get('/api/v1/digests').expect(401);
      await admin.get('/api/v1/digests?limit=101').expect(400);
    });

    it('serves one digest as JSON by default, and as HTML or plain text', async () => {
      const json = await c.as(subscribers[0].token).get(`/api/v1/digests/${weekDigestId}`).expect(200);
      expect(json.body).toMatchObject({ id: weekDigestId, periodStart: WEEK.start, periodEnd: WEEK.end, recipients: recipients.length });
      const { content } = json.body;
      expect(content.closedCycles.map((x: { cycleTitle: string; decision: string }) => [x.cycleTitle, x.decision])).toEqual([
        ['Bilingual welcome', 'adapt'],
        ['Story time with snacks', 'scale'],
      ]);
      expect(content.closedCycles[0].keyInsight).toBe(HOSTILE);
      expect(
        content.evidence
          .map((e: { initiativeId: string; entries: number; measurements: number; quotes: number }) => [e.initiativeId, e.entries, e.measurements, e.quotes])
          .sort(),
      ).toEqual(
        [
          [pilots.a.initiativeId, 2, 1, 1],
          [pilots.b.initiativeId, 2, 1, 1],
        ].sort(),
      );
      expect(content.overdueCheckIns).toEqual([]);
      const forCoach = await c.as(pilots.a.coach.token).get(`/api/v1/digests/${weekDigestId}`).expect(200);
      expect(forCoach.body.content.overdueCheckIns).toEqual([
        expect.objectContaining({ initiativeId: pilots.overdue.initiativeId, dueOn: '2026-02-15', daysOverdue: 29 }),
      ]);
      expect(content.indicatorTrends).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ initiativeId: pilots.b.initiativeId, cycleNumber: 2, mean: 14, previousMean: 11, change: 3, trend: 'better' }),
          expect.objectContaining({ initiativeId: pilots.a.initiativeId, cycleNumber: 1, mean: 16, previousMean: null, trend: 'new' }),
        ]),
      );

      const html = await c.as(subscribers[0].token).get(`/api/v1/digests/${weekDigestId}?format=html`).expect(200);
      expect(html.headers['content-type']).toMatch(/^text\/html/);
      expect(html.text).toContain('&lt;script&gt;');
      expect(html.text).not.toContain('<script>');
      expect(html.text).not.toContain('unsubscribe?token');
      const text = await c.as(subscribers[0].token).get(`/api/v1/digests/${weekDigestId}?format=text`).expect(200);
      expect(text.headers['content-type']).toMatch(/^text\/plain/);
      expect(text.text).toContain(`Key insight: ${HOSTILE}`);
    });

    it('answers 404 for an unknown digest and 400 for an unknown format or a malformed id', async () => {
      await admin.get('/api/v1/digests/00000000-0000-4000-8000-000000000000').expect(404);
      await admin.get(`/api/v1/digests/${weekDigestId}?format=pdf`).expect(400);
      await admin.get('/api/v1/digests/latest').expect(400);
    });
  });

  describe('unsubscribing', () => {
    const linkOf = (person: Person) => {
      const header = headersOf(deliveries(WEEK, person)[0].raw).get('list-unsubscribe')!;
      return header.slice(1, -1).replace(APP_URL, '');
    };

    const unsubscribedTimes = async (person: Person) =>
      (await admin.get(`/api/v1/audit?entityType=user&entityId=${person.id}`).expect(200)).body.items.filter(
        (a: { action: string }) => a.action === 'unsubscribe:digest',
      ).length;
    const unescaped = (html: string) => html.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');

    it('refuses a tampered token with 400 and a page that says what to do, and changes nothing', async () => {
      const link = linkOf(subscribers[1]);
      const tampered = link.replace(subscribers[1].id, subscribers[0].id);
      const page = await t.http().get(tampered).set('accept', 'text/html').expect(400);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toMatch(/This unsubscribe link is not valid/);
      expect(page.text).toMatch(/latest digest email/);
      expect(page.text).toContain('<meta name="viewport"');
      const res = await t.http().get(tampered).set('accept', 'application/json').expect(400);
      expect(res.body.message).toMatch(/This unsubscribe link is not valid/);
      await t
        .http()
        .get(`${link.slice(0, -3)}xyz`)
        .expect(400);
      await t.http().get('/api/v1/unsubscribe').expect(400);
      await t.http().post(`${link}x`).type('form').send('List-Unsubscribe=One-Click').expect(400);
      expect(await unsubscribedTimes(subscribers[0])).toBe(0);
    });

    it('changes nothing on a GET or HEAD of the link (mail scanners follow links): a page with one button that POSTs', async () => {
      const link = linkOf(subscribers[0]);
      await t.http().head(link).expect(200);
      const res = await t.http().get(link).set('accept', 'text/html').expect(200);
      expect(await unsubscribedTimes(subscribers[0])).toBe(0);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
      expect(res.text).not.toContain(subscribers[0].email);
      const forms = [...res.text.matchAll(/<form method="post" action="([^"]*)"/g)];
      expect(forms).toHaveLength(1);
      expect(unescaped(forms[0][1])).toBe(link);
      expect(res.text.match(/<button/g)).toHaveLength(1);
      await t.http().get(link).expect(200);
      expect(await unsubscribedTimes(subscribers[0])).toBe(0);
      expect((await c.as(subscribers[0].token).get('/api/v1/me/digest-preferences').expect(200)).body.frequency).toBe('weekly');
    });

    it("unsubscribes with the page's button, no sign-in needed, and a second click changes nothing", async () => {
      const link = linkOf(subscribers[0]);
      const page = await t.http().get(link).set('accept', 'text/html').expect(200);
      const action = unescaped(page.text.match(/<form method="post" action="([^"]*)"/)![1]);
      const res = await t.http().post(action).set('accept', 'text/html').type('form').send('List-Unsubscribe=One-Click').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('You are unsubscribed');
      expect(res.text).not.toContain(subscribers[0].email);
      await t.http().post(action).set('accept', 'text/html').type('form').send('').expect(200);
      expect(await unsubscribedTimes(subscribers[0])).toBe(1);
      expect((await t.http().get(link).set('accept', 'text/html').expect(200)).text).toContain('You are unsubscribed');
    });

    it('takes the RFC 8058 one-click POST that mail clients send, and an empty POST', async () => {
      const res = await t.http().post(linkOf(pilots.overdue.coach)).type('form').send('List-Unsubscribe=One-Click').expect(200);
      expect(res.body).toMatchObject({ unsubscribed: true, since: expect.any(String) });
      await t.http().post(linkOf(pilots.overdue.coach)).expect(200);
      expect(await unsubscribedTimes(pilots.overdue.coach)).toBe(1);
    });

    it('leaves them out of the next period’s digest, and sends it to everyone else', async () => {
      const gone = [subscribers[0], pilots.overdue.coach];
      const staying = recipients.filter((p) => !gone.includes(p));
      await checkInHeld('2026-03-17T15:00:00Z');
      await admin.post('/api/v1/digests/run', asked(NEXT_WEEK)).expect(202);
      await allSent(NEXT_WEEK, staying.length);
      for (const person of staying) expect(deliveries(NEXT_WEEK, person)).toHaveLength(1);
      for (const person of gone) expect(deliveries(NEXT_WEEK, person)).toHaveLength(0);
      const [digest] = await digestsOf(NEXT_WEEK);
      expect(digest.recipients).toBe(staying.length);
    });
  });

  describe('the schedule', () => {
    it('registers a job scheduler on DIGEST_CRON in DIGEST_TIMEZONE', async () => {
      const queue = t.app.get<Queue>(getQueueToken(QueueName.Digests));
      const scheduler = await waitFor(() => queue.getJobScheduler(DIGEST_SCHEDULER_ID), 10000, 'the digest scheduler');
      expect(scheduler).toMatchObject({ pattern: CRON, tz: ZONE, name: 'scheduled' });
      const next = DateTime.fromMillis(Number(scheduler.next), { zone: ZONE });
      expect([next.weekday, next.hour, next.minute]).toEqual([1, 7, 30]);
    });

    it('compiles the week before the scheduled time when the scheduled job runs, and skips it when nothing happened', async () => {
      const queue = t.app.get<Queue>(getQueueToken(QueueName.Digests));
      const scheduler = await queue.getJobScheduler(DIGEST_SCHEDULER_ID);
      const scheduledAt = Number(scheduler!.next);
      const job = await waitFor(() => queue.getJob(`repeat:${DIGEST_SCHEDULER_ID}:${scheduledAt}`), 10000, 'the next scheduled job');
      // Run it now instead of waiting for Monday: the job still carries the time it was planned for.
      await job.promote();
      const period = weekBefore(new Date(scheduledAt), ZONE);
      const [digest] = await waitFor(async () => (await digestsOf(period)).length > 0 && digestsOf(period), 15000, 'the scheduled digest');
      expect(digest.content).toMatchObject({ periodStart: period.start, periodEnd: period.end, timezone: ZONE });
      expect(digest).toMatchObject({ series: 'weekly', status: 'skipped', recipients: 0 });
      const audit = await admin.get(`/api/v1/audit?entityType=digest&entityId=${digest.id}`).expect(200);
      expect(audit.body.items[0]).toMatchObject({ action: 'skip', actorId: null });
    });
  });

  describe('with Redis down', () => {
    it('compiles in the request instead of failing, and the emails leave once Redis is back', async () => {
      const period = { start: '2026-03-23', end: '2026-03-29' };
      await checkInHeld('2026-03-24T15:00:00Z');
      await redis.stop();
      try {
        const res = await admin.post('/api/v1/digests/run', asked(period)).expect(202);
        expect(res.body).toMatchObject({ periodStart: period.start, periodEnd: period.end, status: 'compiled', digestId: expect.any(String) });
        expect(await digestsOf(period)).toHaveLength(1);
      } finally {
        await redis.start();
      }
      await allSent(period, recipients.length - 2);
      expect(await digestsOf(period)).toHaveLength(1);
      expect(smtp.received.filter((m) => keyOf(m)?.startsWith(`digest:${period.start}_${period.end}:`))).toHaveLength(recipients.length - 2);
    });
  });
});
