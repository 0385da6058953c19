import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import sqlite3 from 'sqlite3';
import { Coalition } from '../support/fixtures';
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

const COACHES = 40;
const DAILY_COACHES = 10;
const REVIEW_BEFORE_CRASH = 12;
const REVIEW_IN_THE_WINDOW = 2;

/** Coaches of one initiative straight into the database, some wanting review emails once a day. */
async function addCoaches(file: string, initiativeId: string): Promise<{ immediately: string[]; daily: string[] }> {
  const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
  const people = Array.from({ length: COACHES }, (_, i) => ({ id: randomUUID(), email: `coach-${i}@coalition.test` }));
  await querySqlite(
    file,
    `INSERT INTO users (id, email, name, role, password_hash, active, created_at, updated_at) VALUES ${people.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
    people.flatMap((p, i) => [p.id, p.email, `Coach ${i}`, 'coach', '!', 1, now, now]),
  );
  await querySqlite(
    file,
    `INSERT INTO memberships (initiative_id, user_id, role, created_at) VALUES ${people.map(() => '(?, ?, ?, ?)').join(', ')}`,
    people.flatMap((p) => [initiativeId, p.id, 'coach', now]),
  );
  const daily = people.slice(0, DAILY_COACHES);
  await querySqlite(
    file,
    `INSERT INTO notification_settings (user_id, review_emails, updated_at) VALUES ${daily.map(() => '(?, ?, ?)').join(', ')}`,
    daily.flatMap((p) => [p.id, 'daily', now]),
  );
  return { immediately: people.slice(DAILY_COACHES).map((p) => p.email), daily: daily.map((p) => p.email) };
}

/** Walks a new cycle of the pilot up to its reflection, as its librarian does over HTTP; the caller sends it for review. */
async function cycleReadyForReview(c: Coalition, initiativeId: string, token: string): Promise<string> {
  const as = c.as(token);
  const expectOk = (res: { status: number; body: unknown }) => {
    if (res.status >= 300) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  const indicator = expectOk(await as.post(`/api/v1/initiatives/${initiativeId}/indicators`, { templateKey: 'attendance', baseline: 12, target: 18 })).body as {
    id: string;
  };
  const cycle = expectOk(
    await as.post(`/api/v1/initiatives/${initiativeId}/cycles`, { title: 'Bilingual welcome', plannedStart: '2026-03-02', plannedEnd: '2026-04-13' }),
  ).body as { id: string };
  const move = async (to: string) => expectOk(await as.post(`/api/v1/cycles/${cycle.id}/transitions`, { to }));
  expectOk(
    await as.put(`/api/v1/cycles/${cycle.id}/hypothesis`, {
      statement: 'If volunteers greet newcomer families at the door, then more of them will come back, because they will feel expected.',
      expectedOutcome: 'Attendance rises from 12 to 18',
      rationale: 'Families told us they were unsure they were welcome.',
      indicatorIds: [indicator.id],
    }),
  );
  await move('adaptation');
  expectOk(await as.put(`/api/v1/cycles/${cycle.id}/adaptation`, { description: 'Two volunteers greet families at the door.', implementedOn: '2026-03-09' }));
  await move('evidence');
  expectOk(
    await as.post(`/api/v1/cycles/${cycle.id}/evidence`, {
      kind: 'measurement',
      indicatorId: indicator.id,
      value: 17,
      observedOn: '2026-03-14',
      method: 'sign_in',
    }),
  );
  await move('reflection');
  expectOk(
    await as.put(`/api/v1/cycles/${cycle.id}/reflection`, { outcome: 'supported', insights: 'Attendance rose.', decision: 'continue', nextSteps: 'Keep it.' }),
  );
  return cycle.id;
}

describe('worker killed mid-send: review emails to the coaches of an initiative', () => {
  const redis = new TestRedis();
  const smtp = new GatedSmtp();
  let api: Spawned;
  let queue: Queue | undefined;
  const workers: Spawned[] = [];

  beforeAll(async () => {
    await redis.start();
    await smtp.start();
  });
  afterAll(async () => {
    await queue?.close();
    for (const w of workers) await w.destroy();
    await api?.destroy();
    await smtp.stop();
    await redis.destroy();
  });

  it('SIGKILL while sending, restart: no coach loses or gets twice the email of the event; the daily list goes once however often its job runs', async () => {
    const env = { REDIS_URL: redis.url, SMTP_URL: smtp.url, MAIL_BACKOFF_MS: '200', OUTBOX_POLL_MS: '200' };
    api = await Spawned.start({ apiOnly: true, env });
    const c = api.coalition();
    await c.signInAdmin();
    // Started today, so no check-in reminder joins the review emails at the server.
    const pilot = await c.pilot({ startDate: new Date().toISOString().slice(0, 10) });
    const coaches = await addCoaches(api.sqliteFile, pilot.initiativeId);
    const told = [...coaches.immediately, pilot.coach.email];
    const cycleId = await cycleReadyForReview(c, pilot.initiativeId, pilot.librarian.token);
    const worker = () => Spawned.start({ kind: 'worker', dataDir: api.dataDir, env }).then((w) => (workers.push(w), w));
    const first = await worker();

    smtp.acceptLimit = REVIEW_BEFORE_CRASH;
    const sent = await c.as(pilot.librarian.token).post(`/api/v1/cycles/${cycleId}/transitions`, { to: 'review' });
    expect(sent.status).toBe(200);
    const sentRows = async () =>
      (await querySqlite<{ n: number }>(api.sqliteFile, "SELECT COUNT(*) AS n FROM outbox_messages WHERE kind = 'review' AND status = 'sent'"))[0].n;
    await waitFor(
      async () => smtp.delivered.length === REVIEW_BEFORE_CRASH && smtp.held >= REVIEW_IN_THE_WINDOW + 1 && (await sentRows()) === REVIEW_BEFORE_CRASH,
      60000,
      'some review emails sent and more waiting at the server',
    );

    const release = await holdWriteLock(api.sqliteFile);
    smtp.acceptHeld(REVIEW_IN_THE_WINDOW);
    const inTheWindow = smtp.delivered.slice(REVIEW_BEFORE_CRASH).map((d) => d.key);
    expect(inTheWindow).toHaveLength(REVIEW_IN_THE_WINDOW);
    expect((await first.stop('SIGKILL')).signal).toBe('SIGKILL');
    await release();

    smtp.open();
    const second = await worker();
    await waitFor(async () => (await sentRows()) === told.length, 120000, 'every review email marked sent');

    const [event] = await querySqlite<{ id: string }>(api.sqliteFile, "SELECT id FROM audit_entries WHERE entity_id = ? AND action = 'transition:review'", [
      cycleId,
    ]);
    const inbox = await querySqlite<{ n: number }>(api.sqliteFile, 'SELECT COUNT(*) AS n FROM notifications WHERE event_id = ?', [event.id]);
    expect(inbox).toEqual([{ n: COACHES + 1 }]);
    for (const email of told) expect([email, [...new Set(smtp.to(email).map((d) => d.key))].length]).toEqual([email, 1]);
    for (const email of coaches.daily) expect(smtp.to(email)).toEqual([]);
    expect(new Set(smtp.delivered.map((d) => d.key))).toEqual(new Set(smtp.delivered.map((d) => d.key).filter((k) => k.startsWith(`review:${event.id}:`))));
    const copies = new Map<string, { n: number; ids: Set<string> }>();
    for (const d of smtp.delivered) {
      const entry = copies.get(d.key) ?? { n: 0, ids: new Set() };
      entry.n++;
      entry.ids.add(d.messageId);
      copies.set(d.key, entry);
    }
    const repeated = [...copies].filter(([, entry]) => entry.n > 1).map(([key]) => key);
    expect(repeated.every((key) => inTheWindow.includes(key))).toBe(true);
    expect([...copies.values()].every((entry) => entry.n <= 2 && entry.ids.size === 1)).toBe(true);
    expect(copies.size).toBe(told.length);

    // The daily list, asked for twice (a retried or doubled job): one email per daily coach.
    queue = new Queue('notifications', { connection: { host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: null } });
    await queue.add('daily', {});
    await waitFor(async () => coaches.daily.every((email) => smtp.to(email).length === 1), 60000, 'the daily lists');
    const rerun = await queue.add('daily', {});
    await waitFor(async () => ((await rerun.getState()) === 'completed' ? true : undefined), 60000, 'the second daily job');
    const dailySent = await querySqlite<{ n: number }>(api.sqliteFile, "SELECT COUNT(*) AS n FROM outbox_messages WHERE kind = 'review-daily'");
    expect(dailySent).toEqual([{ n: DAILY_COACHES }]);
    for (const email of coaches.daily) expect(smtp.to(email).map((d) => d.key)).toEqual([expect.stringMatching(/^review-daily:/)]);
    expect(second.running).toBe(true);
  }, 240000);
});
