import { ConflictException, NotFoundException } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Transactions } from '@r2c/core';
import { QueueName } from '@r2c/jobs';
import { mailJobId, NewMail, OutboxService, OutboxStatus, PermanentMailError, SmtpMailTransport } from '@r2c/notify';
import { OutboxMessage } from '@r2c/notify/entities';
import { OutboxRelay } from '@r2c/workers';
import { freePort, jobReaches, waitFor } from './support/ports';
import { TestRedis } from './support/redis-server';
import { ReceivedMail, TestSmtp } from './support/smtp-server';
import { startTestApp, TestApp } from './support/test-app';

// The suite starts real Redis, SMTP and database servers and stops Redis once.
jest.setTimeout(60000);

const BACKOFF_MS = 50;
const MAX_ATTEMPTS = 3;

/** Makes the TestSmtp refuse chosen deliveries, and notes when each delivery was tried and how it was answered. */
class SmtpScript {
  readonly tries: { at: number; refusedWith?: number }[] = [];
  private planned: number[] = [];
  private always?: number;

  constructor(smtp: TestSmtp) {
    let answer: { code: number; message: string } | undefined | null = null;
    Object.defineProperty(smtp, 'refuse', {
      configurable: true,
      // TestSmtp reads `refuse` several times while answering one delivery: decide once per delivery.
      get: () => {
        if (answer === null) {
          const code = this.planned.shift() ?? this.always;
          answer = code ? { code, message: code >= 500 ? '5.1.1 Mailbox unavailable' : '4.3.0 Try again later' } : undefined;
          this.tries.push({ at: Date.now(), refusedWith: code });
          queueMicrotask(() => (answer = null));
        }
        return answer;
      },
    });
  }

  refuseNext(count: number, code: number): void {
    this.planned.push(...Array<number>(count).fill(code));
  }

  refuseAll(code: number): void {
    this.always = code;
  }

  accept(): void {
    this.planned = [];
    this.always = undefined;
    this.tries.length = 0;
  }
}

