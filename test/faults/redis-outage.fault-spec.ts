import { Coalition } from '../support/fixtures';
import { waitFor } from '../support/ports';
import { TestRedis } from '../support/redis-server';
import { GatedSmtp } from './support/gated-smtp';
import { client, json, Spawned } from './support/spawned';
import { checkIn, observation, Pilot, pilotTakingEvidence } from './support/scenario';
import { querySqlite } from './support/sqlite-file';
import { weekHoldingToday } from '../support/digest-news';

const WRITERS = 10;
const APPROVALS = 3;

async function inReview(c: Coalition): Promise<Pilot> {
  const pilot = await pilotTakingEvidence(c);
  const lib = c.as(pilot.librarian.token);
  await lib.post(`/api/v1/cycles/${pilot.cycleId}/evidence`, observation(0)).expect(201);
  await lib.post(`/api/v1/cycles/${pilot.cycleId}/transitions`, { to: 'reflection' }).expect(200);
  await lib
    .put(`/api/v1/cycles/${pilot.cycleId}/reflection`, {
      outcome: 'supported',
      insights: 'Families came back when greeted by name.',
      decision: 'continue',
      nextSteps: 'Keep the greeters.',
    })
    .expect(200);
  await lib.post(`/api/v1/cycles/${pilot.cycleId}/transitions`, { to: 'review' }).expect(200);
  return pilot;
}

describe('Redis down and back while the API takes writes (an API process and a worker process)', () => {
  const redis = new TestRedis();
  const smtp = new GatedSmtp();
  let api: Spawned;
  let worker: Spawned;

  beforeAll(async () => {
    await redis.start();
    await smtp.start();
  });
  afterAll(async () => {
    await worker?.destroy();
    await api?.destroy();
    await smtp.stop();
    await redis.destroy();
  });

  it('answers every write with 2xx, reports 503 on /health while Redis is down, and afterwards has lost and doubled nothing', async () => {
    const env = { REDIS_URL: redis.url, SMTP_URL: smtp.url, MAIL_BACKOFF_MS: '200', OUTBOX_POLL_MS: '200' };
    api = await Spawned.start({ apiOnly: true, env });
    worker = await Spawned.start({ kind: 'worker', dataDir: api.dataDir, env });
    const c = api.coalition();
    const admin = await c.signInAdmin();
    const busy = await pilotTakingEvidence(c);
    const reviewed: Pilot[] = [];
    for (let i = 0; i < APPROVALS; i++) reviewed.push(await inReview(c));

    // Writers run before, during and after the outage.
    const lib = client(api.base, busy.librarian.token);
    const acknowledged = { evidence: [] as string[], checkIns: [] as string[] };
    const refused: string[] = [];
    let writing = true;
    const writers = Array.from({ length: WRITERS }, async (_, n) => {
      for (let i = 0; writing; i++) {
        const evidence = (i + n) % 2 === 0;
        const res = evidence
          ? await lib.post(`/api/v1/cycles/${busy.cycleId}/evidence`, observation(i))
          : await lib.post(`/api/v1/initiatives/${busy.initiativeId}/check-ins`, checkIn(i));
        const body = await json(res);
        if (res.status !== 201) refused.push(`${res.status} ${JSON.stringify(body)}`);
        else (evidence ? acknowledged.evidence : acknowledged.checkIns).push(body.id);
      }
    });
    const health = () => fetch(`${api.base}/health`).then((r) => r.status);
    await new Promise((r) => setTimeout(r, 1000));

    await redis.stop();
    await waitFor(async () => (await health()) === 503, 10000, '/health 503 while Redis is down');
    // Work that needs the queues is asked for while they are down.
    const during: { what: string; status: number }[] = [];
    for (const p of reviewed)
      during.push({
        what: 'approve',
        status: (await client(api.base, p.coach.token).post(`/api/v1/cycles/${p.cycleId}/reviews`, { verdict: 'approve', body: 'Strong cycle.' })).status,
      });
    during.push({
      what: 'digest',
      status: (await client(api.base, admin).post('/api/v1/digests/run', weekHoldingToday())).status,
    });
    during.push({ what: 'reminders', status: (await client(api.base, admin).post('/api/v1/admin/reminders/run')).status });
    expect(await health()).toBe(503);

    await redis.start();
    await waitFor(async () => (await health()) === 200, 20000, '/health 200 once Redis is back');
    await new Promise((r) => setTimeout(r, 1000));
    writing = false;
    await Promise.all(writers);

    expect(refused).toEqual([]);
    expect(during).toEqual([...reviewed.map(() => ({ what: 'approve', status: 201 })), { what: 'digest', status: 202 }, { what: 'reminders', status: 202 }]);

    // Nothing lost, nothing doubled: rows…
    const ids = async (sql: string, params: unknown[]) => (await querySqlite<{ id: string }>(api.sqliteFile, sql, params)).map((r) => r.id).sort();
    expect(await ids('SELECT id FROM evidence WHERE cycle_id = ?', [busy.cycleId])).toEqual([...acknowledged.evidence].sort());
    expect(await ids('SELECT id FROM check_ins WHERE initiative_id = ?', [busy.initiativeId])).toEqual([...acknowledged.checkIns].sort());
    // …the work asked for during the outage: one summary per approved cycle, one digest…
    const cycles = reviewed.map((p) => p.cycleId);
    await waitFor(
      async () =>
        (await querySqlite(api.sqliteFile, `SELECT DISTINCT cycle_id FROM cycle_summaries WHERE cycle_id IN (${cycles.map(() => '?').join(',')})`, cycles))
          .length === APPROVALS,
      30000,
      'a summary of every cycle approved while Redis was down',
    );
    expect(
      await querySqlite(
        api.sqliteFile,
        `SELECT cycle_id, COUNT(*) AS n FROM cycle_summaries WHERE cycle_id IN (${cycles.map(() => '?').join(',')}) GROUP BY cycle_id HAVING COUNT(*) > 1`,
        cycles,
      ),
    ).toEqual([]);
    expect(await querySqlite(api.sqliteFile, 'SELECT COUNT(*) AS n FROM digests WHERE period_start = ?', [weekHoldingToday().periodStart])).toEqual([{ n: 1 }]);
    // …and every email it caused, delivered exactly once.
    await waitFor(
      async () => (await querySqlite<{ n: number }>(api.sqliteFile, "SELECT COUNT(*) AS n FROM outbox_messages WHERE status <> 'sent'"))[0].n === 0,
      30000,
      'every email sent',
    );
    const rows = await querySqlite<{ key: string; kind: string }>(api.sqliteFile, 'SELECT idempotency_key AS key, kind FROM outbox_messages');
    expect([...new Set(rows.map((r) => r.kind))]).toEqual(expect.arrayContaining(['summary', 'digest', 'reminder']));
    expect(smtp.delivered.map((d) => d.key).sort()).toEqual(rows.map((r) => r.key).sort());
  }, 120000);
});
