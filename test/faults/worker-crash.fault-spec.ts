import { randomUUID } from 'node:crypto';
import sqlite3 from 'sqlite3';
import { TestRedis } from '../support/redis-server';
import { waitFor } from '../support/ports';
import { GatedSmtp } from './support/gated-smtp';
import { client, Spawned } from './support/spawned';
import { querySqlite } from './support/sqlite-file';
import { checkInHeldNow, weekHoldingToday } from '../support/digest-news';

const SUBSCRIBERS = 500;
const BEFORE_CRASH = 150;
/** Of the ten emails in flight at the crash, these many are accepted by the server and not yet marked sent. */
const IN_THE_WINDOW = 4;

/** Subscribers straight into the database: 500 argon2 hashes through the API would take minutes. */
async function addSubscribers(file: string, count: number): Promise<string[]> {
  const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
  const emails = Array.from({ length: count }, (_, i) => `subscriber-${i}@coalition.test`);
  const rows = emails.map((email, i) => [randomUUID(), email, `Subscriber ${i}`, 'subscriber', '!', 1, now, now]);
  await querySqlite(
    file,
    `INSERT INTO users (id, email, name, role, password_hash, active, created_at, updated_at) VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
    rows.flat(),
  );
  return emails;
}

/** Holds SQLite's write lock from outside, as a stalled disk would: the worker can send, but not mark a row sent. */
async function holdWriteLock(file: string): Promise<() => Promise<void>> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened: sqlite3.Database = new sqlite3.Database(file, (error) => (error ? reject(error) : resolve(opened)));
  });
  const run = (sql: string) => new Promise<void>((resolve, reject) => db.run(sql, (error) => (error ? reject(error) : resolve())));
  await run('PRAGMA busy_timeout = 5000');
  await run('BEGIN IMMEDIATE');
  return async () => {
    await run('ROLLBACK');
    await new Promise<void>((resolve) => db.close(() => resolve()));
  };
}

describe('worker killed mid-send: a digest to 500 subscribers', () => {
  const redis = new TestRedis();
  const smtp = new GatedSmtp();
  let api: Spawned;
  const workers: Spawned[] = [];

  beforeAll(async () => {
    await redis.start();
    await smtp.start();
  });
  afterAll(async () => {
    for (const w of workers) await w.destroy();
    await api?.destroy();
    await smtp.stop();
    await redis.destroy();
  });

  it('SIGKILL while sending, restart: every subscriber has exactly one digest; only emails accepted in the instant before their row was marked sent arrive again, with the same Message-ID and key', async () => {
    const env = { REDIS_URL: redis.url, SMTP_URL: smtp.url, MAIL_BACKOFF_MS: '200', OUTBOX_POLL_MS: '200' };
    api = await Spawned.start({ apiOnly: true, env });
    const c = api.coalition();
    const admin = await c.signInAdmin();
    await checkInHeldNow(c);
    const week = weekHoldingToday();
    const emails = await addSubscribers(api.sqliteFile, SUBSCRIBERS);
    const worker = () => Spawned.start({ kind: 'worker', dataDir: api.dataDir, env }).then((w) => (workers.push(w), w));
    const first = await worker();

    // The server takes 150 emails, then keeps the next ones waiting for its answer.
    smtp.acceptLimit = BEFORE_CRASH;
    expect((await client(api.base, admin).post('/api/v1/digests/run', week)).status).toBe(202);
    const sentRows = async () =>
      (await querySqlite<{ n: number }>(api.sqliteFile, "SELECT COUNT(*) AS n FROM outbox_messages WHERE kind = 'digest' AND status = 'sent'"))[0].n;
    await waitFor(
      async () => smtp.delivered.length === BEFORE_CRASH && smtp.held >= IN_THE_WINDOW + 1 && (await sentRows()) === BEFORE_CRASH,
      60000,
      '150 sent and more waiting at the server',
    );

    // The crash window, made wide on purpose: the database stalls, the server accepts a few of the
    // waiting emails, the worker cannot mark them sent, and then it is killed.
    const release = await holdWriteLock(api.sqliteFile);
    smtp.acceptHeld(IN_THE_WINDOW);
    const inTheWindow = smtp.delivered.slice(BEFORE_CRASH).map((d) => d.key);
    expect(inTheWindow).toHaveLength(IN_THE_WINDOW);
    expect((await first.stop('SIGKILL')).signal).toBe('SIGKILL');
    await release();
    expect(await sentRows()).toBe(BEFORE_CRASH);

    // A new worker finishes the job: the stalled mail jobs come back once their locks expire.
    smtp.open();
    await worker();
    await waitFor(async () => (await sentRows()) === SUBSCRIBERS, 120000, 'every digest email marked sent');

    const digests = await querySqlite<{ n: number }>(api.sqliteFile, 'SELECT COUNT(*) AS n FROM digests WHERE period_start = ?', [week.periodStart]);
    expect(digests).toEqual([{ n: 1 }]);
    const keysBySubscriber = new Map(emails.map((e) => [e, new Set(smtp.to(e).map((d) => d.key))]));
    expect([...keysBySubscriber.values()].filter((keys) => keys.size !== 1)).toEqual([]);
    // Raw repeats: only the emails caught in the window, each repeat identical in key and Message-ID.
    const copies = new Map<string, { n: number; ids: Set<string> }>();
    for (const d of smtp.delivered) {
      const entry = copies.get(d.key) ?? { n: 0, ids: new Set() };
      entry.n++;
      entry.ids.add(d.messageId);
      copies.set(d.key, entry);
    }
    const repeated = [...copies]
      .filter(([, c]) => c.n > 1)
      .map(([key]) => key)
      .sort();
    expect(repeated).toEqual([...inTheWindow].sort());
    expect([...copies.values()].every((c) => c.n <= 2 && c.ids.size === 1)).toBe(true);
    expect(smtp.delivered).toHaveLength(SUBSCRIBERS + IN_THE_WINDOW);
  }, 240000);
});
