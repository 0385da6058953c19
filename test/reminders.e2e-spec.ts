import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { FixedClock } from '@r2c/core';
import { QueueName } from '@r2c/jobs';
import { OutboxMessage } from '@r2c/notify/entities';
import { ReminderScan } from '@r2c/reminders';
import { ADMIN_ENV, Coalition, Person } from './support/fixtures';
import { waitFor } from './support/ports';
import { countQueries } from './support/query-counter';
import { TestRedis } from './support/redis-server';
import { TestSmtp } from './support/smtp-server';
import { startTestApp, TestApp } from './support/test-app';

describe('check-in reminders', () => {
  let t: TestApp;
  let c: Coalition;
  const redis = new TestRedis();
  const smtp = new TestSmtp();
  const clock = new FixedClock(new Date('2026-03-09T12:00:00Z'));
  let scan: ReminderScan;

  /** A weekly initiative starting Monday 2 March 2026 (first check-in due Monday 9 March) in a library of `timezone`. */
  async function pilotIn(timezone: string, status: 'active' | 'paused' | 'completed' = 'active') {
    const libraryId = await c.library({ timezone });
    const initiativeId = await c.initiative(libraryId, { checkInCadenceDays: 7, startDate: '2026-03-02' });
    const librarian = await c.person('librarian');
    const coach = await c.person('coach');
    await c.member(initiativeId, librarian, 'librarian');
    await c.member(initiativeId, coach, 'coach');
    if (status !== 'active') await c.as(c.adminToken).patch(`/api/v1/initiatives/${initiativeId}`, { status }).expect(200);
    return { initiativeId, librarian, coach };
  }
  const delivered = (p: Person) => smtp.to(p.email);
  /** Every email added so far has reached SMTP, so a count taken now will not move behind the test's back. */
  const quiet = async () =>
    waitFor(
      async () => {
        const rows = await t.app
          .get(DataSource)
          .getRepository(OutboxMessage)
          .find({ select: { status: true } });
        return rows.every((r) => r.status === 'sent') && smtp.received.length >= rows.length;
      },
      15000,
      'every email added to reach SMTP',
    );
  const settle = async (expectedTotal: number) => waitFor(async () => smtp.received.length >= expectedTotal, 15000, `${expectedTotal} emails at SMTP`);

  let newYork: Awaited<ReturnType<typeof pilotIn>>;
  let honolulu: Awaited<ReturnType<typeof pilotIn>>;
  let paused: Awaited<ReturnType<typeof pilotIn>>;
  let completed: Awaited<ReturnType<typeof pilotIn>>;

  beforeAll(async () => {
    await redis.start();
    await smtp.start();
    t = await startTestApp({ env: { ...ADMIN_ENV, SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100', MAIL_BACKOFF_MS: '50' }, redis, clock });
    c = new Coalition(t);
    await c.signInAdmin();
    scan = t.app.get(ReminderScan);
    newYork = await pilotIn('America/New_York');
    honolulu = await pilotIn('Pacific/Honolulu');
    paused = await pilotIn('America/Chicago', 'paused');
    completed = await pilotIn('America/Chicago', 'completed');
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
    await redis.destroy();
  });

  it('sends nothing before 09:00 on the due date in any library’s time zone', async () => {
    clock.set('2026-03-09T12:59:00Z'); // 08:59 in New York (EDT)
    expect((await scan.run()).emailsAdded).toBe(0);
  });

  it('reminds the New York librarian at 09:00 New York time, and not yet the one in Honolulu', async () => {
    clock.set('2026-03-09T13:00:00Z');
    expect((await scan.run()).emailsAdded).toBe(1);
    await settle(1);
    expect(delivered(newYork.librarian)).toHaveLength(1);
    expect(delivered(newYork.librarian)[0].subject).toContain('Check-in due today');
    expect(delivered(honolulu.librarian)).toHaveLength(0);
  });

  it('reminds the Honolulu librarian at 09:00 Honolulu time', async () => {
    clock.set('2026-03-09T18:59:00Z');
    expect((await scan.run()).emailsAdded).toBe(0);
    clock.set('2026-03-09T19:00:00Z');
    expect((await scan.run()).emailsAdded).toBe(1);
    await settle(2);
    expect(delivered(honolulu.librarian)).toHaveLength(1);
  });

  it('sends one reminder per due date: scanning again (also concurrently) adds nothing and nothing arrives twice', async () => {
    clock.set('2026-03-10T15:00:00Z');
    const results = await Promise.all([scan.run(), scan.run(), scan.run()]);
    expect(results.map((r) => r.emailsAdded)).toEqual([0, 0, 0]);
    await new Promise((r) => setTimeout(r, 500)); // give a wrongly queued duplicate time to show up
    expect(smtp.received).toHaveLength(2);
    const keys = smtp.received.map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('never reminds paused or completed initiatives', () => {
    for (const p of [paused, completed]) {
      expect(delivered(p.librarian)).toHaveLength(0);
      expect(delivered(p.coach)).toHaveLength(0);
    }
  });

  it('tells the coach too when the second due date passes with no check-in', async () => {
    clock.set('2026-03-16T13:00:00Z'); // 09:00 New York on the second due date
    expect((await scan.run()).emailsAdded).toBe(2); // the librarian's second reminder and the coach's
    await settle(4);
    expect(delivered(newYork.librarian)).toHaveLength(2);
    expect(delivered(newYork.coach)).toHaveLength(1);
    expect(delivered(newYork.coach)[0].subject).toContain('No check-in for 2 periods');
    expect(delivered(honolulu.coach)).toHaveLength(0);
  });

  it('restarts the clock from the latest check-in', async () => {
    clock.set('2026-03-16T20:00:00Z'); // 10:00 in Honolulu: its second due date has passed
    await c.as(honolulu.librarian.token).post(`/api/v1/initiatives/${honolulu.initiativeId}/check-ins`, { note: 'Two sessions held, 9 families.' }).expect(201);
    expect((await scan.run()).emailsAdded).toBe(0);
    clock.set('2026-03-23T18:59:00Z'); // a week later, 08:59 in Honolulu
    await scan.run();
    expect(delivered(honolulu.librarian)).toHaveLength(1);
    clock.set('2026-03-23T19:00:00Z');
    await scan.run();
    await waitFor(async () => delivered(honolulu.librarian).length === 2, 15000, 'the next Honolulu reminder');
    expect(delivered(honolulu.coach)).toHaveLength(0);
  });

  it('runs the scan now on POST /api/v1/admin/reminders/run (202), for admins only', async () => {
    await quiet(); // the earlier scans' emails, New York's third reminder among them, have all arrived
    clock.set('2026-03-30T13:00:00Z'); // New York's fourth due date
    const before = delivered(newYork.librarian).length;
    await c.as(newYork.librarian.token).post('/api/v1/admin/reminders/run').expect(403);
    const res = await c.as(c.adminToken).post('/api/v1/admin/reminders/run').expect(202);
    expect(res.body.queued).toBe(true);
    await waitFor(async () => delivered(newYork.librarian).length === before + 1, 15000, 'a reminder from the queued scan');
  });

  it('names in a late reminder the due date and days overdue the review queue shows, not "due today"', async () => {
    // Still 30 March, New York's fourth due date: its first due date (9 March) is three weeks past.
    const queue = (await c.as(newYork.coach.token).get('/api/v1/review-queue').expect(200)).body;
    const shown = queue.overdueCheckIns.find((o: { initiativeId: string }) => o.initiativeId === newYork.initiativeId);
    expect(shown).toMatchObject({ dueOn: '2026-03-09', daysOverdue: 21 });
    const stored = (key: string) => t.app.get(DataSource).getRepository(OutboxMessage).findOneByOrFail({ idempotencyKey: key });
    // The keys stay on the latest due date (one reminder each); the words follow the queue.
    const reminder = await stored(`reminder:${newYork.initiativeId}:2026-03-30:${newYork.librarian.id}`);
    const escalation = await stored(`escalation:${newYork.initiativeId}:2026-03-30:${newYork.coach.id}`);
    const words = `was due on ${shown.dueOn} and is ${shown.daysOverdue} days overdue`;
    expect(reminder.subject).toBe(`Check-in ${shown.daysOverdue} days overdue: ${shown.initiativeTitle}`);
    for (const mail of [reminder, escalation]) {
      expect(mail.textBody).toContain(words);
      expect(mail.htmlBody).toContain(words);
      expect(`${mail.subject}\n${mail.textBody}`).not.toContain('due today');
    }
  });

  it('registers a job scheduler that runs the scan every 15 minutes', async () => {
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Reminders));
    const schedulers = await waitFor(
      async () => {
        const list = await queue.getJobSchedulers();
        return list.length ? list : undefined;
      },
      10000,
      'the scheduler',
    );
    expect(schedulers).toEqual([expect.objectContaining({ key: 'check-in-reminders', every: 15 * 60 * 1000 })]);
  });

  it('reads the same number of queries for 4 initiatives as for 40 (no per-initiative query)', async () => {
    clock.set('2026-02-01T12:00:00Z'); // before any start date: nothing is due, so only the reads count
    const ds = t.app.get(DataSource);
    const scanTables = /\b(initiatives|memberships)\b/; // the workers' relays poll other tables meanwhile
    const few = await countQueries(ds, () => scan.run(), scanTables);
    const libraryId = await c.library({ timezone: 'America/Denver' });
    for (let i = 0; i < 36; i++) {
      const initiativeId = await c.initiative(libraryId, { startDate: '2026-03-02' });
      await c.member(initiativeId, newYork.librarian, 'librarian');
    }
    const many = await countQueries(ds, () => scan.run(), scanTables);
    expect(many.result.initiatives).toBeGreaterThanOrEqual(few.result.initiatives + 36);
    expect(many.queries.length).toBe(few.queries.length);
    expect(many.queries.length).toBeLessThanOrEqual(3);
  });
});
