import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Transactions } from '@r2c/core';
import { Evidence } from '@r2c/cycles/entities';
import { QueueName } from '@r2c/jobs';
import { OutboxMessage } from '@r2c/notify/entities';
import { SUMMARY_JOB_NAME, SummariesService } from '@r2c/reports';
import { CycleSummary, SummaryRequest } from '@r2c/reports/entities';
import { ADMIN_ENV, Coalition, Person } from './support/fixtures';
import { jobReaches, waitFor } from './support/ports';
import { countQueries } from './support/query-counter';
import { TestRedis } from './support/redis-server';
import { ReceivedMail, TestSmtp } from './support/smtp-server';
import { startTestApp, TestApp } from './support/test-app';

type Pilot = { libraryId: string; initiativeId: string; librarian: Person; coach: Person };
type EvidenceBody = Record<string, unknown>;

const HOSTILE_QUOTE = '<script>alert("summary")</script> "We felt expected."';

describe('cycle summaries', () => {
  let redis: TestRedis;
  let smtp: TestSmtp;
  let t: TestApp;
  let c: Coalition;
  let pilot: Pilot;
  let secondLibrarian: Person;
  let subscriber: Person;
  let attendance: string;
  let trust: string;
  let cycle1: string;
  let cycle2: string;
  let cycle3: string;

  const ds = () => t.app.get(DataSource);
  const summaries = () => t.app.get(SummariesService);
  const queue = () => t.app.get<Queue>(getQueueToken(QueueName.Summaries));
  const lib = () => c.as(pilot.librarian.token);
  const admin = () => c.as(c.adminToken);
  const summaryOf = (cycleId: string, who = lib(), query = '') => who.get(`/api/v1/cycles/${cycleId}/summary${query}`);
  const members = () => [pilot.librarian, secondLibrarian, pilot.coach];

  // nodemailer may fold a long header over lines and spells it X-R2c-Key: unfold, match without case.
  const keyOf = (mail: ReceivedMail) =>
    mail.raw
      .split(/\r?\n\r?\n/)[0]
      .replace(/\r?\n[ \t]+/g, '')
      .match(/^X-R2C-Key:[ \t]*(.*)$/im)?.[1]
      ?.trim();
  const deliveries = (key: string) => smtp.received.filter((m) => keyOf(m) === key);
  const summaryKey = (cycleId: string, version: number, person: Person) => `summary:${cycleId}:${version}:${person.id}`;
  const delivered = (keys: string[]) => waitFor(async () => keys.every((k) => deliveries(k).length >= 1), 20000, `emails ${keys.join(', ')}`);

  /** Waits until the cycle's latest summary is `version`, then answers it (JSON). */
  const compiled = (cycleId: string, version: number, who = lib()) =>
    waitFor(
      async () => {
        const res = await summaryOf(cycleId, who);
        return res.status === 200 && res.body.version === version ? res.body : undefined;
      },
      20000,
      `summary version ${version} of ${cycleId}`,
    );

  /** Walks a new cycle through the four phases into review, the way a librarian does over HTTP. */
  async function cycleInReview(p: Pilot, title: string, indicatorIds: string[], evidence: EvidenceBody[]): Promise<string> {
    const as = c.as(p.librarian.token);
    const id = (await as.post(`/api/v1/initiatives/${p.initiativeId}/cycles`, { title, plannedStart: '2026-03-02', plannedEnd: '2026-04-13' }).expect(201)).body
      .id;
    const move = (to: string) => as.post(`/api/v1/cycles/${id}/transitions`, { to }).expect(200);
    await as
      .put(`/api/v1/cycles/${id}/hypothesis`, {
        statement: 'If volunteers greet newcomer families in Spanish and Dari at the door, then more of them will come back, because they will feel expected.',
        expectedOutcome: 'Attendance rises from 12 to 18 and trust scores rise',
        rationale: 'Families told us they were unsure they were welcome.',
        learningQuestion: 'Does a welcome in one’s own language bring families back?',
        indicatorIds,
      })
      .expect(200);
    await move('adaptation');
    await as
      .put(`/api/v1/cycles/${id}/adaptation`, {
        description: 'Two volunteers greet families at the door.',
        implementedOn: '2026-03-09',
        sessionsHeld: 4,
        participantsReached: 57,
      })
      .expect(200);
    await move('evidence');
    for (const body of evidence) await as.post(`/api/v1/cycles/${id}/evidence`, body).expect(201);
    await move('reflection');
    await as
      .put(`/api/v1/cycles/${id}/reflection`, {
        outcome: 'partly_supported',
        insights: 'Attendance rose; trust rose a little.',
        decision: 'adapt',
        nextSteps: 'Add a Dari-speaking volunteer on Saturdays.',
      })
      .expect(200);
    await move('review');
    return id;
  }
  const approve = (p: Pilot, cycleId: string) => c.as(p.coach.token).post(`/api/v1/cycles/${cycleId}/reviews`, { verdict: 'approve', body: 'Approved.' });
  const measurement = (indicatorId: string, value: number, observedOn = '2026-03-16') => ({
    kind: 'measurement',
    indicatorId,
    value,
    observedOn,
    method: 'sign_in',
  });

  beforeAll(async () => {
    redis = await new TestRedis().start();
    smtp = await new TestSmtp().start();
    t = await startTestApp({ env: { ...ADMIN_ENV, SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100', MAIL_BACKOFF_MS: '50' }, redis });
    c = new Coalition(t);
    await c.signInAdmin();
    pilot = await c.pilot();
    secondLibrarian = await c.person('librarian');
    await c.member(pilot.initiativeId, secondLibrarian, 'librarian');
    subscriber = await c.person('subscriber');
    attendance = (await lib().post(`/api/v1/initiatives/${pilot.initiativeId}/indicators`, { templateKey: 'attendance', baseline: 12, target: 18 }).expect(201))
      .body.id;
    trust = (await lib().post(`/api/v1/initiatives/${pilot.initiativeId}/indicators`, { templateKey: 'trust_in_library', baseline: 3, target: 4 }).expect(201))
      .body.id;
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
    await redis?.destroy();
  });

  it('answers 404 before the first compile, and compiles cycle 1 once a coach approves it', async () => {
    cycle1 = await cycleInReview(
      pilot,
      'Bilingual welcome',
      [attendance, trust],
      [measurement(attendance, 14), measurement(attendance, 10), measurement(trust, 3, '2026-03-20')],
    );
    const before = await summaryOf(cycle1).expect(404);
    expect(before.body.message).toMatch(/no summary yet/);
    await approve(pilot, cycle1).expect(201);
    const summary = await compiled(cycle1, 1);
    expect(summary).toMatchObject({ version: 1, cycle: { id: cycle1, number: 1, phase: 'closed' } });
    const request = await ds().getRepository(SummaryRequest).findOneByOrFail({ cycleId: cycle1 });
    expect(request).toMatchObject({ reason: 'closed', requestedBy: pilot.coach.id, version: 1 });
    await jobReaches(queue(), `summary-${cycle1}-${request.id}`, 'completed');
  });

  it('summarises cycle 2 per indicator: n, mean, min and max against baseline, target and cycle 1', async () => {
    cycle2 = await cycleInReview(
      pilot,
      'Saturday welcome',
      [attendance, trust],
      [
        measurement(attendance, 16),
        measurement(attendance, 20),
        measurement(attendance, 21),
        measurement(trust, 4, '2026-03-20'),
        measurement(trust, 4.5, '2026-03-21'),
        { kind: 'quote', text: HOSTILE_QUOTE, observedOn: '2026-03-23', method: 'interview', source: 'Parent at story time' },
        { kind: 'observation', text: 'Families stayed after the session to talk.', observedOn: '2026-03-23', method: 'observation' },
      ],
    );
    await approve(pilot, cycle2).expect(201);
    const summary = await compiled(cycle2, 1);

    expect(summary.indicators.map((i: { name: string }) => i.name)).toEqual(['Attendance', 'I trust the library']);
    const [att, tru] = summary.indicators;
    expect(att).toMatchObject({
      n: 3,
      mean: 19,
      min: 16,
      max: 21,
      baseline: 12,
      target: 18,
      unit: 'people',
      changeFromBaseline: 7,
      differenceFromTarget: 1,
      targetMet: true,
      previous: { cycleNumber: 1, n: 2, mean: 12, min: 10, max: 14 },
      changeFromPrevious: 7,
    });
    expect(att.series.map((p: { cycleNumber: number; mean: number }) => [p.cycleNumber, p.mean])).toEqual([
      [1, 12],
      [2, 19],
    ]);
    expect(tru).toMatchObject({
      n: 2,
      mean: 4.25,
      min: 4,
      max: 4.5,
      baseline: 3,
      target: 4,
      targetMet: true,
      previous: { cycleNumber: 1, n: 1, mean: 3 },
      changeFromPrevious: 1.25,
    });
    expect(summary.evidence).toEqual({ total: 7, measurements: 5, observations: 1, quotes: 1, stories: 0 });
    expect(summary.quotes).toEqual([{ kind: 'quote', text: HOSTILE_QUOTE, observedOn: '2026-03-23', source: 'Parent at story time' }]);
    expect(summary.hypothesis).toMatchObject({
      expectedOutcome: 'Attendance rises from 12 to 18 and trust scores rise',
      indicatorNames: ['Attendance', 'I trust the library'],
    });
    expect(summary.adaptation).toMatchObject({ description: 'Two volunteers greet families at the door.', sessionsHeld: 4 });
    expect(summary.reflection).toMatchObject({ outcome: 'partly_supported', decision: 'adapt' });
    expect(summary.decision).toBe('adapt');
  });

  it('serves Markdown as text/markdown and HTML as text/html with an inline SVG run chart, escaping what the librarian typed', async () => {
    const md = await summaryOf(cycle2, lib(), '?format=md').expect(200);
    expect(md.headers['content-type']).toMatch(/^text\/markdown; charset=utf-8/);
    expect(md.text).toMatch(/^# Cycle 2: Saturday welcome\n/);
    expect(md.text).toContain('| Attendance (people) | 3 | 19 | 16 | 21 | 12 (+7) | 18 (met) | 12 (cycle 1, n=2) | +7 |');
    expect(md.text).not.toContain('<script>');
    expect(md.text).toContain('\\<script\\>');

    const html = await summaryOf(cycle2, c.as(pilot.coach.token), '?format=html').expect(200);
    expect(html.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    expect(html.headers['content-security-policy']).toContain("default-src 'none'");
    expect(html.text.match(/<svg /g)).toHaveLength(2);
    expect(html.text).toContain('<title>Attendance (people) by day</title>');
    expect(html.text).not.toContain('<script');
    expect(html.text).toContain('&lt;script&gt;alert(&quot;summary&quot;)&lt;/script&gt;');

    await summaryOf(cycle2, lib(), '?format=pdf').expect(400);
  });

  it('emails the summary to every member of the initiative exactly once', async () => {
    const keys = members().map((m) => summaryKey(cycle2, 1, m));
    await delivered(keys);
    for (const m of members()) {
      const mails = deliveries(summaryKey(cycle2, 1, m));
      expect(mails).toHaveLength(1);
      expect(mails[0].to).toEqual([m.email]);
      expect(mails[0].subject).toContain('summary of cycle 2');
    }
    const toOthers = smtp.received.filter((m) => keyOf(m)?.startsWith(`summary:${cycle2}:`) && !members().some((p) => m.to.includes(p.email)));
    expect(toOthers).toEqual([]);
  });

  it('compiles version 2 when an admin asks (202) and emails it again under new keys; version 1 stays readable', async () => {
    await lib().post(`/api/v1/cycles/${cycle2}/summary`).expect(403);
    await c.as(pilot.coach.token).post(`/api/v1/cycles/${cycle2}/summary`).expect(403);
    const accepted = await admin().post(`/api/v1/cycles/${cycle2}/summary`).expect(202);
    expect(accepted.body).toEqual({ requestId: expect.any(String), cycleId: cycle2, status: 'requested' });

    const v2 = await compiled(cycle2, 2);
    expect(v2.indicators[0]).toMatchObject({ n: 3, mean: 19 });
    expect((await summaryOf(cycle2, lib(), '?version=1').expect(200)).body.version).toBe(1);
    await summaryOf(cycle2, lib(), '?version=3').expect(404);

    await delivered(members().map((m) => summaryKey(cycle2, 2, m)));
    for (const m of members()) {
      expect(deliveries(summaryKey(cycle2, 1, m))).toHaveLength(1);
      expect(deliveries(summaryKey(cycle2, 2, m))).toHaveLength(1);
    }
    const audit = await admin().get(`/api/v1/audit?entityType=cycle&entityId=${cycle2}&limit=100`).expect(200);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toContain('request:summary');
  });

  it('compiles each request once, however often its job runs or however many workers run it at once', async () => {
    const requests = ds().getRepository(SummaryRequest);
    const closed = await requests.findOneByOrFail({ cycleId: cycle2, reason: 'closed' });
    expect(closed).toMatchObject({ version: 1, compiledAt: expect.any(Date) });
    expect(await summaries().compile(closed.id)).toMatchObject({ status: 'skipped' });

    // A redelivered job: same request, new BullMQ job.
    const again = await queue().add(SUMMARY_JOB_NAME, { requestId: closed.id, cycleId: cycle2 }, { jobId: `summary-${cycle2}-${closed.id}-redelivered` });
    await waitFor(async () => (await again.getState()) === 'completed', 10000, 'the redelivered job');
    expect((await queue().getJob(again.id!))?.returnvalue).toMatchObject({ status: 'skipped' });

    // Two runs of one fresh request at the same time (the relay may start a third): one version, one email each.
    const fresh = await t.app.get(Transactions).run((em) => summaries().request(em, cycle2, 'on_demand', null));
    await Promise.all([summaries().compile(fresh.requestId), summaries().compile(fresh.requestId)]);
    await waitFor(async () => (await requests.findOneByOrFail({ id: fresh.requestId })).version !== null, 10000, 'the fresh request');
    const versions = (
      await ds()
        .getRepository(CycleSummary)
        .find({ where: { cycleId: cycle2 }, order: { version: 'ASC' } })
    ).map((s) => s.version);
    expect(versions).toEqual([1, 2, 3]);
    await delivered(members().map((m) => summaryKey(cycle2, 3, m)));
    const rows = await ds()
      .getRepository(OutboxMessage)
      .createQueryBuilder('m')
      .where('m.idempotencyKey LIKE :prefix', { prefix: `summary:${cycle2}:%` })
      .getCount();
    expect(rows).toBe(9);
    for (const m of members()) for (const v of [1, 2, 3]) expect(deliveries(summaryKey(cycle2, v, m))).toHaveLength(1);
  });

  it('lets a subscriber read the summary of a closed cycle, but not of an open one (404)', async () => {
    cycle3 = (
      await lib()
        .post(`/api/v1/initiatives/${pilot.initiativeId}/cycles`, { title: 'Dari on Saturdays', plannedStart: '2026-04-20', plannedEnd: '2026-06-01' })
        .expect(201)
    ).body.id;
    await summaryOf(cycle3).expect(404);
    await admin().post(`/api/v1/cycles/${cycle3}/summary`).expect(202);
    const open = await compiled(cycle3, 1);
    expect(open.cycle.phase).toBe('hypothesis');

    const reader = c.as(subscriber.token);
    await summaryOf(cycle3, reader).expect(404);
    expect((await summaryOf(cycle2, reader).expect(200)).body.version).toBe(3);
    expect((await summaryOf(cycle2, reader, '?format=html').expect(200)).text).toContain('<svg ');
    await reader.get(`/api/v1/cycles/${cycle2}`).expect(404);
    await reader.post(`/api/v1/cycles/${cycle2}/summary`).expect(403);
  });

  it('hides an open cycle’s summary from people of another initiative (404), and answers 404 for an unknown cycle and 400 for a bad id', async () => {
    const other = await c.pilot();
    await summaryOf(cycle3, c.as(other.librarian.token)).expect(404);
    await summaryOf(cycle3, c.as(other.coach.token), '?format=html').expect(404);
    await summaryOf(cycle2, c.as(other.coach.token)).expect(200);
    await summaryOf('6d1f1f8e-0000-4000-8000-000000000000').expect(404);
    await admin().post('/api/v1/cycles/6d1f1f8e-0000-4000-8000-000000000000/summary').expect(404);
    await summaryOf('not-a-uuid').expect(400);
  });

  it('reads the statistics with one aggregate query whether a cycle has 10 or 300 evidence entries', async () => {
    const p = await c.pilot();
    const as = c.as(p.librarian.token);
    const indicator = (await as.post(`/api/v1/initiatives/${p.initiativeId}/indicators`, { templateKey: 'attendance' }).expect(201)).body.id;
    const cycleId = (
      await as.post(`/api/v1/initiatives/${p.initiativeId}/cycles`, { title: 'Many', plannedStart: '2026-03-02', plannedEnd: '2026-04-13' }).expect(201)
    ).body.id;
    const now = new Date();
    const insertEvidence = (n: number, from: number) =>
      ds()
        .createQueryBuilder()
        .insert()
        .into(Evidence)
        .values(
          Array.from({ length: n }, (_, k) => ({
            id: `00000000-0000-4000-9000-${String(from + k).padStart(12, '0')}`,
            cycleId,
            initiativeId: p.initiativeId,
            kind: k % 10 === 9 ? ('quote' as const) : ('measurement' as const),
            indicatorId: k % 10 === 9 ? null : indicator,
            value: k % 10 === 9 ? null : from + k,
            text: k % 10 === 9 ? `Quote ${from + k}` : null,
            observedOn: '2026-03-10',
            method: 'sign_in' as const,
            createdAt: now,
          })),
        )
        .execute();
    const compileCounted = async () => {
      const { requestId } = await t.app.get(Transactions).run((em) => summaries().request(em, cycleId, 'on_demand', null));
      const { result, queries } = await countQueries(ds(), () => summaries().compile(requestId));
      // Other processes of the app (relays, workers) query meanwhile; only the evidence is of interest here.
      return { outcome: result, evidenceQueries: queries.filter((q) => /\bevidence\b/i.test(q)) };
    };

    await insertEvidence(10, 0);
    const few = await compileCounted();
    for (let i = 10; i < 300; i += 100) await insertEvidence(Math.min(100, 300 - i), i);
    const many = await compileCounted();

    expect(few.outcome.status).toBe('compiled');
    expect(many.outcome.status).toBe('compiled');
    expect(many.evidenceQueries).toHaveLength(few.evidenceQueries.length);
    // The per-indicator aggregate, a page of quotes, the trust survey's per-outcome means, and the run charts' daily points (the latest 200 a chart).
    expect(many.evidenceQueries).toHaveLength(4);
    expect(many.evidenceQueries.filter((q) => /GROUP BY/i.test(q) && /COUNT\(\*\)/i.test(q) && /AVG/i.test(q))).toHaveLength(1);
    expect(many.evidenceQueries.filter((q) => /LIMIT/i.test(q))).toHaveLength(1);
    expect(many.evidenceQueries.filter((q) => /survey_items/i.test(q) && /GROUP BY/i.test(q))).toHaveLength(1);
    expect(many.evidenceQueries.filter((q) => /ROW_NUMBER\(\)/i.test(q) && /observed_on/i.test(q))).toHaveLength(1);

    const summary = (await c.as(p.coach.token).get(`/api/v1/cycles/${cycleId}/summary`).expect(200)).body;
    const values = Array.from({ length: 300 }, (_, k) => k).filter((k) => k % 10 !== 9);
    expect(summary.indicators[0]).toMatchObject({
      n: 270,
      min: 0,
      max: 298,
      mean: Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100,
    });
    expect(summary.evidence).toMatchObject({ total: 300, measurements: 270, quotes: 30 });
    expect(summary.quotes).toHaveLength(25);
    expect(summary.quotesNotShown).toBe(5);
  });

  it('keeps the summary of a cycle approved while Redis is down, and compiles and emails it once Redis is back', async () => {
    const p = await c.pilot();
    const as = c.as(p.librarian.token);
    const indicator = (await as.post(`/api/v1/initiatives/${p.initiativeId}/indicators`, { templateKey: 'attendance' }).expect(201)).body.id;
    const cycleId = await cycleInReview(p, 'Offline approval', [indicator], [measurement(indicator, 9)]);
    await redis.stop();
    try {
      const started = Date.now();
      await approve(p, cycleId).expect(201);
      expect(Date.now() - started).toBeLessThan(1500);
      const pending = await ds().getRepository(SummaryRequest).findOneByOrFail({ cycleId });
      expect(pending).toMatchObject({ reason: 'closed', compiledAt: null, version: null });
    } finally {
      await redis.start();
    }
    const summary = await compiled(cycleId, 1, as);
    expect(summary.indicators[0]).toMatchObject({ n: 1, mean: 9 });
    await delivered([p.librarian, p.coach].map((m) => summaryKey(cycleId, 1, m)));
    for (const m of [p.librarian, p.coach]) expect(deliveries(summaryKey(cycleId, 1, m))).toHaveLength(1);
    expect(await ds().getRepository(CycleSummary).countBy({ cycleId })).toBe(1);
  });
});
