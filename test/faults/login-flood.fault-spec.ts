import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Coalition, Person } from '../support/fixtures';
import { send, Spawned, warmAgent } from './support/spawned';

const BURST = 100;

/**
 * A flood of wrong passwords from one client must neither slip past the per-address limit (attempts
 * are reserved before the hash) nor starve other requests of the threads that argon2 and SQLite share.
 */
describe('login flood', () => {
  let app: Spawned;
  let c: Coalition;
  let reader: Person;
  let victim: Person;
  let agent: Agent;
  let client = 0;

  beforeAll(async () => {
    app = await Spawned.start({ apiOnly: true });
    c = app.coalition();
    await c.signInAdmin();
    reader = await c.person('librarian');
    victim = await c.person('coach');
  });
  beforeEach(async () => {
    agent = await warmAgent(app.base, BURST);
  });
  afterEach(() => agent?.destroy());
  afterAll(async () => app?.destroy());

  /**
   * Fires the burst from one client (a new address each time, behind the loopback proxy) and, until
   * every answer is in, asks for GET /me again and again, timing each answer.
   */
  async function flood(emailFor: (i: number) => string) {
    const from = { 'x-forwarded-for': `198.51.100.${++client}` };
    let inFlight = true;
    const burst = Promise.all(
      Array.from({ length: BURST }, (_, i) =>
        send(agent, app.base, 'POST', '/api/v1/auth/login', undefined, { email: emailFor(i), password: `wrong-guess-${i}-x` }, from),
      ),
    );
    void burst.finally(() => (inFlight = false));
    const probes: { status: number; ms: number }[] = [];
    await new Promise((resolve) => setTimeout(resolve, 20));
    do {
      const started = performance.now();
      const me = await fetch(`${app.base}/api/v1/me`, { headers: { authorization: `Bearer ${reader.token}` } });
      probes.push({ status: me.status, ms: performance.now() - started });
      await new Promise((resolve) => setTimeout(resolve, 25));
    } while (inFlight);
    const answers = await burst;
    const count = (status: number) => answers.filter((a) => a.status === status).length;
    return {
      probes,
      slowestMs: Math.max(...probes.map((p) => p.ms)),
      refused: count(429),
      unauthorized: count(401),
      others: answers.filter((a) => a.status !== 429 && a.status !== 401).map((a) => a.status),
    };
  }

  it.each([
    ['one account email', () => victim.email],
    ['many account emails', (i: number) => `guess-${i}@library.test`],
  ])('100 concurrent wrong passwords from one address over %s: at least 80 answered 429, and GET /me meanwhile in under 1 s', async (_label, emailFor) => {
    const result = await flood(emailFor);
    process.stdout.write(
      `login flood (${_label}): ${result.refused} × 429, ${result.unauthorized} × 401; GET /me asked ${result.probes.length} times during the burst, slowest ${result.slowestMs.toFixed(0)} ms, first ${result.probes[0].ms.toFixed(0)} ms\n`,
    );
    expect(result.others).toEqual([]);
    expect(result.refused).toBeGreaterThanOrEqual(80);
    expect(result.probes.map((p) => p.status)).toEqual(result.probes.map(() => 200));
    expect(result.slowestMs).toBeLessThan(1000);
  });
});
