import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { FixedClock } from '@r2c/core';
import { QueueName } from '@r2c/jobs';
import { OutboxMessage } from '@r2c/notify/entities';
import {
  digestMailKey,
  DigestPeriod,
  DigestSeries,
  MONTHLY_DIGEST_SCHEDULER_ID,
  monthBefore,
  PREVIEW_PREFERENCES_LINK,
  PREVIEW_UNSUBSCRIBE_LINK,
} from '@r2c/reports';
import { Digest } from '@r2c/reports/entities';
import { ADMIN_ENV, Coalition, Person } from './support/fixtures';
import { closedCycle } from './support/learning-cycles';
import { withBodies } from './support/outbox-mail';
import { waitFor } from './support/ports';
import { TestRedis } from './support/redis-server';
import { TestSmtp } from './support/smtp-server';
import { startTestApp, TestApp } from './support/test-app';

// Real Redis, SMTP and database: previews, skipped periods, overlaps and the two series.
jest.setTimeout(120000);

const ZONE = 'America/New_York';
const APP_URL = 'http://r2c.test';
const CYCLE_CLOSED: DigestPeriod = { start: '2026-11-02', end: '2026-11-08' };
const QUIET: DigestPeriod = { start: '2026-11-09', end: '2026-11-15' };
const CHECK_IN_HELD: DigestPeriod = { start: '2026-11-16', end: '2026-11-22' };
const NOVEMBER: DigestPeriod = { start: '2026-11-01', end: '2026-11-30' };
const asked = (period: DigestPeriod, series?: DigestSeries) => ({ periodStart: period.start, periodEnd: period.end, ...(series ? { series } : {}) });
/**
 * The rows a digest run writes, in every table it writes to. (Reminders the worker sends meanwhile for
 * the overdue initiative are its own business: they are left out of the count.)
 */
const ROWS = {
  digests: 'SELECT COUNT(*) AS n FROM digests',
  digestEmails: "SELECT COUNT(*) AS n FROM outbox_messages WHERE kind = 'digest'",
  sharedBodies: 'SELECT COUNT(*) AS n FROM outbox_bodies',
  mailPreferences: 'SELECT COUNT(*) AS n FROM mail_preferences',
  digestSignups: 'SELECT COUNT(*) AS n FROM digest_signups',
  digestAudit: "SELECT COUNT(*) AS n FROM audit_entries WHERE entity_type = 'digest'",
};

