import { randomUUID } from 'node:crypto';
import { Coalition } from '../support/fixtures';
import { waitFor } from '../support/ports';
import { GatedSmtp } from './support/gated-smtp';
import { client, json, Spawned } from './support/spawned';
import { querySqlite } from './support/sqlite-file';

const ATTEMPTS = 3;
const BACKOFF_MS = 300;

interface OutboxRow {
  id: string;
  key: string;
  status: string;
  attempts: number;
  lastError: string | null;
}

describe('SMTP refusing: connection refused, 4xx and 5xx (one process: API, workers, embedded Redis)', () => {
  const smtp = new GatedSmtp();
  let app: Spawned;
  let c: Coalition;
  let admin: string;
  let librarian: { id: string; token: string; initiativeId: string };
  let period = 0;

  /** Asks for a digest of a new week: one email per recipient. */
  async function digestEmails(): Promise<OutboxRow[]> {
    const start = new Date(Date.UTC(2026, 0, 5 + 7 * period++));
    const end = new Date(start.getTime() + 6 * 86400000);
    const day = (d: Date) => d.toISOString().slice(0, 10);
    // A week with nothing to report is skipped: a check-in held on its Wednesday (written straight in, the app runs on the real clock).
    const heldAt = new Date(start.getTime() + 2.5 * 86400000).toISOString().replace('T', ' ').replace('Z', '');
    await querySqlite(app.sqliteFile, "INSERT INTO check_ins (id, initiative_id, author_id, note, created_at) VALUES (?, ?, ?, 'Story time went well.', ?)", [
      randomUUID(),
      librarian.initiativeId,
      librarian.id,
      heldAt,
    ]);
    expect((await client(app.base, admin).post('/api/v1/digests/run', { periodStart: day(start), periodEnd: day(end) })).status).toBe(202);
    const key = `%${day(start)}%`;
    return waitFor(
      async () => {
        const rows = await rowsLike(key);
        return rows.length === 4 && rows;
      },
      20000,
      'the digest emails',
    );
  }
  const rowsLike = (key: string) =>
    querySqlite<OutboxRow>(
      app.sqliteFile,
      'SELECT id, idempotency_key AS key, status, attempts, last_error AS lastError FROM outbox_messages WHERE idempotency_key LIKE ?',
      [key],
    );
  const settled = (rows: OutboxRow[], status: string) =>
    waitFor(
      async () => {
        const now = await querySqlite<OutboxRow>(
          app.sqliteFile,
          `SELECT id, idempotency_key AS key, status, attempts, last_error AS lastError FROM outbox_messages WHERE id IN (${rows.map(() => '?').join(',')})`,
          rows.map((r) => r.id),
        );
        return now.every((r) => r.status === status) && now;
      },
      30000,
      `emails ${status}`,
    );

  /** The API keeps answering quickly while mail fails behind it. */
  async function apiIsFine(): Promise<void> {
    const started = Date.now();
    const http = client(app.base, librarian.token);
    expect((await http.post(`/api/v1/initiatives/${librarian.initiativeId}/check-ins`, { note: 'Story time went well while mail was down.' })).status).toBe(
      201,
    );
    expect((await http.get('/api/v1/me')).status).toBe(200);
    expect((await fetch(`${app.base}/health`)).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2000);
  }

  beforeAll(async () => {
    await smtp.start();
    app = await Spawned.start({ env: { SMTP_URL: smtp.url, MAIL_MAX_ATTEMPTS: String(ATTEMPTS), MAIL_BACKOFF_MS: String(BACKOFF_MS), OUTBOX_POLL_MS: '200' } });
    c = app.coalition();
    admin = await c.signInAdmin();
    const pilot = await c.pilot();
    librarian = { id: pilot.librarian.id, token: pilot.librarian.token, initiativeId: pilot.initiativeId };
    await c.person('subscriber');
    await c.person('subscriber');
  });
  afterAll(async () => {
    await app?.destroy();
    await smtp.stop();
  });

  it(`retries a refused connection ${ATTEMPTS} times, then marks the email dead naming the cause; the API is unaffected`, async () => {
    await smtp.stop();
    const rows = await digestEmails();
    await apiIsFine();
    const dead = await settled(rows, 'dead');
    expect(dead.map((r) => r.attempts)).toEqual(rows.map(() => ATTEMPTS));
    expect(dead.every((r) => /ECONNREFUSED/.test(r.lastError ?? ''))).toBe(true);
    await apiIsFine();
  });

  it('retries a 4xx answer with growing pauses, then marks the email dead', async () => {
    await smtp.start();
    smtp.refuse = { code: 451, message: 'Requested action aborted: local error in processing' };
    const rows = await digestEmails();
    const dead = await settled(rows, 'dead');
    expect(dead.every((r) => r.attempts === ATTEMPTS && /451/.test(r.lastError ?? ''))).toBe(true);
    for (const row of rows) {
      const times = smtp.attempts.filter((a) => a.key === row.key).map((a) => a.at);
      expect(times).toHaveLength(ATTEMPTS);
      // Exponential: at least the base pause, then at least twice it (queue latency only adds).
      expect(times[1] - times[0]).toBeGreaterThanOrEqual(BACKOFF_MS * 0.95);
      expect(times[2] - times[1]).toBeGreaterThanOrEqual(BACKOFF_MS * 2 * 0.95);
    }
    await apiIsFine();
  });

  it('marks an email dead after one 5xx answer, without retrying', async () => {
    smtp.refuse = { code: 550, message: 'Mailbox unavailable' };
    const rows = await digestEmails();
    const dead = await settled(rows, 'dead');
    expect(dead.every((r) => r.attempts === 1 && /550/.test(r.lastError ?? ''))).toBe(true);
    await new Promise((r) => setTimeout(r, BACKOFF_MS * 3)); // long enough for a retry that must not come
    for (const row of rows) expect(smtp.attempts.filter((a) => a.key === row.key)).toHaveLength(1);
    await apiIsFine();
  });

  it('sends a dead email exactly once when an admin retries it after the server is back', async () => {
    smtp.refuse = undefined;
    const dead = (await json(await client(app.base, admin).get('/api/v1/admin/outbox?status=dead&limit=100'))).items as {
      id: string;
      idempotencyKey: string;
    }[];
    expect(dead).toHaveLength(12);
    for (const mail of dead) expect((await client(app.base, admin).post(`/api/v1/admin/outbox/${mail.id}/retry`)).status).toBe(202);
    await waitFor(
      async () => (await json(await client(app.base, admin).get('/api/v1/admin/outbox?status=sent&limit=100'))).total === 12,
      20000,
      'the retried emails sent',
    );
    for (const mail of dead) expect(smtp.delivered.filter((d) => d.key === mail.idempotencyKey)).toHaveLength(1);
  });
});
