import { createConnection } from 'node:net';
import { join } from 'node:path';
import { Coalition } from '../support/fixtures';
import { waitFor } from '../support/ports';
import { processesMentioning, send, Spawned, warmAgent } from './support/spawned';
import { observation, Pilot, pilotTakingEvidence } from './support/scenario';
import { querySqlite } from './support/sqlite-file';

const IN_FLIGHT = 120;
const APPROVALS = 4;

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

const socketAnswers = (path: string) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection(path);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

describe('graceful shutdown: SIGTERM to dist/apps/api/src/main.js under load', () => {
  let app: Spawned;

  afterAll(async () => app?.destroy());

  it('finishes every request in flight, loses no job, and stops its embedded Redis', async () => {
    app = await Spawned.start();
    const c = app.coalition();
    await c.signInAdmin();
    const busy = await pilotTakingEvidence(c);
    const reviewed: Pilot[] = [];
    for (let i = 0; i < APPROVALS; i++) reviewed.push(await inReview(c));
    const redisSocket = join(app.dataDir, 'redis', 'redis.sock');
    expect(await socketAnswers(redisSocket)).toBe(true);

    // A burst of writes and approvals (each approval asks for a summary job) on connections the
    // server has already accepted, then SIGTERM as soon as the first answer is back.
    const agent = await warmAgent(app.base, IN_FLIGHT + APPROVALS);
    let signalledAt = 0;
    const answers: { kind: string; status: number; body: any; at: number }[] = [];
    const failures: string[] = [];
    const track = (kind: string, sent: Promise<{ status: number; body: any }>) =>
      sent.then(
        (res) => answers.push({ kind, ...res, at: Date.now() }),
        (error: Error & { code?: string }) => failures.push(`${kind}: ${error.code ?? error.message}`),
      );
    const burst = [
      ...reviewed.map((p) =>
        track('approval', send(agent, app.base, 'POST', `/api/v1/cycles/${p.cycleId}/reviews`, p.coach.token, { verdict: 'approve', body: 'Strong cycle.' })),
      ),
      ...Array.from({ length: IN_FLIGHT }, (_, i) =>
        track('evidence', send(agent, app.base, 'POST', `/api/v1/cycles/${busy.cycleId}/evidence`, busy.librarian.token, observation(i))),
      ),
    ];
    await waitFor(async () => answers.length > 0, 10000, 'the first answer');
    signalledAt = Date.now();
    app.child.kill('SIGTERM');
    await Promise.all(burst);
    agent.destroy();
    const exit = await app.exited;

    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalledAt).toBeLessThan(10000); // within SHUTDOWN_TIMEOUT_MS
    // Every request sent before the signal was answered, and answered well; many after the signal arrived.
    expect(failures).toEqual([]);
    expect(answers.filter((a) => a.status >= 300).map((a) => `${a.status} ${JSON.stringify(a.body)}`)).toEqual([]);
    expect(answers).toHaveLength(IN_FLIGHT + APPROVALS);
    expect(answers.filter((a) => a.at > signalledAt).length).toBeGreaterThan(IN_FLIGHT / 2);
    // The embedded Redis went with it.
    expect(processesMentioning(join(app.dataDir, 'redis'))).toEqual([]);
    expect(await socketAnswers(redisSocket)).toBe(false);

    // Every answered write is in the file, and every approval's summary request too.
    const evidence = answers
      .filter((a) => a.kind === 'evidence')
      .map((a) => a.body.id)
      .sort();
    const stored = (await querySqlite<{ id: string }>(app.sqliteFile, 'SELECT id FROM evidence WHERE cycle_id = ?', [busy.cycleId])).map((r) => r.id).sort();
    expect(stored).toEqual(evidence);
    const requests = await querySqlite<{ n: number }>(
      app.sqliteFile,
      `SELECT COUNT(*) AS n FROM summary_requests WHERE cycle_id IN (${reviewed.map(() => '?').join(',')})`,
      reviewed.map((p) => p.cycleId),
    );
    expect(requests).toEqual([{ n: APPROVALS }]);

    // Started again on the same DATA_DIR, the jobs that were waiting or cut short finish: one summary per cycle.
    app = await Spawned.start({ dataDir: app.dataDir });
    const summaries = async () =>
      querySqlite<{ cycle_id: string; n: number }>(
        app.sqliteFile,
        `SELECT cycle_id, COUNT(*) AS n FROM cycle_summaries WHERE cycle_id IN (${reviewed.map(() => '?').join(',')}) GROUP BY cycle_id`,
        reviewed.map((p) => p.cycleId),
      );
    await waitFor(async () => (await summaries()).length === APPROVALS, 30000, 'a summary of every approved cycle');
    expect((await summaries()).every((s) => s.n === 1)).toBe(true);
    const pending = await querySqlite<{ n: number }>(app.sqliteFile, 'SELECT COUNT(*) AS n FROM summary_requests WHERE compiled_at IS NULL');
    expect(pending).toEqual([{ n: 0 }]);
  }, 120000);
});
