import { DataSource } from 'typeorm';
import { Reads, SystemClock, Transactions } from '@r2c/core';
import { Signals } from '@r2c/jobs';
import { NewMail, OUTBOX_ADDED_SIGNAL, OutboxService } from '@r2c/notify';
import { OutboxMessage } from '@r2c/notify/entities';
import { ADMIN_ENV } from './support/fixtures';
import { TestRedis } from './support/redis-server';
import { TestSmtp } from './support/smtp-server';
import { startTestApp, TestApp } from './support/test-app';

/**
 * An email added by another process (an API-only process, the worker, the command line) reaches this
 * process's relay through a Redis signal, and leaves at once instead of at the relay's next poll.
 * Here the relay polls once a minute, so only the signal can move the email within the test.
 */
describe('outbox: an email added in another process leaves at once', () => {
  let redis: TestRedis;
  let smtp: TestSmtp;
  let t: TestApp;
  let elsewhere: { outbox: OutboxService; signals: Signals; tx: Transactions };

  const mail = (key: string): NewMail => ({
    kind: 'reminder',
    idempotencyKey: key,
    to: `${key}@library.test`,
    subject: 'Check-in due today: Community Conversations',
    text: 'A check-in for "Community Conversations" at Riverbend Public Library is due today.',
  });
  const arrived = async (key: string, withinMs: number) => {
    const until = Date.now() + withinMs;
    while (Date.now() < until) {
      if (smtp.to(`${key}@library.test`).length) return true;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return false;
  };

  beforeAll(async () => {
    redis = await new TestRedis().start();
    smtp = await new TestSmtp().start();
    t = await startTestApp({ env: { ...ADMIN_ENV, SMTP_URL: smtp.url, OUTBOX_POLL_MS: '60000' }, redis });
    // Another process's outbox: its own service, transactions and signals, on the same database and Redis.
    const dataSource = t.app.get(DataSource);
    const tx = new Transactions(dataSource);
    elsewhere = {
      outbox: new OutboxService(dataSource.getRepository(OutboxMessage), tx, new SystemClock(), new Reads(dataSource)),
      signals: new Signals({ url: redis.url }),
      tx,
    };
    elsewhere.outbox.attachAnnouncer(() => elsewhere.signals.publish(OUTBOX_ADDED_SIGNAL));
    await new Promise((resolve) => setTimeout(resolve, 300)); // the relay's first pass, at start, is over
  });
  afterAll(async () => {
    elsewhere?.signals.onApplicationShutdown();
    await t?.close();
    await smtp?.stop();
    await redis?.destroy();
  });

  it('waits for the next poll when nobody tells the relay', async () => {
    await elsewhere.tx.run((em) => elsewhere.outbox.add(em, [mail('unannounced')]));
    expect(await arrived('unannounced', 1500)).toBe(false);
  });

  it('is sent within moments when the adding process announces it after commit, and only once', async () => {
    await elsewhere.tx.run((em) => elsewhere.outbox.add(em, [mail('announced')]));
    const started = Date.now();
    elsewhere.outbox.kick();
    expect(await arrived('announced', 10000)).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
    // The pass it started took the one left waiting too.
    expect(await arrived('unannounced', 5000)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([smtp.to('announced@library.test').length, smtp.to('unannounced@library.test').length]).toEqual([1, 1]);
  });

  it('keeps working without Redis: the signal is lost, the add and the commit are not', async () => {
    const dataSource = t.app.get(DataSource);
    const offline = new OutboxService(dataSource.getRepository(OutboxMessage), elsewhere.tx, new SystemClock(), new Reads(dataSource));
    const quiet = new Signals({ url: 'redis://127.0.0.1:1' });
    offline.attachAnnouncer(() => quiet.publish(OUTBOX_ADDED_SIGNAL));
    try {
      await elsewhere.tx.run((em) => offline.add(em, [mail('no-redis')]));
      expect(() => offline.kick()).not.toThrow();
      expect(await arrived('no-redis', 1500)).toBe(false);
      expect(await dataSource.query(`SELECT status FROM outbox_messages WHERE idempotency_key = 'no-redis'`)).toEqual([{ status: 'queued' }]);
    } finally {
      quiet.onApplicationShutdown();
    }
  });
});
