import { performance } from 'node:perf_hooks';
import { ADMIN_ENV, Coalition } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

/** A body just under the 256 KB limit made of unknown keys once got a 2.4 MB answer listing every one. */
describe('validation answers stay small whatever the body holds', () => {
  let t: TestApp;
  let c: Coalition;
  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV, withWorkers: false });
    c = new Coalition(t);
    await c.signInAdmin();
  });
  afterAll(async () => t?.close());

  const unknownKeys = (n: number) => `{${Array.from({ length: n }, (_, i) => `"x${i}":0`).join(',')}}`;

  it('lists at most 20 problems and says how many more there were, for a 24,000-key login body', async () => {
    const body = unknownKeys(24000);
    expect(body.length).toBeGreaterThan(250_000); // 253 KB, under the 256 KB limit
    const started = performance.now();
    const res = await t.http().post('/api/v1/auth/login').set('content-type', 'application/json').send(body);
    const took = performance.now() - started;
    const size = Buffer.byteLength(res.text);
    process.stdout.write(`24,000 unknown keys: ${res.status}, ${size} bytes in ${Math.round(took)} ms\n`);

    expect(res.status).toBe(400);
    expect(res.body.details).toHaveLength(20);
    expect(res.body.details[0]).toEqual({ field: 'x0', problems: ['property x0 should not exist'] });
    // email and password are missing too: 24,000 + 2 problems in all.
    expect(res.body.message).toMatch(/^property x0 should not exist; .*; and 23982 more problems not listed here$/);
    expect(res.body.message.split('; ')).toHaveLength(21);
    expect(size).toBeLessThan(4096);
    expect(took).toBeLessThan(3000);
  });

  it('keeps a nested object of 24,000 unknown keys and a 200,000-character key cheap and small', async () => {
    const started = performance.now();
    const nested = await c.as(c.adminToken).put('/api/v1/cycles/6f1c7a52-93a8-4a43-9a67-0c6f3f1c2b11/adaptation', {
      description: 'Greeters at the door',
      implementedOn: '2026-03-09',
      gathering: JSON.parse(unknownKeys(24000)),
    });
    const took = performance.now() - started;
    process.stdout.write(`a nested object of 24,000 unknown keys: ${nested.status}, ${Buffer.byteLength(nested.text)} bytes in ${Math.round(took)} ms\n`);
    expect(nested.status).toBe(400);
    expect(nested.body.details).toEqual([
      { field: 'gathering', problems: ['gathering holds 24000 entries; a request holds at most 1000 in one list or object'] },
    ]);
    expect(Buffer.byteLength(nested.text)).toBeLessThan(4096);
    expect(took).toBeLessThan(1000);

    const long = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ ['k'.repeat(200_000)]: 1 })
      .expect(400);
    expect(Buffer.byteLength(long.text)).toBeLessThan(4096);
    expect(long.body.details[0].field).toBe(`${'k'.repeat(200)}…`);
  });

  it('lists every problem when there are 20 or fewer, with no word about more', async () => {
    const res = await c
      .as(c.adminToken)
      .post('/api/v1/libraries', JSON.parse(unknownKeys(3)))
      .expect(400);
    expect(res.body.details.length).toBeLessThanOrEqual(20);
    expect(res.body.message).not.toMatch(/more problems/);
    expect(res.body.details).toContainEqual({ field: 'x2', problems: ['property x2 should not exist'] });
  });
});
