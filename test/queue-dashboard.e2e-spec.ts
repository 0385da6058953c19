import { FixedClock } from '@r2c/core';
import { ADMIN_ENV, Coalition } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

const DASHBOARD = '/api/v1/admin/queues';
const SESSION = '/api/v1/admin/queue-dashboard/session';
const cookieOf = (setCookie: string) => setCookie.split(';')[0];

describe('the queue dashboard at /api/v1/admin/queues', () => {
  let t: TestApp;
  let c: Coalition;
  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV, withWorkers: false });
    c = new Coalition(t);
    await c.signInAdmin();
  });
  afterAll(async () => t?.close());

  /** Asks for a dashboard token and opens the address it names, as the web app's button does. */
  async function open(token = c.adminToken) {
    const session = await c.as(token).post(SESSION).expect(201);
    const opened = await t.http().get(session.body.url).expect(303);
    expect(opened.headers.location).toBe(DASHBOARD);
    return { session: session.body, setCookie: opened.headers['set-cookie'][0] };
  }

  it('gives only admins a dashboard token: a visitor gets 401, a librarian and a coach 403', async () => {
    await t.http().post(SESSION).expect(401);
    for (const role of ['librarian', 'coach'] as const) {
      const person = await c.person(role);
      const refused = await c.as(person.token).post(SESSION).expect(403);
      expect(refused.body.message).toMatch(/admin/);
    }
    const { session } = await open();
    expect(session).toEqual({ token: expect.any(String), expiresIn: 300, url: `${DASHBOARD}?token=${encodeURIComponent(session.token)}` });
    const openApi = await t.http().get('/docs-json').expect(200);
    expect(openApi.body.paths[SESSION].post.responses['201']).toBeDefined();
  });

  it('refuses a visitor without a token (401) and an ordinary access token anywhere: in ?token=, in the cookie, as Bearer (401)', async () => {
    const anonymous = await t.http().get(DASHBOARD).expect(401);
    expect(anonymous.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', message: expect.stringMatching(/queue dashboard/) });
    const librarian = await c.person('librarian');
    for (const token of [c.adminToken, librarian.token]) {
      const inQuery = await t.http().get(`${DASHBOARD}?token=${token}`).expect(401);
      expect(inQuery.headers['set-cookie']).toBeUndefined();
      await t.http().get(DASHBOARD).set('cookie', `r2c_queues=${token}`).expect(401);
      await t.http().get(`${DASHBOARD}/api/queues`).set('cookie', `r2c_queues=${token}`).expect(401);
      await t.http().get(DASHBOARD).set('authorization', `Bearer ${token}`).expect(401);
    }
  });

  it('shows an admin every queue through a short-lived HttpOnly, SameSite=Strict cookie scoped to the dashboard', async () => {
    const { setCookie } = await open();
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\/api\/v1\/admin\/queues(;|$)/);
    expect(setCookie).toMatch(/Max-Age=300(;|$)/);
    expect(setCookie).not.toMatch(/Secure/i); // this app's address is http://
    const page = await t.http().get(DASHBOARD).set('cookie', cookieOf(setCookie)).expect(200);
    expect(page.text).toContain('R2C Tracker queues');
    const queues = await t.http().get(`${DASHBOARD}/api/queues`).set('cookie', cookieOf(setCookie)).expect(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['digests', 'mail', 'notifications', 'reminders', 'summaries']);
  });

  it('refuses a dashboard token as a Bearer token on the API, and a changed one on the dashboard', async () => {
    const { session } = await open();
    await t.http().get('/api/v1/me').set('authorization', `Bearer ${session.token}`).expect(401);
    await t.http().get('/api/v1/admin/outbox').set('authorization', `Bearer ${session.token}`).expect(401);
    const [id, expires, signature] = session.token.split('.');
    const changed = [`${id}.${Number(expires) + 3600}.${signature}`, `${id}.${expires}.${signature.slice(0, -2)}xx`, `${id}.${expires}`];
    for (const token of changed) await t.http().get(DASHBOARD).set('cookie', `r2c_queues=${token}`).expect(401);
  });

  it('refuses a dashboard token once its admin is no longer one (403)', async () => {
    const second = await c.person('admin');
    const { setCookie } = await open(second.token);
    await c.as(c.adminToken).patch(`/api/v1/users/${second.id}`, { role: 'librarian' }).expect(200);
    await t.http().get(DASHBOARD).set('cookie', cookieOf(setCookie)).expect(403);
  });

  // Last: it moves this app's clock.
  it('refuses a dashboard token after its five minutes', async () => {
    const { setCookie } = await open();
    (t.clock as FixedClock).advance(299_000);
    await t.http().get(DASHBOARD).set('cookie', cookieOf(setCookie)).expect(200);
    (t.clock as FixedClock).advance(2_000);
    const expired = await t.http().get(DASHBOARD).set('cookie', cookieOf(setCookie)).expect(401);
    expect(expired.body.message).toMatch(/expired|open the dashboard again/i);
  });
});

describe('the queue dashboard behind https', () => {
  let t: TestApp;
  let c: Coalition;
  beforeAll(async () => {
    t = await startTestApp({ env: { ...ADMIN_ENV, APP_URL: 'https://tracker.coalition.org' }, withWorkers: false });
    c = new Coalition(t);
    await c.signInAdmin();
  });
  afterAll(async () => t?.close());

  it('marks the dashboard cookie Secure when APP_URL is https', async () => {
    const session = await c.as(c.adminToken).post(SESSION).expect(201);
    const opened = await t.http().get(session.body.url).expect(303);
    expect(opened.headers['set-cookie'][0]).toMatch(/;\s*Secure(;|$)/i);
  });
});