/** A copy with each person's own links replaced by the same marks the preview's placeholders get. */
const withoutPersonalLinks = (body: string) =>
  body
    .replace(/http:\/\/r2c\.test\/api\/v1\/unsubscribe\?token[^"\s<]+/g, 'UNSUBSCRIBE-LINK')
    .replace(/http:\/\/r2c\.test\/api\/v1\/digest-preferences\?token[^"\s<]+/g, 'PREFERENCES-LINK')
    .split(PREVIEW_UNSUBSCRIBE_LINK)
    .join('UNSUBSCRIBE-LINK')
    .split(PREVIEW_PREFERENCES_LINK)
    .join('PREFERENCES-LINK');

describe('safe digests', () => {
  let redis: TestRedis;
  let smtp: TestSmtp;
  let t: TestApp;
  let c: Coalition;
  let admin: ReturnType<Coalition['as']>;
  let pilot: { initiativeId: string; librarian: Person; coach: Person };
  let late: { initiativeId: string; librarian: Person; coach: Person };
  let lateTitle: string;
  let weeklyReader: Person;
  let monthlyReader: Person;
  let weeklyPeople: Person[];

  const clock = () => t.clock as FixedClock;
  const ds = () => t.app.get(DataSource);
  const counts = async () =>
    Object.fromEntries(await Promise.all(Object.entries(ROWS).map(async ([name, sql]) => [name, Number((await ds().query(sql))[0].n)] as const)));
  const digestsQueue = () => t.app.get<Queue>(getQueueToken(QueueName.Digests));
  const mailsOf = async (period: DigestPeriod, series: DigestSeries = 'weekly') =>
    withBodies(
      ds(),
      await ds()
        .getRepository(OutboxMessage)
        .createQueryBuilder('m')
        .where('m.idempotency_key LIKE :prefix', { prefix: `${digestMailKey(period, '', series)}%` })
        .getMany(),
    );
  const mailTo = async (period: DigestPeriod, person: Person, series: DigestSeries = 'weekly') =>
    (await mailsOf(period, series)).find((m) => m.toAddress === person.email);
  const digestMailsReceivedBy = (person: Person) => smtp.to(person.email).filter((m) => m.key?.startsWith('digest:'));
  const digestOf = (period: DigestPeriod, series: DigestSeries = 'weekly') =>
    ds().getRepository(Digest).findOneBy({ series, periodStart: period.start, periodEnd: period.end });

  /** Waits until every email of the run has been delivered, so that none can still be on its way. */
  const allSent = (period: DigestPeriod, expected: number, series: DigestSeries = 'weekly') =>
    waitFor(
      async () => {
        const rows = await mailsOf(period, series);
        const delivered = smtp.received.filter((m) => m.key?.startsWith(digestMailKey(period, '', series))).length;
        return rows.length === expected && rows.every((r) => r.status === 'sent') && delivered === expected && rows;
      },
      30000,
      `${expected} ${series} digest emails of ${period.start} delivered`,
    );

  /** Lets the outbox relay and mail worker poll a few times: anything asked for would have been delivered by then. */
  const relayPolls = () => new Promise((resolve) => setTimeout(resolve, 1500));

  async function closeCycleOn(at: string) {
    clock().set(at);
    await closedCycle(c, pilot, {
      title: 'Bilingual welcome',
      values: [15],
      decision: 'scale',
      dates: { plannedStart: '2026-10-05', plannedEnd: '2026-11-30', implementedOn: '2026-10-06', observedFrom: '2026-10-20' },
    });
  }

  beforeAll(async () => {
    redis = await new TestRedis().start();
    smtp = await new TestSmtp().start();
    t = await startTestApp({
      env: { ...ADMIN_ENV, SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100', MAIL_BACKOFF_MS: '50', APP_URL, DIGEST_CRON: '0 8 * * 1', DIGEST_TIMEZONE: ZONE },
      redis,
    });
    c = new Coalition(t);
    await c.signInAdmin();
    admin = c.as(c.adminToken);
    pilot = await c.pilot({ startDate: '2026-09-01', checkInCadenceDays: 14 });
    // Started in September and never checked in since: overdue, and nothing else to report.
    late = await c.pilot({ startDate: '2026-09-01', checkInCadenceDays: 14 });
    lateTitle = (await admin.get(`/api/v1/initiatives/${late.initiativeId}`).expect(200)).body.title;
    [weeklyReader, monthlyReader] = [await c.person('subscriber'), await c.person('subscriber')];
    await c.as(monthlyReader.token).put('/api/v1/me/digest-preferences', { frequency: 'monthly' }).expect(200);
    weeklyPeople = [weeklyReader, pilot.librarian, pilot.coach, late.librarian, late.coach];

    await closeCycleOn('2026-11-04T15:00:00Z');
    clock().set('2026-11-18T15:00:00Z');
    await c
      .as(pilot.librarian.token)
      .post(`/api/v1/initiatives/${pilot.initiativeId}/check-ins`, { note: 'Saturday greeters started; 9 families came.' })
      .expect(201);
    clock().set('2026-12-01T13:00:00Z');
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
    await redis?.destroy();
  });

  describe('previewing', () => {
    let before: Record<string, number>;

    it('renders what a run would send and to how many, and stores, queues and sends nothing', async () => {
      before = await counts();
      const jobsBefore = await digestsQueue().getJobCounts();
      const res = await admin.post('/api/v1/digests/preview', asked(CYCLE_CLOSED)).expect(200);
      expect(res.body).toMatchObject({
        series: 'weekly',
        periodStart: CYCLE_CLOSED.start,
        periodEnd: CYCLE_CLOSED.end,
        subject: 'R2C coalition digest, 2–8 November 2026: 1 cycle closed',
        recipients: weeklyPeople.length,
        cyclesClosed: 1,
        sendsNothing: null,
      });
      expect(res.body.text).toContain('cycle 1: Bilingual welcome');
      expect(res.body.text).toContain('Decision for the next cycle: Scale.');
      expect(res.body.html).toContain(`<a href="${PREVIEW_UNSUBSCRIBE_LINK}">Unsubscribe from the digest</a>`);
      expect(res.body.text).toContain(PREVIEW_UNSUBSCRIBE_LINK);
      expect(res.body.text).not.toContain(APP_URL);

      const monthly = await admin.post('/api/v1/digests/preview', asked(NOVEMBER, 'monthly')).expect(200);
      expect(monthly.body).toMatchObject({
        series: 'monthly',
        subject: 'R2C coalition digest, 1–30 November 2026: 1 cycle closed',
        recipients: 1,
        cyclesClosed: 1,
      });

      await relayPolls();
      expect(await counts()).toEqual(before);
      expect(await digestsQueue().getJobCounts()).toEqual(jobsBefore);
      expect(smtp.received.filter((m) => m.key?.startsWith('digest:'))).toEqual([]);
    });

    it('names no overdue check-in in the preview, which is the coalition’s copy', async () => {
      const res = await admin.post('/api/v1/digests/preview', asked(CYCLE_CLOSED)).expect(200);
      for (const part of [res.body.text, res.body.html]) expect(part).not.toMatch(/overdue/i);
    });

    it('refuses a bad period with 400 naming the field, and anyone but an admin with 403', async () => {
      const fieldOf = async (body: object) =>
        (await admin.post('/api/v1/digests/preview', body).expect(400)).body.details.map((d: { field: string }) => d.field);
      expect(await fieldOf({ periodStart: '2026-11-01' })).toEqual(['periodEnd']);
      expect(await fieldOf({ periodStart: '1 November', periodEnd: '2026-11-31' })).toEqual(['periodStart', 'periodEnd']);
      expect(await fieldOf({ ...asked(NOVEMBER), series: 'daily' })).toEqual(['series']);
      const backwards = await admin.post('/api/v1/digests/preview', { periodStart: '2026-11-30', periodEnd: '2026-11-01' }).expect(400);
      expect(backwards.body).toMatchObject({
        message: 'periodStart (2026-11-30) must be on or before periodEnd (2026-11-01)',
        details: [{ field: 'periodStart' }],
      });
      const long = await admin.post('/api/v1/digests/preview', { periodStart: '2025-01-01', periodEnd: '2026-11-30' }).expect(400);
      expect(long.body).toMatchObject({ message: expect.stringContaining('at most 366 days'), details: [{ field: 'periodEnd' }] });
      await admin.post('/api/v1/digests/preview', { ...asked(NOVEMBER), recipients: 'everyone' }).expect(400);
      for (const person of [pilot.librarian, pilot.coach, weeklyReader])
        await c.as(person.token).post('/api/v1/digests/preview', asked(CYCLE_CLOSED)).expect(403);
      await c.as('').post('/api/v1/digests/preview', asked(CYCLE_CLOSED)).expect(401);
      expect(await counts()).toEqual(before);
    });
  });

  describe('running the previewed period', () => {
    it('sends every weekly reader the copy the preview showed: the same subject, HTML and text but for their own links', async () => {
      const preview = (await admin.post('/api/v1/digests/preview', asked(CYCLE_CLOSED)).expect(200)).body;
      const res = await admin.post('/api/v1/digests/run', asked(CYCLE_CLOSED)).expect(202);
      expect(res.body).toMatchObject({ series: 'weekly', status: 'queued', message: expect.stringContaining('2–8 November 2026') });
      await allSent(CYCLE_CLOSED, preview.recipients);
      for (const person of [weeklyReader, pilot.librarian]) {
        const mail = (await mailTo(CYCLE_CLOSED, person))!;
        expect(mail.subject).toBe(preview.subject);
        expect(withoutPersonalLinks(mail.textBody)).toBe(withoutPersonalLinks(preview.text));
        expect(withoutPersonalLinks(mail.htmlBody!)).toBe(withoutPersonalLinks(preview.html));
        expect(mail.textBody).toContain(`${APP_URL}/api/v1/unsubscribe?token=${person.id}.`);
      }
      expect(digestMailsReceivedBy(monthlyReader)).toEqual([]);
    });

    it('names the overdue check-in only in the coach’s copy, never in a subscriber’s or a librarian’s, nor to them through the API', async () => {
      for (const coach of [pilot.coach, late.coach]) expect((await mailTo(CYCLE_CLOSED, coach))!.textBody).toContain(lateTitle);
      const coachCopy = (await mailTo(CYCLE_CLOSED, pilot.coach))!;
      expect(coachCopy.textBody).toMatch(
        new RegExp(`OVERDUE CHECK-INS \\(IN THE COPY FOR COACHES ONLY\\)\\n- ${lateTitle} \\(.+\\): due 2026-09-\\d\\d, \\d+ days overdue`),
      );
      expect(coachCopy.htmlBody).toContain('days overdue');
      for (const person of [weeklyReader, pilot.librarian, late.librarian]) {
        const copy = (await mailTo(CYCLE_CLOSED, person))!;
        expect(`${copy.textBody}${copy.htmlBody}`).not.toMatch(/overdue/i);
        expect(`${copy.textBody}${copy.htmlBody}`).not.toContain(lateTitle);
      }
      const digest = (await digestOf(CYCLE_CLOSED))!;
      expect(digest.content.overdueCheckIns).toHaveLength(1);
      for (const person of [weeklyReader, pilot.librarian]) {
        expect((await c.as(person.token).get(`/api/v1/digests/${digest.id}`).expect(200)).body.content.overdueCheckIns).toEqual([]);
        expect((await c.as(person.token).get(`/api/v1/digests/${digest.id}?format=text`).expect(200)).text).not.toMatch(/overdue/i);
      }
      expect((await c.as(pilot.coach.token).get(`/api/v1/digests/${digest.id}`).expect(200)).body.content.overdueCheckIns).toHaveLength(1);
    });

    it('answers the same period again with 202, sends nothing new and says so; the preview then counts no one', async () => {
      const before = await counts();
      const digest = (await digestOf(CYCLE_CLOSED))!;
      const again = await admin.post('/api/v1/digests/run', asked(CYCLE_CLOSED)).expect(202);
      expect(again.body).toEqual({
        series: 'weekly',
        periodStart: CYCLE_CLOSED.start,
        periodEnd: CYCLE_CLOSED.end,
        status: 'exists',
        digestId: digest.id,
        message: `The weekly digest for 2–8 November 2026 was already sent to ${weeklyPeople.length} people; running it again sends nothing new.`,
      });
      const preview = await admin.post('/api/v1/digests/preview', asked(CYCLE_CLOSED)).expect(200);
      expect(preview.body).toMatchObject({ recipients: 0, sendsNothing: expect.stringContaining('already sent') });
      await relayPolls();
      expect(await counts()).toEqual(before);
      for (const person of weeklyPeople) expect(digestMailsReceivedBy(person)).toHaveLength(1);
    });

    it('refuses a different period of the same series overlapping it with 409 naming it, and previews none', async () => {
      const before = await counts();
      for (const route of ['run', 'preview']) {
        const res = await admin.post(`/api/v1/digests/${route}`, { periodStart: '2026-11-05', periodEnd: '2026-11-11' }).expect(409);
        expect(res.body.message).toBe(
          '5–11 November 2026 overlaps the weekly digest for 2–8 November 2026, already sent. Choose a period that does not overlap it, or exactly its period (nothing new is sent).',
        );
        expect(res.body.details).toEqual([
          expect.objectContaining({
            field: 'periodStart',
            overlaps: { digestId: (await digestOf(CYCLE_CLOSED))!.id, series: 'weekly', periodStart: CYCLE_CLOSED.start, periodEnd: CYCLE_CLOSED.end },
          }),
        ]);
      }
      await admin.post('/api/v1/digests/run', asked(NOVEMBER)).expect(409);
      expect(await counts()).toEqual(before);
    });
  });

  describe('a period with nothing to report', () => {
    it('sends nothing, records the skip and says so in plain words', async () => {
      const preview = await admin.post('/api/v1/digests/preview', asked(QUIET)).expect(200);
      expect(preview.body).toMatchObject({ recipients: 0, cyclesClosed: 0, sendsNothing: expect.stringContaining('Nothing to report for 9–15 November 2026') });

      const res = await admin.post('/api/v1/digests/run', asked(QUIET)).expect(202);
      const message =
        'Nothing to report for 9–15 November 2026: no cycle closed, no evidence was logged and no check-in was held, so the weekly digest is not sent. Running it again changes nothing.';
      expect(res.body).toEqual({ series: 'weekly', periodStart: QUIET.start, periodEnd: QUIET.end, status: 'skipped', digestId: expect.any(String), message });
      const digest = (await digestOf(QUIET))!;
      expect(digest).toMatchObject({ id: res.body.digestId, status: 'skipped', recipients: 0 });
      const audit = await admin.get(`/api/v1/audit?entityType=digest&entityId=${digest.id}`).expect(200);
      expect(audit.body.items).toEqual([
        expect.objectContaining({ action: 'skip', after: expect.objectContaining({ series: 'weekly', recipients: 0, cyclesClosed: 0 }) }),
      ]);

      const before = await counts();
      const again = await admin.post('/api/v1/digests/run', asked(QUIET)).expect(202);
      expect(again.body).toEqual(res.body);
      await relayPolls();
      expect(await counts()).toEqual(before);
      expect(await mailsOf(QUIET)).toEqual([]);
      expect(smtp.received.filter((m) => m.key?.startsWith(digestMailKey(QUIET, '')))).toEqual([]);
      const listed = await admin.get('/api/v1/digests').expect(200);
      expect(listed.body.items.map((d: { id: string }) => d.id)).not.toContain(digest.id);
    });

    it('does not stand in the way of a period overlapping it (only one that was sent does)', async () => {
      const preview = await admin.post('/api/v1/digests/preview', { periodStart: '2026-11-12', periodEnd: '2026-11-15' }).expect(200);
      expect(preview.body.recipients).toBe(0);
    });

    it('counts a check-in held as news: the week of 16–22 November goes to the weekly readers', async () => {
      const res = await admin.post('/api/v1/digests/run', asked(CHECK_IN_HELD)).expect(202);
      expect(res.body.status).toBe('queued');
      await allSent(CHECK_IN_HELD, weeklyPeople.length);
      expect((await mailTo(CHECK_IN_HELD, weeklyReader))!.textBody).toContain('0 cycles closed, 0 evidence entries logged, 1 check-in held.');
    });
  });

  describe('the monthly series', () => {
    it('sends a monthly reader one digest for November covering 1–30 November and none of the weekly ones; weekly readers not the monthly one', async () => {
      // One date alone makes the whole calendar month.
      const res = await admin.post('/api/v1/digests/run', { periodStart: '2026-11-17', series: 'monthly' }).expect(202);
      expect(res.body).toMatchObject({ series: 'monthly', periodStart: NOVEMBER.start, periodEnd: NOVEMBER.end, status: 'queued' });
      await allSent(NOVEMBER, 1, 'monthly');

      const [mail] = digestMailsReceivedBy(monthlyReader);
      expect(digestMailsReceivedBy(monthlyReader)).toHaveLength(1);
      expect(mail.key).toBe(digestMailKey(NOVEMBER, monthlyReader.id, 'monthly'));
      const copy = (await mailTo(NOVEMBER, monthlyReader, 'monthly'))!;
      expect(copy.subject).toBe('R2C coalition digest, 1–30 November 2026: 1 cycle closed');
      expect(copy.textBody).toContain('1–30 November 2026: 1 cycle closed, 1 evidence entry logged, 1 check-in held.');

      for (const person of weeklyPeople) {
        expect(digestMailsReceivedBy(person).map((m) => m.key)).toEqual([digestMailKey(CYCLE_CLOSED, person.id), digestMailKey(CHECK_IN_HELD, person.id)]);
      }
      expect(await digestOf(NOVEMBER, 'monthly')).toMatchObject({ status: 'sent', recipients: 1 });
      const listed = (await admin.get('/api/v1/digests?limit=1').expect(200)).body.items[0];
      expect(listed).toMatchObject({ series: 'monthly', periodStart: NOVEMBER.start, periodEnd: NOVEMBER.end, recipients: 1 });
    });

    it('keeps overlaps within a series: the month again is 202 and idempotent, a part of it 409', async () => {
      const again = await admin.post('/api/v1/digests/run', asked(NOVEMBER, 'monthly')).expect(202);
      expect(again.body).toMatchObject({
        status: 'exists',
        message: expect.stringContaining('monthly digest for 1–30 November 2026 was already sent to 1 person'),
      });
      const part = await admin.post('/api/v1/digests/run', { periodStart: '2026-11-20', periodEnd: '2026-12-05', series: 'monthly' }).expect(409);
      expect(part.body.message).toContain('overlaps the monthly digest for 1–30 November 2026, already sent');
      await relayPolls();
      expect(digestMailsReceivedBy(monthlyReader)).toHaveLength(1);
    });

    it('is scheduled on the 1st at the hour of DIGEST_CRON in DIGEST_TIMEZONE, and its run skips a month with nothing to report', async () => {
      const queue = digestsQueue();
      const scheduler = await waitFor(() => queue.getJobScheduler(MONTHLY_DIGEST_SCHEDULER_ID), 10000, 'the monthly digest scheduler');
      expect(scheduler).toMatchObject({ pattern: '0 8 1 * *', tz: ZONE, name: 'scheduled' });
      const scheduledAt = Number(scheduler.next);
      const next = DateTime.fromMillis(scheduledAt, { zone: ZONE });
      expect([next.day, next.hour, next.minute]).toEqual([1, 8, 0]);

      const job = await waitFor(() => queue.getJob(`repeat:${MONTHLY_DIGEST_SCHEDULER_ID}:${scheduledAt}`), 10000, 'the next monthly job');
      expect(job.data).toEqual({ series: 'monthly' });
      // Run it now instead of waiting for the 1st: it still covers the month before the time it was planned for.
      await job.promote();
      const period = monthBefore(new Date(scheduledAt), ZONE);
      const digest = (await waitFor(() => digestOf(period, 'monthly'), 15000, 'the scheduled monthly digest'))!;
      expect(digest).toMatchObject({ status: 'skipped', recipients: 0 });
      const audit = await admin.get(`/api/v1/audit?entityType=digest&entityId=${digest.id}`).expect(200);
      expect(audit.body.items[0]).toMatchObject({ action: 'skip', actorId: null });
      expect(await mailsOf(period, 'monthly')).toEqual([]);
    });
  });
});
