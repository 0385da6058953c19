import { DataSource } from 'typeorm';
import { FixedClock } from '@r2c/core';
import { ADMIN_ENV, Coalition, PASSWORD, Person } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

const WRONG = 'wrong-password-x';
const EMAIL_LIMIT = 5;
const ADDRESS_LIMIT = 20;

/** Every request reaches the app from 127.0.0.1, a trusted proxy by default; X-Forwarded-For names the client. */
describe('sign-in throttling', () => {
  let t: TestApp;
  let c: Coalition;
  let next = 0;
  const freshAddress = () => `198.51.100.${++next}`;

  const login = (email: string, password: string, address: string) =>
    t.http().post('/api/v1/auth/login').set('x-forwarded-for', address).send({ email, password });
  const statuses = (responses: { status: number }[]) => {
    const count: Record<number, number> = {};
    for (const r of responses) count[r.status] = (count[r.status] ?? 0) + 1;
    return count;
  };

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV, withWorkers: false });
    c = new Coalition(t);
    await c.signInAdmin();
  });
  afterAll(async () => t?.close());

  describe('concurrent attempts are counted as if sent one by one', () => {
    it('40 wrong passwords for one email at once, from 40 addresses: 5 answered 401, the other 35 answered 429', async () => {
      const victim = await c.person('librarian');
      const responses = await Promise.all(Array.from({ length: 40 }, () => login(victim.email, WRONG, freshAddress())));
      expect(statuses(responses)).toEqual({ 401: EMAIL_LIMIT, 429: 40 - EMAIL_LIMIT });
    });

    it('40 wrong passwords at once from one address, over many emails: 20 answered 401, 20 refused with 429 before checking', async () => {
      const address = freshAddress();
      const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => login(`nobody-${i}@library.test`, WRONG, address)));
      expect(statuses(responses)).toEqual({ 401: ADDRESS_LIMIT, 429: 40 - ADDRESS_LIMIT });
      expect(responses.find((r) => r.status === 429)!.body.message).toMatch(/Too many failed sign-in attempts/);
    });

    it('99 wrong passwords and the right one at once from one address: only 20 are checked, and the address is then refused', async () => {
      const victim = await c.person('librarian');
      const address = freshAddress();
      const burst = Array.from({ length: 100 }, (_, i) => login(victim.email, i === 50 ? PASSWORD : WRONG, address));
      const responses = await Promise.all(burst);
      const counted = statuses(responses);
      expect((counted[401] ?? 0) + (counted[200] ?? 0)).toBeLessThanOrEqual(ADDRESS_LIMIT);
      expect(counted[429]).toBeGreaterThanOrEqual(100 - ADDRESS_LIMIT);
      // Whatever the burst did, the address has used its attempts: the right password waits too.
      expect((await login(victim.email, PASSWORD, address)).status).toBe(429);
    });
  });

  describe('nobody can lock someone else out', () => {
    let victim: Person;
    beforeAll(async () => (victim = await c.person('coach')));

    it('after 5 wrong passwords for an email, a wrong one is refused with 429 but the right one still signs in', async () => {
      for (let i = 0; i < EMAIL_LIMIT; i++) expect((await login(victim.email, WRONG, freshAddress())).status).toBe(401);
      const refused = await login(victim.email, WRONG, freshAddress());
      expect(refused.status).toBe(429);
      expect(refused.body.message).toMatch(/Too many failed sign-in attempts/);
      const res = await login(victim.email, PASSWORD, freshAddress());
      expect(res.status).toBe(200);
      expect(res.body.accessToken).toEqual(expect.any(String));
    });

    it('20 failures from one address refuse that address, never the right password from another', async () => {
      const attacker = freshAddress();
      for (let i = 0; i < ADDRESS_LIMIT; i++) expect((await login(`guess-${i}@library.test`, WRONG, attacker)).status).toBe(401);
      expect((await login(victim.email, PASSWORD, attacker)).status).toBe(429);
      expect((await login(victim.email, PASSWORD, freshAddress())).status).toBe(200);
    });
  });

  it('forgets failures after 15 minutes, and the next right password clears the counters whose window has passed', async () => {
    const address = freshAddress();
    for (let i = 0; i < ADDRESS_LIMIT; i++) expect((await login(`late-${i}@library.test`, WRONG, address)).status).toBe(401);
    expect((await login('late@library.test', WRONG, address)).status).toBe(429);
    (t.clock as FixedClock).advance(15 * 60 * 1000);
    expect((await login('late@library.test', WRONG, address)).status).toBe(401);
    await c.person('subscriber'); // signs in with the right password
    const cutoff = t.clock.now().getTime() - 15 * 60 * 1000;
    const rows: { bucket: string; window_start_ms: string | number }[] = await t.app
      .get(DataSource)
      .query('SELECT bucket, window_start_ms FROM login_throttle');
    expect(rows.filter((r) => Number(r.window_start_ms) <= cutoff)).toEqual([]);
    expect(rows.find((r) => r.bucket === `address:${address}`)).toBeDefined();
  });

  it('with TRUST_PROXY=false, X-Forwarded-For names nobody: the connection’s own address is counted', async () => {
    const strict = await startTestApp({ env: { ...ADMIN_ENV, TRUST_PROXY: 'false' }, withWorkers: false, redis: t.redis });
    try {
      const send = (i: number) =>
        strict
          .http()
          .post('/api/v1/auth/login')
          .set('x-forwarded-for', `203.0.113.${i + 1}`)
          .send({ email: `nobody-${i}@library.test`, password: WRONG });
      const answers = [];
      for (let i = 0; i < ADDRESS_LIMIT + 1; i++) answers.push((await send(i)).status);
      expect(answers.slice(0, ADDRESS_LIMIT).every((s) => s === 401)).toBe(true);
      expect(answers[ADDRESS_LIMIT]).toBe(429);
    } finally {
      await strict.close();
    }
  });
  it('with TRUST_PROXY=1, the address one proxy names is the client: failures from many clients behind it are not added up', async () => {
    const behindOne = await startTestApp({ env: { ...ADMIN_ENV, TRUST_PROXY: '1' }, withWorkers: false, redis: t.redis });
    try {
      const send = (forwardedFor: string, i: number) =>
        behindOne
          .http()
          .post('/api/v1/auth/login')
          .set('x-forwarded-for', forwardedFor)
          .send({ email: `someone-${i}@library.test`, password: WRONG });
      const many = [];
      for (let i = 0; i < ADDRESS_LIMIT + 1; i++) many.push((await send(`203.0.113.${i + 1}`, i)).status);
      expect(many.every((s) => s === 401)).toBe(true);
      // What a client puts before the proxy's entry is not believed: these are all one client.
      const one = [];
      for (let i = 0; i < ADDRESS_LIMIT + 1; i++) one.push((await send(`10.9.9.${i + 1}, 198.51.100.7`, i)).status);
      expect(one.slice(0, ADDRESS_LIMIT).every((s) => s === 401)).toBe(true);
      expect(one[ADDRESS_LIMIT]).toBe(429);
    } finally {
      await behindOne.close();
    }
  });
});