describe('mail outbox', () => {
  const run = randomBytes(3).toString('hex');
  let counter = 0;
  let redis: TestRedis;
  let smtp: TestSmtp;
  let script: SmtpScript;
  let t: TestApp;
  let outbox: OutboxService;
  let relay: OutboxRelay;
  let transactions: Transactions;
  let queue: Queue;

  beforeAll(async () => {
    redis = await new TestRedis().start();
    smtp = await new TestSmtp().start();
    script = new SmtpScript(smtp);
    t = await startTestApp({
      env: { SMTP_URL: smtp.url, MAIL_BACKOFF_MS: String(BACKOFF_MS), MAIL_MAX_ATTEMPTS: String(MAX_ATTEMPTS), OUTBOX_POLL_MS: '100' },
      redis,
    });
    outbox = t.app.get(OutboxService);
    relay = t.app.get(OutboxRelay);
    transactions = t.app.get(Transactions);
    queue = t.app.get<Queue>(getQueueToken(QueueName.Mail));
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
    await redis?.destroy();
  });

  afterEach(() => script.accept());

  // Short keys: the test server reads X-R2C-Key from one header line, which a long value would fold.
  const key = (what: string) => `${what}-${run}-${++counter}`;
  const mail = (idempotencyKey: string, overrides: Partial<NewMail> = {}): NewMail => ({
    idempotencyKey,
    kind: 'reminder',
    to: 'ana@library.org',
    subject: `Check-in due (${idempotencyKey})`,
    text: 'Your check-in is due.',
    ...overrides,
  });
  const addInTransaction = async (mails: NewMail[]) => {
    const added = await transactions.run((em) => outbox.add(em, mails));
    outbox.kick();
    return added;
  };
  const rows = () => t.app.get(DataSource).getRepository(OutboxMessage);
  const row = (idempotencyKey: string) => rows().findOneBy({ idempotencyKey });
  // nodemailer writes the header as "X-R2c-Key", which ReceivedMail.key (matched case-sensitively) misses.
  const keyOf = (received: ReceivedMail) => received.raw.match(/^X-R2C-Key:[ \t]*(.*)$/im)?.[1]?.trim();
  const deliveries = (idempotencyKey: string) => smtp.received.filter((m) => keyOf(m) === idempotencyKey).length;
  const jobOf = (message: OutboxMessage) => queue.getJob(mailJobId(message));

  /** Waits until the row reached `status` and BullMQ has finished its job, so no attempt of it is still to come. */
  const settled = (idempotencyKey: string, status: OutboxStatus) =>
    waitFor(
      async () => {
        const message = await row(idempotencyKey);
        if (message?.status !== status) return undefined;
        const state = await queue.getJobState(mailJobId(message));
        return state === 'completed' || state === 'failed' ? message : undefined;
      },
      20000,
      `${idempotencyKey} to be ${status}`,
    );

  it('keeps no email from a transaction that fails after adding it', async () => {
    const k = key('rollback');
    await expect(
      transactions.run(async (em) => {
        await outbox.add(em, [mail(k)]);
        throw new Error('the change itself failed');
      }),
    ).rejects.toThrow('the change itself failed');
    await relay.kick();
    expect(await row(k)).toBeNull();
    expect(deliveries(k)).toBe(0);
  });

  it('marks an email sent through the usual transaction when the one-script mark fails (SQLite)', async () => {
    const k = key('fallback');
    // On SQLite the "sent" marks are one script; a busy database refuses it and the usual transaction writes them.
    const refused = transactions.scripted
      ? jest.spyOn(transactions, 'runScript').mockRejectedValueOnce(new Error('SQLITE_BUSY: database is locked'))
      : undefined;
    try {
      await addInTransaction([mail(k)]);
      const sent = await settled(k, 'sent');
      expect(sent).toMatchObject({ status: 'sent', attempts: 1 });
      expect(sent.sentAt).toBeInstanceOf(Date);
      expect(deliveries(k)).toBe(1);
      expect(refused?.mock.calls.length ?? 1).toBeGreaterThan(0);
    } finally {
      refused?.mockRestore();
    }
  });

  it('stores and sends one email when the same idempotency key is added twice', async () => {
    const k = key('twice');
    expect(await addInTransaction([mail(k), mail(k, { subject: 'same key, same call' })])).toBe(1);
    expect(await addInTransaction([mail(k, { subject: 'same key, later call' })])).toBe(0);
    const sent = await settled(k, 'sent');
    expect(await rows().countBy({ idempotencyKey: k })).toBe(1);
    expect(sent.subject).toBe(`Check-in due (${k})`);
    await jobReaches(queue, mailJobId(sent), 'completed');
    expect(deliveries(k)).toBe(1);
    // Every time the outbox, the mail worker and the email's Date header record is the injected clock's.
    const now = t.clock.now();
    expect([sent.createdAt, sent.enqueuedAt, sent.sentAt, sent.updatedAt]).toEqual([now, now, now, now]);
    expect(smtp.received.find((m) => keyOf(m) === k)!.raw).toMatch(new RegExp(`^Date: ${now.toUTCString().replace('GMT', '\\+0000')}\r?$`, 'm'));
  });

  it('delivers 30 emails exactly once each', async () => {
    const keys = Array.from({ length: 30 }, () => key('batch'));
    expect(await addInTransaction(keys.map((k, i) => mail(k, { to: `reader${i}@library.org` })))).toBe(30);
    for (const k of keys) {
      const sent = await settled(k, 'sent');
      expect(sent.sentAt).toBeInstanceOf(Date);
      expect(sent.attempts).toBe(1);
    }
    expect(keys.map(deliveries)).toEqual(keys.map(() => 1));
    expect(smtp.to('reader7@library.org').map(keyOf)).toEqual([keys[7]]);
  });

  it('retries an SMTP 451 with exponential backoff and delivers once after the server recovers', async () => {
    const k = key('busy');
    script.refuseNext(2, 451);
    await addInTransaction([mail(k)]);
    const sent = await settled(k, 'sent');
    expect(deliveries(k)).toBe(1);
    expect(sent).toMatchObject({ attempts: 3, generation: 0 });
    expect(sent.lastError).toContain('451');
    const [first, second, third] = script.tries;
    expect(script.tries.map((x) => x.refusedWith)).toEqual([451, 451, undefined]);
    // BullMQ waits 50 ms after the first failure and 100 ms after the second (1 ms slack for timer rounding).
    expect(second.at - first.at).toBeGreaterThanOrEqual(BACKOFF_MS - 1);
    expect(third.at - second.at).toBeGreaterThanOrEqual(2 * BACKOFF_MS - 1);
  });

  it('marks an email dead at once when SMTP answers 550, without retrying', async () => {
    const k = key('rejected');
    script.refuseAll(550);
    await addInTransaction([mail(k)]);
    const dead = await settled(k, 'dead');
    expect(dead.attempts).toBe(1);
    expect(dead.lastError).toContain('550');
    await jobReaches(queue, mailJobId(dead), 'failed');
    const job = await jobOf(dead);
    expect(job!.attemptsMade).toBe(1);
    expect(script.tries).toHaveLength(1);
    expect(deliveries(k)).toBe(0);
  });

  it(`marks an email dead after ${MAX_ATTEMPTS} refused attempts, and an admin retry sends it exactly once when SMTP is back`, async () => {
    const k = key('down');
    script.refuseAll(451);
    await addInTransaction([mail(k)]);
    const dead = await settled(k, 'dead');
    expect(dead.attempts).toBe(MAX_ATTEMPTS);
    expect(dead.lastError).toContain('451');
    await jobReaches(queue, mailJobId(dead), 'failed');
    expect((await jobOf(dead))!.attemptsMade).toBe(MAX_ATTEMPTS);
    expect(script.tries).toHaveLength(MAX_ATTEMPTS);
    expect(deliveries(k)).toBe(0);

    script.accept();
    const retried = await outbox.retry(dead.id);
    expect(retried).toMatchObject({ status: 'queued', generation: 1, attempts: 0, enqueuedAt: null });
    const sent = await settled(k, 'sent');
    expect(sent).toMatchObject({ generation: 1, attempts: 1 });
    await jobReaches(queue, mailJobId(sent), 'completed');
    expect(deliveries(k)).toBe(1);
    expect((await outbox.list({ status: 'sent', limit: 100 })).items.map((m) => m.idempotencyKey)).toContain(k);
  });

  it('refuses to retry an email that was sent (409) or that does not exist (404)', async () => {
    const k = key('done');
    await addInTransaction([mail(k)]);
    const sent = await settled(k, 'sent');
    await expect(outbox.retry(sent.id)).rejects.toThrow(ConflictException);
    await expect(outbox.retry('00000000-0000-0000-0000-000000000000')).rejects.toThrow(NotFoundException);
    await expect(outbox.get('00000000-0000-0000-0000-000000000000')).rejects.toThrow(NotFoundException);
    expect((await outbox.get(sent.id)).idempotencyKey).toBe(k);
    expect(deliveries(k)).toBe(1);
  });

  it('lists the outbox newest first, filtered by status, at most 100 a page', async () => {
    const all = await outbox.list({ limit: 1000 });
    expect(all.items.length).toBe(Math.min(100, all.total));
    const created = all.items.map((m) => m.createdAt.getTime());
    expect(created).toEqual([...created].sort((a, b) => b - a));
    const dead = await outbox.list({ status: 'dead' });
    expect(dead.total).toBeGreaterThanOrEqual(1);
    expect(dead.items.every((m) => m.status === 'dead')).toBe(true);
    expect((await outbox.list({ limit: 2, offset: 1 })).items.map((m) => m.id)).toEqual(all.items.slice(1, 3).map((m) => m.id));
  });

  it('hands a queued email over again once Redis has lost its job for 10 minutes, and still sends it once', async () => {
    const k = key('lost');
    await queue.pause();
    let handedOver: OutboxMessage;
    try {
      await addInTransaction([mail(k)]);
      handedOver = await waitFor(
        async () => {
          const message = await row(k);
          return message?.enqueuedAt ? message : undefined;
        },
        10000,
        `${k} to be handed over`,
      );
      const jobId = mailJobId(handedOver);
      await queue.remove(jobId);

      await relay.kick();
      expect(await queue.getJobState(jobId)).toBe('unknown');

      const elevenMinutesAgo = new Date(t.clock.now().getTime() - 11 * 60 * 1000);
      await transactions.run((em) => em.update(OutboxMessage, { id: handedOver.id }, { enqueuedAt: elevenMinutesAgo }));
      await relay.kick();
      expect(await queue.getJobState(jobId)).not.toBe('unknown');
      expect((await row(k))!.enqueuedAt!.getTime()).toBeGreaterThan(elevenMinutesAgo.getTime());
    } finally {
      await queue.resume();
    }
    await settled(k, 'sent');
    expect(deliveries(k)).toBe(1);
  });

  it('puts a failed job back to work when its email is still queued (BullMQ gave up on it in two worker crashes), and sends it once', async () => {
    const k = key('stalled');
    script.refuseAll(451);
    await addInTransaction([mail(k)]);
    const dead = await settled(k, 'dead');
    const jobId = mailJobId(dead);
    await jobReaches(queue, jobId, 'failed');
    // What a job that stalled twice leaves behind: BullMQ says failed, the row never heard of it.
    const elevenMinutesAgo = new Date(t.clock.now().getTime() - 11 * 60 * 1000);
    await transactions.run((em) => em.update(OutboxMessage, { id: dead.id }, { status: 'queued', enqueuedAt: elevenMinutesAgo }));
    script.accept();
    await relay.kick();
    await settled(k, 'sent');
    expect(deliveries(k)).toBe(1);
    await jobReaches(queue, jobId, 'completed');
  });

  it('treats a refused SMTP connection as temporary, so it is retried rather than marked dead', async () => {
    const transport = new SmtpMailTransport(`smtp://127.0.0.1:${await freePort()}`, 'R2C <r2c@test.org>', t.clock);
    try {
      const error = await transport.send(mail(key('nobody'))).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect((error as Error).message).toMatch(/ECONNREFUSED/);
      expect(error).not.toBeInstanceOf(PermanentMailError);
    } finally {
      await transport.close();
    }
  });

  it('accepts 20 emails while Redis is down, loses none, and delivers each exactly once after Redis is back', async () => {
    const keys = Array.from({ length: 20 }, () => key('offline'));
    await redis.stop();
    try {
      const added = await Promise.all(keys.map((k) => addInTransaction([mail(k)])));
      expect(added).toEqual(keys.map(() => 1));
      await relay.kick();
      const waiting = await Promise.all(keys.map(row));
      expect(waiting.map((m) => m?.status)).toEqual(keys.map(() => 'queued'));
    } finally {
      await redis.start();
    }
    for (const k of keys) await settled(k, 'sent');
    expect(keys.map(deliveries)).toEqual(keys.map(() => 1));
  });
});
