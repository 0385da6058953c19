import { FixedClock } from '@r2c/core';
import { ADMIN_ENV, Coalition, Person } from './support/fixtures';
import { waitFor } from './support/ports';
import { TestRedis } from './support/redis-server';
import { TestSmtp } from './support/smtp-server';
import { startTestApp, TestApp } from './support/test-app';

describe('Redis down while the API takes writes', () => {
  let t: TestApp;
  let c: Coalition;
  const redis = new TestRedis();
  const smtp = new TestSmtp();
  const clock = new FixedClock(new Date('2026-03-09T12:00:00Z'));
  const pilots: { initiativeId: string; librarian: Person; coach: Person }[] = [];

  beforeAll(async () => {
    await redis.start();
    await smtp.start();
    t = await startTestApp({ env: { ...ADMIN_ENV, SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100', MAIL_BACKOFF_MS: '50' }, redis, clock });
    c = new Coalition(t);
    await c.signInAdmin();
    for (let i = 0; i < 5; i++) {
      const libraryId = await c.library({ timezone: 'America/New_York' });
      const initiativeId = await c.initiative(libraryId, { checkInCadenceDays: 7, startDate: '2026-03-02' });
      const librarian = await c.person('librarian');
      const coach = await c.person('coach');
      await c.member(initiativeId, librarian, 'librarian');
      await c.member(initiativeId, coach, 'coach');
      pilots.push({ initiativeId, librarian, coach });
    }
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
    await redis.destroy();
  });

  it('answers every write with 2xx, and sends each queued email exactly once after Redis is back', async () => {
    await redis.stop();
    await waitFor(async () => (await t.http().get('/health')).status === 503, 10000, 'health 503');

    // Writes of every kind keep working: check-ins, a cycle with evidence, and the reminder scan (09:00 New York).
    clock.set('2026-03-09T13:00:00Z');
    const statuses: number[] = [];
    for (const p of pilots.slice(0, 3)) {
      statuses.push((await c.as(p.librarian.token).post(`/api/v1/initiatives/${p.initiativeId}/check-ins`, { note: 'Held while Redis was down' })).status);
    }
    const p = pilots[4];
    const cycle = await c
      .as(p.librarian.token)
      .post(`/api/v1/initiatives/${p.initiativeId}/cycles`, { title: 'Offline', plannedStart: '2026-03-02', plannedEnd: '2026-04-13' });
    statuses.push(cycle.status);
    const run = await c.as(c.adminToken).post('/api/v1/admin/reminders/run');
    statuses.push(run.status);
    expect(statuses).toEqual([201, 201, 201, 201, 202]);
    expect(run.body).toMatchObject({ queued: false, result: { emailsAdded: 2 } }); // the two pilots without a check-in

    const waiting = await c.as(c.adminToken).get('/api/v1/admin/outbox?status=queued').expect(200);
    expect(waiting.body.total).toBe(2);
    expect(smtp.received).toHaveLength(0);

    await redis.start();
    await waitFor(async () => (await t.http().get('/health')).status === 200, 15000, 'health 200');
    await waitFor(async () => smtp.received.length >= 2, 20000, 'the waiting reminders');
    await new Promise((r) => setTimeout(r, 1000)); // a duplicate would show up by now
    const keys = smtp.received.map((m) => m.key);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(2);
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual([pilots[3].librarian.email, pilots[4].librarian.email].sort());
    const sent = await c.as(c.adminToken).get('/api/v1/admin/outbox?status=sent').expect(200);
    expect(sent.body.total).toBe(2);
  });
});
