import { MAX_CSV_CHARACTERS } from '@r2c/contracts';
import { Coalition, Person } from '../support/fixtures';
import { Spawned } from './support/spawned';

/** The bounds, wide enough for a loaded 2-core machine: they catch seconds of work, not milliseconds. */
const PREVIEW_BOUND_MS = 2000;
const OTHER_REQUEST_BOUND_MS = 1000;
/** Past this the request is abandoned: the server is stuck, and the test has its answer. */
const GIVE_UP_MS = 20000;

const TRUST = 'I trust the library.';
/** A file of exactly MAX_CSV_CHARACTERS: the shape's text with `run` filling what its other parts leave. */
function fileOf(shape: (run: (unit: string) => string) => string): string {
  const room = MAX_CSV_CHARACTERS - shape(() => '').length;
  return shape((unit) => unit.repeat(Math.ceil(room / unit.length)).slice(0, room));
}

/**
 * Shapes that made a regular expression backtrack: long runs of `.`, of `@`-like text, of `[` and of
 * spaces, in a header cell and in an answer cell; and many columns times many rows. Each file is a
 * whole 200,000-character body.
 */
const SHAPES: { name: string; csv: string; status?: number }[] = [
  { name: 'a header cell of dots', csv: fileOf((run) => `Timestamp,${TRUST},Q${run('.')}x\n2026-03-16,4,5\n`) },
  { name: 'an answer cell of dots', csv: fileOf((run) => `Timestamp,${TRUST}\n2026-03-16,4${run('.')}x\n`) },
  { name: 'an answer cell of dots in an unmatched column', csv: fileOf((run) => `Timestamp,${TRUST},Comments\n2026-03-16,4,${run('.')}\n`) },
  { name: 'an answer cell of email-like text', csv: fileOf((run) => `Timestamp,${TRUST},Comments\n2026-03-16,4,a@${run('a.')}1\n`) },
  { name: 'a header cell of email-like text', csv: fileOf((run) => `Timestamp,${TRUST},a@${run('a.')}1\n2026-03-16,4,5\n`) },
  { name: 'a header cell of opening brackets', csv: fileOf((run) => `Timestamp,${TRUST},${run('[')}\n2026-03-16,4,5\n`) },
  { name: 'an answer cell of spaces after a number', csv: fileOf((run) => `Timestamp,${TRUST}\n2026-03-16,4${run(' ')}!\n`) },
  { name: 'a header cell of spaces before a bracket', csv: fileOf((run) => `Timestamp,${TRUST},[x]${run(' ')}x\n2026-03-16,4,5\n`) },
  {
    name: '1,000 columns and 5,000 short rows',
    csv: fileOf((run) => `Timestamp,${TRUST},Comments${','.repeat(997)}\n${'2026-03-16,4\n'.repeat(4999)}2026-03-16,4,${run('.')}\n`),
  },
  // Past the caps (1,000 columns, 5,000 rows) the answer is a quick 400 that says so.
  { name: 'a header row of 200,000 empty columns', csv: fileOf((run) => `Timestamp,${TRUST}${run(',')}\n2026-03-16,4\n`), status: 400 },
  { name: '1,000 columns and 15,000 short rows', csv: fileOf((run) => `Timestamp,${TRUST}${','.repeat(998)}\n${run('2026-03-16,4\n')}`), status: 400 },
];

describe('survey import: a pathological file previews quickly and never stalls other requests (one spawned process)', () => {
  let app: Spawned;
  let c: Coalition;
  let librarian: Person;
  let initiativeId: string;

  beforeAll(async () => {
    app = await Spawned.start({ apiOnly: true });
    c = app.coalition();
    await c.signInAdmin();
    const pilot = await c.pilot();
    librarian = pilot.librarian;
    initiativeId = pilot.initiativeId;
    await c.as(librarian.token).post(`/api/v1/initiatives/${initiativeId}/survey/starter`).expect(201);
  });
  afterAll(async () => app?.destroy());

  /**
   * Asks for GET /health and GET /api/v1/me one after the other until `done`: the slowest answer is the
   * longest the server was blocked; `statuses` holds every answer's status (0 when abandoned).
   */
  async function otherRequestsWhile(done: Promise<unknown>): Promise<{ worst: number; statuses: number[] }> {
    let finished = false;
    void done.finally(() => (finished = true));
    let worst = 0;
    const statuses: number[] = [];
    while (!finished) {
      const started = Date.now();
      const path = statuses.length % 2 ? '/api/v1/me' : '/health';
      const res = await fetch(`${app.base}${path}`, { headers: { authorization: `Bearer ${librarian.token}` }, signal: AbortSignal.timeout(GIVE_UP_MS) }).catch(
        () => null,
      );
      worst = Math.max(worst, Date.now() - started);
      statuses.push(res?.status ?? 0);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return { worst, statuses };
  }

  it.each(SHAPES)(
    `previews $name (${MAX_CSV_CHARACTERS} characters) in under ${PREVIEW_BOUND_MS} ms, other requests answered within ${OTHER_REQUEST_BOUND_MS} ms`,
    async ({ csv, status = 200 }) => {
      expect(csv).toHaveLength(MAX_CSV_CHARACTERS);
      const started = Date.now();
      const preview = fetch(`${app.base}/api/v1/initiatives/${initiativeId}/survey/imports/preview`, {
        method: 'POST',
        headers: { authorization: `Bearer ${librarian.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ csv }),
        signal: AbortSignal.timeout(GIVE_UP_MS),
      }).then(
        async (res) => ({ status: res.status, body: await res.json(), ms: Date.now() - started }),
        () => ({ status: 0, body: null, ms: Date.now() - started }),
      );
      const [answer, others] = await Promise.all([preview, otherRequestsWhile(preview)]);
      process.stdout.write(
        `survey preview: ${answer.ms} ms, status ${answer.status}; slowest of ${others.statuses.length} other requests ${others.worst} ms\n`,
      );
      expect(answer.ms).toBeLessThan(PREVIEW_BOUND_MS);
      expect(others.worst).toBeLessThan(OTHER_REQUEST_BOUND_MS);
      expect(answer.status).toBe(status);
      expect(new Set(others.statuses)).toEqual(new Set([200]));
    },
  );
});
