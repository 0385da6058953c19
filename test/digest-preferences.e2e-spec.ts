import { DataSource } from 'typeorm';
import { FixedClock } from '@r2c/core';
import { OutboxMessage } from '@r2c/notify/entities';
import { CompileDigest, DigestContent, digestMailKey, DigestPeriod, DigestSeries } from '@r2c/reports';
import { ADMIN_ENV, Coalition, Person } from './support/fixtures';
import { closedCycle } from './support/learning-cycles';
import { withBodies } from './support/outbox-mail';
import { startTestApp, TestApp } from './support/test-app';

const APP_URL = 'http://r2c.test';
const WEEK: DigestPeriod = { start: '2026-03-09', end: '2026-03-15' };
const NEXT_WEEK: DigestPeriod = { start: '2026-03-16', end: '2026-03-22' };
const MARCH: DigestPeriod = { start: '2026-03-01', end: '2026-03-31' };
const AFTER: DigestPeriod = { start: '2026-04-06', end: '2026-04-12' };

type Pilot = { libraryId: string; initiativeId: string; librarian: Person; coach: Person };

describe('digest sharing and frequency', () => {
  let t: TestApp;
  let c: Coalition;
  let open: Pilot;
  let closedOnly: Pilot;
  let quiet: Pilot;
  let titles: Record<'open' | 'closedOnly' | 'quiet', string>;
  let viaLink: Person;
  let viaApp: Person;
  let weekly: Person;

  const clock = () => t.clock as FixedClock;
  const mailsOf = async (period: DigestPeriod, series: DigestSeries = 'weekly') =>
    withBodies(
      t.app.get(DataSource),
      await t.app
        .get(DataSource)
        .getRepository(OutboxMessage)
        .createQueryBuilder('m')
        .where('m.idempotency_key LIKE :prefix', { prefix: `${digestMailKey(period, '', series)}%` })
        .getMany(),
    );
  const sentTo = async (period: DigestPeriod, series: DigestSeries = 'weekly') => (await mailsOf(period, series)).map((m) => m.toAddress).sort();
  const compile = async (period: DigestPeriod, series: DigestSeries = 'weekly') => (await t.app.get(CompileDigest).run(period, null, series)).digest;
  /** Something to report in a quiet period: a check-in held on `at`. */
  const checkInHeld = async (at: string) => {
    clock().set(at);
    await c.as(open.librarian.token).post(`/api/v1/initiatives/${open.initiativeId}/check-ins`, { note: 'Bilingual story time went well.' }).expect(201);
    clock().set('2026-03-16T13:00:00Z');
  };
  const preferencesLinkIn = (text: string) => text.match(/Choose weekly, monthly or no digest:\s*(\S+)/)?.[1];

  async function closeCycleOn(p: Pilot, at: string) {
    clock().set(at);
    await closedCycle(c, p, {
      title: 'Bilingual welcome',
      values: [15],
      decision: 'scale',
      dates: { plannedStart: '2026-03-02', plannedEnd: '2026-04-13', implementedOn: '2026-03-03', observedFrom: '2026-03-04' },
    });
  }

  beforeAll(async () => {
    t = await startTestApp({ env: { ...ADMIN_ENV, APP_URL, DIGEST_TIMEZONE: 'America/Chicago' }, withWorkers: false });
    c = new Coalition(t);
    await c.signInAdmin();
    // Started in February with no check-in since: all three are overdue by mid-March.
    open = await c.pilot({ startDate: '2026-02-01' });
    closedOnly = await c.pilot({ startDate: '2026-02-01' });
    quiet = await c.pilot({ startDate: '2026-02-01' });
    const title = async (p: Pilot) => (await c.as(c.adminToken).get(`/api/v1/initiatives/${p.initiativeId}`).expect(200)).body.title as string;
    titles = { open: await title(open), closedOnly: await title(closedOnly), quiet: await title(quiet) };
    [viaLink, viaApp, weekly] = [await c.person('subscriber'), await c.person('subscriber'), await c.person('subscriber')];
    for (const p of [open, closedOnly, quiet]) await closeCycleOn(p, '2026-03-10T15:00:00Z');
    clock().set('2026-03-16T13:00:00Z');
  });
  afterAll(async () => t?.close());

  describe("each initiative's sharing", () => {
    it('is everything by default, and set by its librarians or an admin, not by its coach (403) or outsiders (404)', async () => {
      expect((await c.as(quiet.coach.token).get(`/api/v1/initiatives/${quiet.initiativeId}`).expect(200)).body.digestSharing).toBe('everything');
      const res = await c.as(quiet.librarian.token).put(`/api/v1/initiatives/${quiet.initiativeId}/digest-sharing`, { digestSharing: 'nothing' }).expect(200);
      expect(res.body).toMatchObject({ id: quiet.initiativeId, digestSharing: 'nothing' });
      await c.as(c.adminToken).put(`/api/v1/initiatives/${closedOnly.initiativeId}/digest-sharing`, { digestSharing: 'closed_cycles' }).expect(200);
      await c.as(quiet.coach.token).put(`/api/v1/initiatives/${quiet.initiativeId}/digest-sharing`, { digestSharing: 'everything' }).expect(403);
      await c.as(open.librarian.token).put(`/api/v1/initiatives/${quiet.initiativeId}/digest-sharing`, { digestSharing: 'everything' }).expect(404);
      const bad = await c.as(quiet.librarian.token).put(`/api/v1/initiatives/${quiet.initiativeId}/digest-sharing`, { digestSharing: 'some' }).expect(400);
      expect(bad.body.details[0].field).toBe('digestSharing');
      const audit = await c.as(c.adminToken).get(`/api/v1/audit?entityType=initiative&entityId=${quiet.initiativeId}`).expect(200);
      expect(audit.body.items[0]).toMatchObject({ action: 'digest_sharing', after: { digestSharing: 'nothing' } });
    });

    it('keeps an initiative that shares nothing out of the digest, and shows only the closed cycles of one that shares those', async () => {
      const digest = await compile(WEEK);
      const content: DigestContent = digest.content;
      const initiativesIn = (rows: { initiativeId: string }[]) => new Set(rows.map((r) => r.initiativeId));
      expect(initiativesIn(content.closedCycles)).toEqual(new Set([open.initiativeId, closedOnly.initiativeId]));
      expect(initiativesIn(content.indicatorTrends)).toEqual(new Set([open.initiativeId, closedOnly.initiativeId]));
      expect(initiativesIn(content.evidence)).toEqual(new Set([open.initiativeId]));
      expect(initiativesIn(content.overdueCheckIns)).toEqual(new Set([open.initiativeId]));
      for (const shown of [digest.html, digest.text]) {
        expect(shown).toContain(titles.open);
        expect(shown).toContain(titles.closedOnly);
        expect(shown).not.toContain(titles.quiet);
      }
      for (const mail of await mailsOf(WEEK)) expect(`${mail.textBody}${mail.htmlBody}`).not.toContain(titles.quiet);
    });
  });

  describe("each person's frequency", () => {
    it('switches to monthly from the signed link in the digest email, no sign-in needed', async () => {
      const mail = (await mailsOf(WEEK)).find((m) => m.toAddress === viaLink.email)!;
      const link = preferencesLinkIn(mail.textBody)!;
      expect(link).toMatch(new RegExp(`^${APP_URL}/api/v1/digest-preferences\\?token=${viaLink.id}\\.\\d+\\.[\\w-]+$`));
      expect(mail.htmlBody).toContain(`${APP_URL}/api/v1/digest-preferences?token&#x3D;${viaLink.id}.`);
      expect(mail.headers?.['List-Unsubscribe']).toMatch(/\/api\/v1\/unsubscribe\?token=/);

      const path = link.slice(APP_URL.length);
      const page = await t.http().get(path).set('accept', 'text/html').expect(200);
      expect(page.text).toMatch(/gets every week/);
      const monthly = page.text
        .match(/action="([^"]*frequency(?:=|&#x3D;)monthly)"/)![1]
        .replace(/&amp;/g, '&')
        .replace(/&#x3D;/g, '=');
      const saved = await t.http().post(monthly).set('accept', 'text/html').type('form').send('').expect(200);
      expect(saved.text).toMatch(/Saved: .* gets once a month/);
      const asJson = await t.http().get(path).set('accept', 'application/json').expect(200);
      expect(asJson.body).toMatchObject({ frequency: 'monthly', receivesDigest: true, email: expect.stringMatching(/^s\*+@library\.test$/) });
    });

    it('answers a changed link from a browser with a page that says what to do, and a HEAD changes nothing', async () => {
      const mail = (await mailsOf(WEEK)).find((m) => m.toAddress === weekly.email)!;
      const path = preferencesLinkIn(mail.textBody)!.slice(APP_URL.length);
      const page = await t.http().get(path.replace(weekly.id, viaApp.id)).set('accept', 'text/html').expect(400);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toMatch(/This link is not valid/);
      expect(page.text).toMatch(/latest digest email/);
      expect(page.text).toMatch(/under Settings/);
      await t.http().head(path).expect(200);
      expect((await t.http().get(path).set('accept', 'application/json').expect(200)).body.frequency).toBe('weekly');
    });

    it('switches to monthly in the app, through /me/digest-preferences', async () => {
      expect((await c.as(viaApp.token).get('/api/v1/me/digest-preferences').expect(200)).body).toMatchObject({
        frequency: 'weekly',
        receivesDigest: true,
        monthlyRule: expect.stringMatching(/1st of each month, covering the whole calendar month before/),
      });
      expect((await c.as(viaApp.token).put('/api/v1/me/digest-preferences', { frequency: 'monthly' }).expect(200)).body.frequency).toBe('monthly');
      expect((await c.as(viaApp.token).get('/api/v1/me/digest-preferences').expect(200)).body.frequency).toBe('monthly');
      await c.as(viaApp.token).put('/api/v1/me/digest-preferences', { frequency: 'fortnightly' }).expect(400);
      await c.as(viaApp.token).put('/api/v1/me/digest-preferences', { frequency: 'monthly', extra: 1 }).expect(400);
      expect((await c.as(c.adminToken).get('/api/v1/me/digest-preferences').expect(200)).body.receivesDigest).toBe(false);
    });

    it('sends monthly readers only the monthly digest of the whole month, weekly readers only the weekly ones', async () => {
      await checkInHeld('2026-03-17T15:00:00Z');
      await compile(NEXT_WEEK);
      const second = await sentTo(NEXT_WEEK);
      expect(second).toContain(weekly.email);
      expect(second).not.toContain(viaLink.email);
      expect(second).not.toContain(viaApp.email);
      const march = await compile(MARCH, 'monthly');
      expect(march).toMatchObject({ series: 'monthly', periodStart: '2026-03-01', periodEnd: '2026-03-31', status: 'sent' });
      const monthly = await sentTo(MARCH, 'monthly');
      expect(monthly).toEqual(expect.arrayContaining([viaLink.email, viaApp.email]));
      expect(monthly).not.toContain(weekly.email);
    });

    it('chooses no digest, or weekly again after unsubscribing, and refuses a changed link', async () => {
      const mail = (await mailsOf(WEEK)).find((m) => m.toAddress === weekly.email)!;
      const path = preferencesLinkIn(mail.textBody)!.slice(APP_URL.length);
      expect((await t.http().post(`${path}&frequency=none`).expect(200)).body).toMatchObject({ frequency: 'none' });
      await t.http().post(path).expect(400);
      await t.http().post(`${path}x&frequency=weekly`).expect(400);
      await t.http().get(path.replace(weekly.id, viaApp.id)).set('accept', 'application/json').expect(400);

      // The one-click unsubscribe and "no digest" are one state: clicking it afterwards changes nothing.
      await t
        .http()
        .post(mail.headers!['List-Unsubscribe'].slice(APP_URL.length + 1, -1))
        .type('form')
        .send('List-Unsubscribe=One-Click')
        .expect(200);
      expect((await t.http().get(path).set('accept', 'application/json').expect(200)).body.frequency).toBe('none');
      // Unsubscribed by the link, weekly again from the app.
      const viaAppMail = (await mailsOf(WEEK)).find((m) => m.toAddress === viaApp.email)!;
      await t
        .http()
        .post(viaAppMail.headers!['List-Unsubscribe'].slice(APP_URL.length + 1, -1))
        .type('form')
        .send('List-Unsubscribe=One-Click')
        .expect(200);
      expect((await c.as(viaApp.token).put('/api/v1/me/digest-preferences', { frequency: 'weekly' }).expect(200)).body.frequency).toBe('weekly');

      await checkInHeld('2026-04-07T15:00:00Z');
      await compile(AFTER);
      const fourth = await sentTo(AFTER);
      expect(fourth).toContain(viaApp.email);
      expect(fourth).not.toContain(weekly.email);
      expect(fourth).not.toContain(viaLink.email);
    });
  });
});
