import { ADMIN_ENV, Coalition } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

/** What the HTTP server did for every route under Express, kept on Fastify (apps/api/src/http). */
describe('the HTTP server: what Express did, kept', () => {
  let t: TestApp;
  let c: Coalition;
  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV, withWorkers: false });
    c = new Coalition(t);
    await c.signInAdmin();
  });
  afterAll(async () => t?.close());

  it('answers a GET with a weak ETag, and 304 with no body while the answer is unchanged', async () => {
    const first = await c.as(c.adminToken).get('/api/v1/libraries').expect(200);
    const tag = first.headers.etag;
    expect(tag).toMatch(/^W\/"[0-9a-f]+-[\w+/=]+"$/);
    const again = await c.as(c.adminToken).get('/api/v1/libraries').set('if-none-match', tag).expect(304);
    expect(again.text).toBeFalsy();

    await c.library({ name: 'Cedar Falls Public Library' });
    const changed = await c.as(c.adminToken).get('/api/v1/libraries').set('if-none-match', tag).expect(200);
    expect(changed.headers.etag).not.toBe(tag);
    expect(changed.body.items.map((l: { name: string }) => l.name)).toContain('Cedar Falls Public Library');
  });

  it('never answers 304 to a write, whatever If-None-Match says', async () => {
    const created = await c
      .as(c.adminToken)
      .post('/api/v1/libraries', { name: 'Harbor Town Library', city: 'Harbor', state: 'ME', communityType: 'rural', timezone: 'America/New_York' })
      .set('if-none-match', '*')
      .expect(201);
    expect(created.body.name).toBe('Harbor Town Library');
  });

  it('takes an empty JSON body as {}, so the route says what is missing', async () => {
    const res = await t.http().post('/api/v1/auth/login').set('content-type', 'application/json').send('').expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['email', 'password']));
  });

  it('refuses a JSON body that is a bare string or number with 400 in plain words', async () => {
    for (const body of ['"admin@coalition.org"', '42']) {
      const res = await t.http().post('/api/v1/auth/login').set('content-type', 'application/json').send(body).expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'The request body is not valid JSON.', details: [] });
    }
  });

  it('reads a body of another type as no body: the route lists what it needs (400, not 415)', async () => {
    const res = await t.http().post('/api/v1/auth/login').set('content-type', 'text/plain').send('email=admin').expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['email', 'password']));
  });

  it('reads an HTML form body', async () => {
    const res = await t.http().post('/api/v1/auth/login').type('form').send({ email: ADMIN_ENV.ADMIN_EMAIL, password: ADMIN_ENV.ADMIN_PASSWORD }).expect(200);
    expect(res.body.accessToken).toEqual(expect.any(String));
  });

  it('answers a path with a trailing slash as the path without it', async () => {
    const res = await c.as(c.adminToken).get('/api/v1/libraries/').expect(200);
    expect(Array.isArray(res.body.items)).toBe(true);
  });

  it('answers an address with a broken %-escape with 400 in the one error shape, saying what is wrong', async () => {
    for (const path of ['/api/v1/cycles/%E0%A4%A', '/api/v1/libraries/%', '/%']) {
      const res = await t.http().get(path).expect(400);
      expect(res.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: expect.stringMatching(/not followed by two hexadecimal digits/),
        details: [],
      });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toEqual(expect.any(String));
    }
  });

  it('sets the security headers on refusals made before any route runs (413, unknown path)', async () => {
    const tooLarge = await t
      .http()
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ email: 'x'.repeat(600_000) }))
      .expect(413);
    const unknown = await t.http().get('/api/v1/no-such-thing').expect(404);
    for (const res of [tooLarge, unknown]) {
      expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-type']).toMatch(/^application\/json/);
    }
  });
});

describe('the HTTP server with CORS_ORIGINS set', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { ...ADMIN_ENV, CORS_ORIGINS: 'https://tracker.coalition.example' }, withWorkers: false });
  });
  afterAll(async () => t?.close());

  it('lets the listed origin call the API from a browser, and no other', async () => {
    const preflight = await t
      .http()
      .options('/api/v1/auth/login')
      .set('origin', 'https://tracker.coalition.example')
      .set('access-control-request-method', 'POST')
      .set('access-control-request-headers', 'content-type');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://tracker.coalition.example');

    const signIn = await t
      .http()
      .post('/api/v1/auth/login')
      .set('origin', 'https://tracker.coalition.example')
      .send({ email: ADMIN_ENV.ADMIN_EMAIL, password: ADMIN_ENV.ADMIN_PASSWORD })
      .expect(200);
    expect(signIn.headers['access-control-allow-origin']).toBe('https://tracker.coalition.example');

    const elsewhere = await t.http().options('/api/v1/auth/login').set('origin', 'https://elsewhere.example').set('access-control-request-method', 'POST');
    expect(elsewhere.headers['access-control-allow-origin']).toBeUndefined();
  });
});
