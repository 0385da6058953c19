import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Person } from '../support/fixtures';
import { waitFor } from '../support/ports';
import { TestRedis } from '../support/redis-server';
import { GatedSmtp } from './support/gated-smtp';
import { startPostgres, Postgres } from './support/postgres';
import { client, Spawned } from './support/spawned';
import { checkInHeldNow, weekHoldingToday } from '../support/digest-news';

const SUBSCRIBERS = 40;
const PILOTS = 4;

describe('past one machine: two API processes and two workers on one PostgreSQL and one Redis', () => {
  const redis = new TestRedis();
  const smtp = new GatedSmtp();
  let pg: Postgres;
  let db: Client;
  const processes: Spawned[] = [];
  let apis: Spawned[];
  let admin: string;
  const pilots: { initiativeId: string; librarian: Person; coach: Person }[] = [];
  const subscribers: string[] = [];
  const count = async (sql: string, params: unknown[] = []) => Number((await db.query(sql, params)).rows[0].n);

  beforeAll(async () => {
    [pg] = await Promise.all([startPostgres(), redis.start(), smtp.start()]);
    db = new Client({ connectionString: pg.url });
    await db.connect();
    const env = {
      DATABASE_URL: pg.url,
      REDIS_URL: redis.url,
      SMTP_URL: smtp.url,
      SECRET_KEY: randomBytes(36).toString('base64url'),
      MAIL_BACKOFF_MS: '200',
      OUTBOX_POLL_MS: '200',
    };
    // Started together on an empty database: migrations and the first admin must happen once.
    apis = await Promise.all([Spawned.start({ apiOnly: true, env }), Spawned.start({ apiOnly: true, env })]);
    processes.push(...apis);
    processes.push(...(await Promise.all([Spawned.start({ kind: 'worker', env }), Spawned.start({ kind: 'worker', env })])));

    const c = apis[0].coalition();
    admin = await c.signInAdmin();
    for (let i = 0; i < PILOTS; i++) pilots.push(await c.pilot({ startDate: '2026-01-05', checkInCadenceDays: 14 }));
    await checkInHeldNow(c);
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const email = `subscriber-${i}@coalition.test`;
      await db.query(
        "INSERT INTO users (id, email, name, role, password_hash, active, created_at, updated_at) VALUES ($1, $2, $3, 'subscriber', '!', true, now(), now())",
        [randomUUID(), email, `Subscriber ${i}`],
      );
      subscribers.push(email);
    }
  }, 120000);
  afterAll(async () => {
    for (const p of processes) await p.destroy();
    await db?.end();
    await pg?.stop();
    await smtp.stop();
    await redis.destroy();
  });

  it('started both API processes at once with one set of migrations and one first admin', async () => {
    expect(await count("SELECT COUNT(*) AS n FROM users WHERE role = 'admin'")).toBe(1);
    expect(await count('SELECT COUNT(*) AS n FROM migrations')).toBe(await count('SELECT COUNT(DISTINCT name) AS n FROM migrations'));
  });

  it('answers two concurrent "create cycle" requests on different API processes with one 201 and one 409', async () => {
    for (const pilot of pilots) {
      const body = { title: 'Cycle 1: bilingual welcome at the door', plannedStart: '2026-03-02', plannedEnd: '2026-04-13' };
      const statuses = await Promise.all(
        apis.map((api) =>
          client(api.base, pilot.librarian.token)
            .post(`/api/v1/initiatives/${pilot.initiativeId}/cycles`, body)
            .then((r) => r.status),
        ),
      );
      expect(statuses.sort()).toEqual([201, 409]);
      expect(await count('SELECT COUNT(*) AS n FROM cycles WHERE initiative_id = $1', [pilot.initiativeId])).toBe(1);
    }
  });

  it('sends each reminder and each digest exactly once while both APIs ask for scans and runs at the same time and both workers work', async () => {
    const post = (api: Spawned, path: string, body?: object) =>
      client(api.base, admin)
        .post(path, body)
        .then((r) => r.status);
    const asks: Promise<number>[] = [];
    for (let round = 0; round < 3; round++) {
      for (const api of apis) {
        asks.push(post(api, '/api/v1/admin/reminders/run'));
        asks.push(post(api, '/api/v1/digests/run', weekHoldingToday()));
      }
    }
    expect(new Set(await Promise.all(asks))).toEqual(new Set([202]));

    const recipients = SUBSCRIBERS + PILOTS * 2;
    await waitFor(
      async () => (await count("SELECT COUNT(*) AS n FROM outbox_messages WHERE kind = 'digest'")) === recipients,
      60000,
      'a digest email for every recipient',
    );
    await waitFor(
      async () =>
        (await count("SELECT COUNT(*) AS n FROM outbox_messages WHERE status <> 'sent'")) === 0 &&
        smtp.delivered.length === (await count('SELECT COUNT(*) AS n FROM outbox_messages')),
      60000,
      'every email sent',
    );

    expect(await count('SELECT COUNT(*) AS n FROM digests WHERE period_start = $1', [weekHoldingToday().periodStart])).toBe(1);
    const keys = smtp.delivered.map((d) => d.key);
    expect(keys.length).toBe(new Set(keys).size);
    for (const email of subscribers) expect(smtp.to(email).filter((d) => /digest/i.test(d.key))).toHaveLength(1);
    for (const pilot of pilots) {
      expect(smtp.to(pilot.librarian.email).filter((d) => /^reminder/.test(d.key))).toHaveLength(1);
      expect(smtp.to(pilot.coach.email).filter((d) => /^reminder/.test(d.key))).toHaveLength(0);
      expect(smtp.to(pilot.coach.email).filter((d) => /^escalation/.test(d.key))).toHaveLength(1);
    }
  }, 120000);
});
