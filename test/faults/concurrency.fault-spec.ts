import { Coalition } from '../support/fixtures';
import { client, json, Spawned } from './support/spawned';
import { checkIn, observation, Pilot, pilotTakingEvidence } from './support/scenario';
import { querySqlite } from './support/sqlite-file';

const CLIENTS = 50;
const SECONDS = 20;

interface Outcome {
  evidence: Map<string, string[]>; // cycleId → evidence ids answered 201
  checkIns: Map<string, string[]>; // initiativeId → check-in ids answered 201
  errors: string[];
  requests: number;
  latencies: number[];
}

/** One client: alternates evidence and check-ins on its pilot until the deadline; records every answer. */
async function work(base: string, pilot: Pilot, n: number, deadline: number, outcome: Outcome): Promise<void> {
  const http = client(base, pilot.librarian.token);
  for (let i = 0; Date.now() < deadline; i++) {
    const evidence = (i + n) % 2 === 0;
    const started = Date.now();
    try {
      const res = evidence
        ? await http.post(`/api/v1/cycles/${pilot.cycleId}/evidence`, observation(i))
        : await http.post(`/api/v1/initiatives/${pilot.initiativeId}/check-ins`, checkIn(i));
      const body = await json(res);
      outcome.requests++;
      outcome.latencies.push(Date.now() - started);
      if (res.status !== 201) outcome.errors.push(`${res.status} ${JSON.stringify(body)}`);
      else if (evidence) outcome.evidence.get(pilot.cycleId)!.push(body.id);
      else outcome.checkIns.get(pilot.initiativeId)!.push(body.id);
    } catch (error) {
      outcome.errors.push(`network: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

describe('concurrency on SQLite (a spawned app: API, workers, embedded Redis)', () => {
  let app: Spawned;
  let pilots: Pilot[];

  beforeAll(async () => {
    app = await Spawned.start();
    const c: Coalition = app.coalition();
    await c.signInAdmin();
    pilots = [];
    for (let i = 0; i < 5; i++) pilots.push(await pilotTakingEvidence(c));
  });
  afterAll(async () => app?.destroy());

  it(
    `answers ${CLIENTS} clients posting evidence and check-ins for ${SECONDS} s with zero errors, and every acknowledged row is stored with its audit row`,
    async () => {
      const outcome: Outcome = {
        evidence: new Map(pilots.map((p) => [p.cycleId, []])),
        checkIns: new Map(pilots.map((p) => [p.initiativeId, []])),
        errors: [],
        requests: 0,
        latencies: [],
      };
      const deadline = Date.now() + SECONDS * 1000;
      await Promise.all(Array.from({ length: CLIENTS }, (_, n) => work(app.base, pilots[n % pilots.length], n, deadline, outcome)));

      expect(outcome.errors.slice(0, 5)).toEqual([]);
      expect(outcome.errors).toHaveLength(0);
      const acknowledged = outcome.requests;
      expect(acknowledged).toBeGreaterThan(CLIENTS * SECONDS); // it really was under load

      // The API itself sees every row…
      for (const pilot of pilots) {
        const http = client(app.base, pilot.librarian.token);
        const evidence = await json(await http.get(`/api/v1/cycles/${pilot.cycleId}/evidence?limit=1`));
        expect(evidence.total).toBe(outcome.evidence.get(pilot.cycleId)!.length);
        const checkIns = await json(await http.get(`/api/v1/initiatives/${pilot.initiativeId}/check-ins?limit=1`));
        expect(checkIns.total).toBe(outcome.checkIns.get(pilot.initiativeId)!.length);
      }

      // …and after a clean stop the file holds exactly the acknowledged rows, each with its audit row.
      expect((await app.stop('SIGTERM')).code).toBe(0);
      const evidenceIds = [...outcome.evidence.values()].flat().sort();
      const checkInIds = [...outcome.checkIns.values()].flat().sort();
      const stored = async (sql: string) => (await querySqlite<{ id: string }>(app.sqliteFile, sql)).map((r) => r.id).sort();
      expect(await stored('SELECT id FROM evidence')).toEqual(evidenceIds);
      expect(await stored('SELECT id FROM check_ins')).toEqual(checkInIds);
      expect(await stored("SELECT entity_id AS id FROM audit_entries WHERE entity_type = 'evidence' AND action = 'create'")).toEqual(evidenceIds);
      expect(await stored("SELECT entity_id AS id FROM audit_entries WHERE entity_type = 'check_in' AND action = 'create'")).toEqual(checkInIds);
      expect(await querySqlite(app.sqliteFile, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);

      const sorted = [...outcome.latencies].sort((a, b) => a - b);
      process.stdout.write(
        `concurrency: ${acknowledged} writes in ${SECONDS} s (${Math.round(acknowledged / SECONDS)}/s), p50 ${sorted[Math.floor(sorted.length / 2)]} ms, p99 ${sorted[Math.floor(sorted.length * 0.99)]} ms, 0 errors\n`,
      );
    },
    (SECONDS + 60) * 1000,
  );
});
