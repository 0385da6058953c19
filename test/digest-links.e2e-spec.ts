import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import { FixedClock } from '@r2c/core';
import { OutboxMessage } from '@r2c/notify/entities';
import { CompileDigest, DigestPeriod } from '@r2c/reports';
import { checkInHeldAt } from './support/digest-news';
import { ADMIN_ENV, Coalition, Person } from './support/fixtures';
import { withBody } from './support/outbox-mail';
import { startTestApp, TestApp } from './support/test-app';

const APP_URL = 'http://r2c.test';
const WEEK: DigestPeriod = { start: '2026-03-09', end: '2026-03-15' };
const COMPILED_AT = new Date('2026-03-16T13:00:00Z');
const DAY = 24 * 3600 * 1000;

/** How long the unsubscribe and "how often" links in a digest email work, and for whom. */
describe('the links in a digest email', () => {
  let t: TestApp;
  let c: Coalition;
  let reader: Person;
  let leaver: Person;

  const clock = () => t.clock as FixedClock;
  const linksOf = async (person: Person) => {
    const mail = await withBody(
      t.app.get(DataSource),
      await t.app
        .get(DataSource)
        .getRepository(OutboxMessage)
        .findOneByOrFail({ idempotencyKey: `digest:${WEEK.start}_${WEEK.end}:${person.id}` }),
    );
    const unsubscribe = mail.headers!['List-Unsubscribe'].slice(APP_URL.length + 1, -1);
    const preferences = mail.textBody.match(/Choose weekly, monthly or no digest:\s*(\S+)/)![1].slice(APP_URL.length);
    return { unsubscribe, preferences };
  };
  /** Every way a link is used: opened, the unsubscribe button, a "how often" button. */
  const statuses = async (links: { unsubscribe: string; preferences: string }) => [
    (await t.http().get(links.unsubscribe).set('accept', 'text/html')).status,
    (await t.http().post(links.unsubscribe).set('accept', 'application/json').type('form').send('List-Unsubscribe=One-Click')).status,
    (await t.http().get(links.preferences).set('accept', 'text/html')).status,
    (await t.http().post(`${links.preferences}&frequency=monthly`).set('accept', 'application/json')).status,
  ];
  const frequency = async (person: Person) => (await c.as(person.token).get('/api/v1/me/digest-preferences').expect(200)).body.frequency;
  const subscribeAgain = (person: Person) => c.as(person.token).put('/api/v1/me/digest-preferences', { frequency: 'weekly' }).expect(200);

  beforeAll(async () => {
    t = await startTestApp({ env: { ...ADMIN_ENV, APP_URL, DIGEST_TIMEZONE: 'America/Chicago' }, withWorkers: false });
    c = new Coalition(t);
    await c.signInAdmin();
    reader = await c.person('subscriber');
    leaver = await c.person('subscriber');
    await checkInHeldAt(c, clock(), '2026-03-10T15:00:00Z');
    clock().set(COMPILED_AT);
    await t.app.get(CompileDigest).run(WEEK, null);
  });
  afterAll(async () => t?.close());
  afterEach(() => clock().set(COMPILED_AT));

  it('carry their expiry, 90 days after the digest, signed with the rest', async () => {
    const { unsubscribe } = await linksOf(reader);
    const token = new URL(unsubscribe, APP_URL).searchParams.get('token')!;
    const [id, expires, signature] = token.split('.');
    expect(id).toBe(reader.id);
    expect(new Date(Number(expires) * 1000)).toEqual(new Date(COMPILED_AT.getTime() + 90 * DAY));
    const later = `${id}.${Number(expires) + 90 * 24 * 3600}.${signature}`;
    await t.http().get(`/api/v1/unsubscribe?token=${later}`).set('accept', 'application/json').expect(400);
  });

  it('work for 90 days after the digest, then answer 410 with a page that says how to get a fresh link, and change nothing', async () => {
    const links = await linksOf(reader);
    clock().set(new Date(COMPILED_AT.getTime() + 89 * DAY));
    expect(await statuses(links)).toEqual([200, 200, 200, 200]);
    await subscribeAgain(reader);

    clock().set(new Date(COMPILED_AT.getTime() + 91 * DAY));
    expect(await statuses(links)).toEqual([410, 410, 410, 410]);
    expect(await frequency(reader)).toBe('weekly');
    const page = await t.http().get(links.unsubscribe).expect(410);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toMatch(/expired/);
    expect(page.text).toMatch(/latest digest email/);
    expect(page.text).toMatch(/under Settings/);
  });

  it('are refused with 403 and a page saying so once the account is deactivated, and work again once it is active', async () => {
    const links = await linksOf(leaver);
    await c.as(c.adminToken).patch(`/api/v1/users/${leaver.id}`, { active: false }).expect(200);
    expect(await statuses(links)).toEqual([403, 403, 403, 403]);
    const page = await t.http().get(links.preferences).expect(403);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toMatch(/not active/);
    await c.as(c.adminToken).patch(`/api/v1/users/${leaver.id}`, { active: true }).expect(200);
    expect(await statuses(links)).toEqual([200, 200, 200, 200]);
  });

  it('sent before the upgrade (no expiry in them) work for 90 days after the upgrade, then are refused', async () => {
    // The link every digest carried before links expired: `<id>.<signature>`, the same in every email.
    const legacy = `${reader.id}.${createHmac('sha256', t.runtime.config.secretKey).update(`r2c/digest-unsubscribe/v1:${reader.id}`).digest('base64url')}`;
    const links = { unsubscribe: `/api/v1/unsubscribe?token=${legacy}`, preferences: `/api/v1/digest-preferences?token=${legacy}` };
    const [row] = await t.app.get(DataSource).query(`SELECT applied_at FROM schema_upgrades WHERE name = 'digest_link_expiry'`);
    const upgradedAt = new Date(row.applied_at).getTime();
    expect(Math.abs(upgradedAt - Date.now())).toBeLessThan(10 * 60 * 1000);

    clock().set(new Date(upgradedAt + 89 * DAY));
    expect(await statuses(links)).toEqual([200, 200, 200, 200]);
    await subscribeAgain(reader);
    clock().set(new Date(upgradedAt + 91 * DAY));
    expect(await statuses(links)).toEqual([410, 410, 410, 410]);
    expect(await frequency(reader)).toBe('weekly');
  });
});
