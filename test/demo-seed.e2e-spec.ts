import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DemoLogins, seedDemo } from '../apps/api/src/demo/seed-demo';
import { Coalition } from './support/fixtures';
import { createTestDatabase } from './support/test-database';
import { builtApp } from './support/built';
import { startTestApp, TestApp } from './support/test-app';

const CLI = builtApp('apps/api/src/cli.js');
const run = promisify(execFile);

interface Item {
  id: string;
  [field: string]: unknown;
}

describe('demo data (npm run seed:demo)', () => {
  let t: TestApp;
  let c: Coalition;
  let demo: DemoLogins;
  let admin: string;
  const tokens = new Map<string, string>();

  const login = (role: string, index = 0) => demo.logins.filter((l) => l.role === role)[index];
  const signIn = async (email: string) => {
    if (!tokens.has(email)) tokens.set(email, await c.login(email, demo.password));
    return tokens.get(email)!;
  };
  const list = async (token: string, url: string): Promise<Item[]> => (await c.as(token).get(url).expect(200)).body.items;
  const cyclesOf = async (initiativeId: string) => list(admin, `/api/v1/initiatives/${initiativeId}/cycles?limit=100`);
  const allCycles = async () => (await Promise.all((await list(admin, '/api/v1/initiatives?limit=100')).map((i) => cyclesOf(i.id)))).flat();
  const cycle = async (phase: string) => {
    const found = (await allCycles()).find((item) => item.phase === phase);
    if (!found) throw new Error(`no demo cycle in ${phase}`);
    return (await c.as(admin).get(`/api/v1/cycles/${found.id}`).expect(200)).body;
  };

  beforeAll(async () => {
    t = await startTestApp({ withWorkers: false });
    c = new Coalition(t);
    demo = await seedDemo(t.app);
    admin = await signIn(login('admin').email);
  });
  afterAll(async () => t?.close());

  it('returns demo logins that all end in @demo.r2c.example and all sign in with the one demo password', async () => {
    expect(demo.password.length).toBeGreaterThanOrEqual(10);
    expect(demo.logins).toHaveLength(14);
    for (const l of demo.logins) {
      expect(l.email).toMatch(/@demo\.r2c\.example$/);
      const res = await t.http().post('/api/v1/auth/login').send({ email: l.email, password: demo.password }).expect(200);
      expect(res.body.user.role).toBe(l.role);
    }
    const count = (role: string) => demo.logins.filter((l) => l.role === role).length;
    expect([count('admin'), count('librarian'), count('coach'), count('subscriber')]).toEqual([1, 7, 3, 3]);
  });

  it('refuses a demo password that is easy to guess before creating anything', async () => {
    await expect(seedDemo(t.app, { password: 'aaaaaaaaaa' })).rejects.toThrow(
      /^the demo password \(--password\) is too easy to guess\. Choose a longer password or one that is harder to guess: /,
    );
  });

  it('creates seven libraries labelled (demo) across at least three community types and four time zones', async () => {
    const libraries = await list(admin, '/api/v1/libraries?limit=100');
    expect(libraries).toHaveLength(7);
    for (const library of libraries) expect(library.name).toContain('(demo)');
    expect(new Set(libraries.map((l) => l.communityType)).size).toBeGreaterThanOrEqual(3);
    expect(libraries.map((l) => l.communityType)).toEqual(expect.arrayContaining(['urban', 'rural', 'tribal']));
    expect(new Set(libraries.map((l) => l.timezone)).size).toBeGreaterThanOrEqual(4);
  });

  it('creates seven initiatives, one per library, each with a librarian and a coach; three coaches share them', async () => {
    const initiatives = await list(admin, '/api/v1/initiatives?limit=100');
    expect(initiatives).toHaveLength(7);
    expect(new Set(initiatives.map((i) => i.libraryId)).size).toBe(7);
    const coaches = new Set<string>();
    for (const initiative of initiatives) {
      const { members } = (await c.as(admin).get(`/api/v1/initiatives/${initiative.id}`).expect(200)).body;
      expect(members.map((m: { role: string }) => m.role).sort()).toEqual(['coach', 'librarian']);
      coaches.add(members.find((m: { role: string }) => m.role === 'coach').email);
    }
    expect(coaches.size).toBe(3);
  });

  it('adopts indicators from the templates and adds custom ones', async () => {
    const initiatives = await list(admin, '/api/v1/initiatives?limit=100');
    const indicators = (await Promise.all(initiatives.map((i) => list(admin, `/api/v1/initiatives/${i.id}/indicators?limit=100`)))).flat();
    expect(indicators.filter((i) => i.templateKey).length).toBeGreaterThanOrEqual(7);
    expect(indicators.filter((i) => i.templateKey === null).length).toBeGreaterThanOrEqual(1);
    expect(indicators.map((i) => i.templateKey)).toEqual(expect.arrayContaining(['attendance', 'trust_in_library', 'sense_of_belonging']));
  });

  it('leaves cycles in at least four different phases, closed among them', async () => {
    const phases = new Set((await allCycles()).map((item) => item.phase));
    expect(phases.size).toBeGreaterThanOrEqual(4);
    expect([...phases]).toEqual(expect.arrayContaining(['hypothesis', 'evidence', 'review', 'closed']));
  });

  it('has a closed cycle with a reflection and an approval review by the coach of its initiative', async () => {
    const closed = await cycle('closed');
    expect(closed.reflection).toMatchObject({
      outcome: expect.any(String),
      decision: expect.any(String),
      insights: expect.any(String),
      nextSteps: expect.any(String),
    });
    expect(closed.closedAt).not.toBeNull();
    const approval = closed.reviews.find((r: { verdict: string }) => r.verdict === 'approve');
    const { members } = (await c.as(admin).get(`/api/v1/initiatives/${closed.initiativeId}`).expect(200)).body;
    expect(approval.authorId).toBe(members.find((m: { role: string }) => m.role === 'coach').userId);
  });

  it('has a cycle in evidence with measurements and participant quotes, recorded by the librarian', async () => {
    const inEvidence = await cycle('evidence');
    const kinds = inEvidence.evidence.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['measurement', 'quote']));
    const { members } = (await c.as(admin).get(`/api/v1/initiatives/${inEvidence.initiativeId}`).expect(200)).body;
    expect(inEvidence.evidence[0].createdBy).toBe(members.find((m: { role: string }) => m.role === 'librarian').userId);
  });

  it("starts a second cycle from the first one's decision and next steps", async () => {
    const carried = (
      await Promise.all((await allCycles()).filter((item) => item.number === 2).map((item) => c.as(admin).get(`/api/v1/cycles/${item.id}`)))
    ).map((r) => r.body);
    expect(carried.length).toBeGreaterThanOrEqual(1);
    for (const second of carried) expect(second.carriedOver).toMatchObject({ fromCycleNumber: 1, decision: expect.any(String), nextSteps: expect.any(String) });
  });

  it('shows a run-chart shift after an adaptation, in words, in an open cycle’s charts', async () => {
    const open = (await allCycles()).filter((item) => item.phase !== 'closed');
    const drafts = await Promise.all(open.map((item) => c.as(admin).get(`/api/v1/cycles/${item.id}/summary/draft`).expect(200)));
    const signals = drafts.flatMap((r) =>
      r.body.indicators.flatMap((i: { chart: { signals: { kind: string; after: string | null; words: string }[] } | null }) => i.chart?.signals ?? []),
    );
    const shift = signals.find((s) => s.kind === 'shift' && s.after === 'A2');
    expect(shift?.words).toMatch(/^shift: \d+ points above the median since \d+ \w+, after adaptation A2$/);
  });

  it('writes predictions and logs adaptations, so the summaries and run charts show them', async () => {
    const cycles = (await Promise.all((await allCycles()).map((item) => c.as(admin).get(`/api/v1/cycles/${item.id}`)))).map((r) => r.body);
    const predicted = cycles.filter((x) => x.hypothesis?.predictions?.length);
    expect(predicted.length).toBeGreaterThanOrEqual(2);
    const logs = await Promise.all(predicted.map((x) => list(admin, `/api/v1/cycles/${x.id}/adaptations`)));
    expect(logs.flat().map((a) => a.planning)).toEqual(expect.arrayContaining(['planned', 'reactive']));
  });

  it('tags its cycles with strategies, so a subscriber can search the evidence base by words and by tag', async () => {
    const subscriber = await signIn(login('subscriber').email);
    const all = (await c.as(subscriber).get('/api/v1/evidence-base?limit=100').expect(200)).body as {
      total: number;
      items: { cycleTitle: string; tags: { name: string }[] }[];
    };
    expect(all.total).toBeGreaterThan(0);
    expect(all.items.every((item) => item.tags.length > 0)).toBe(true);
    const tag = all.items[0].tags[0].name;
    const byTag = (
      await c
        .as(subscriber)
        .get(`/api/v1/evidence-base?tag=${encodeURIComponent(tag)}`)
        .expect(200)
    ).body as { total: number };
    expect(byTag.total).toBeGreaterThan(0);
    const byWords = (await c.as(subscriber).get('/api/v1/evidence-base?q=hosted%20tables').expect(200)).body as { items: { cycleTitle: string }[] };
    expect(byWords.items.map((item) => item.cycleTitle)).toEqual(['Hosted tables instead of a talk']);
    // Screens write "Cycle 1: <title>", so a title that starts with its own number would read twice.
    expect(all.items.filter((item) => /^Cycle \d/.test(item.cycleTitle))).toEqual([]);
  });

  it('shows programme staff all seven pilots, at least one with a run-chart signal in words', async () => {
    const programme = (await c.as(admin).get('/api/v1/programme').expect(200)).body as { items: { signals: { count: number; words: string[] } }[] };
    expect(programme.items).toHaveLength(7);
    const signalled = programme.items.filter((row) => row.signals.count > 0);
    expect(signalled.length).toBeGreaterThanOrEqual(1);
    expect(signalled[0].signals.words.some((w) => /: shift: \d+ points (above|below) the median since/.test(w))).toBe(true);
  });

  it('records check-ins by the librarians', async () => {
    const initiatives = await list(admin, '/api/v1/initiatives?limit=100');
    const checkIns = (await Promise.all(initiatives.map((i) => list(admin, `/api/v1/initiatives/${i.id}/check-ins`)))).flat();
    expect(checkIns.length).toBeGreaterThanOrEqual(5);
  });

  it('writes the audit trail of what it created, by the demo admin, librarians and coaches', async () => {
    const users = await list(admin, '/api/v1/users?limit=100');
    const idsOf = (role: string) => new Set(demo.logins.filter((l) => l.role === role).map((l) => users.find((u) => u.email === l.email)!.id));
    const actors = async (entityType: string) => {
      const page = (await c.as(admin).get(`/api/v1/audit?entityType=${entityType}&limit=100`).expect(200)).body;
      return { total: page.total as number, actors: new Set<string>(page.items.map((a: { actorId: string }) => a.actorId)) };
    };
    const libraries = await actors('library');
    expect(libraries.total).toBe(7);
    expect([...libraries.actors]).toEqual([...idsOf('admin')]);
    const reviews = await actors('review');
    expect(reviews.total).toBeGreaterThanOrEqual(3);
    for (const id of reviews.actors) expect(idsOf('coach').has(id)).toBe(true);
    const evidence = await actors('evidence');
    for (const id of evidence.actors) expect(idsOf('librarian').has(id)).toBe(true);
  });

  it('lets a librarian see only their own initiative', async () => {
    const librarian = login('librarian');
    const token = await signIn(librarian.email);
    const mine = await list(token, '/api/v1/initiatives');
    expect(mine.map((i) => i.title)).toEqual(librarian.initiatives);
    const others = (await list(admin, '/api/v1/initiatives?limit=100')).filter((i) => i.id !== mine[0].id);
    for (const other of others) await c.as(token).get(`/api/v1/initiatives/${other.id}`).expect(404);
  });

  it('refuses a second run politely and creates nothing', async () => {
    const users = (await c.as(admin).get('/api/v1/users?limit=100').expect(200)).body.total;
    const cycles = (await allCycles()).length;
    await expect(seedDemo(t.app)).rejects.toThrow(/^demo data is already there/);
    expect((await c.as(admin).get('/api/v1/users?limit=100').expect(200)).body.total).toBe(users);
    expect((await c.as(admin).get('/api/v1/libraries?limit=100').expect(200)).body.total).toBe(7);
    expect((await allCycles()).length).toBe(cycles);
  });

  describe('the built command line', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'r2c-demo-cli-'));
    let database: Awaited<ReturnType<typeof createTestDatabase>>;
    const env = () => {
      const { DATABASE_URL, REDIS_URL, ...rest } = process.env;
      return { ...rest, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...(database.url ? { DATABASE_URL: database.url } : {}) };
    };

    beforeAll(async () => {
      database = await createTestDatabase();
    });
    afterAll(async () => {
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('prints the demo logins with their roles and initiatives, and the one password', async () => {
      const { stdout } = await run(process.execPath, [CLI, 'seed-demo'], { env: env(), timeout: 120000 });
      expect(stdout).toContain('This is demo data');
      const password = stdout.match(/^Demo password \(the same for every account below\): (\S+)$/m)?.[1];
      expect(password).toMatch(/^demo-\S{10,}$/);
      const rows = stdout.split('\n').filter((line) => /@demo\.r2c\.example\s/.test(line));
      expect(rows).toHaveLength(14);
      expect(rows.find((row) => row.startsWith('admin@demo.r2c.example'))).toMatch(/\sadmin\s/);
      expect(rows.filter((row) => /\slibrarian\s+\S/.test(row))).toHaveLength(7);
      expect(rows.find((row) => row.startsWith('denise.carter@'))).toContain('Coffee & Conversation at the Eastside Branch');
    });

    it('answers a second run with "demo data is already there" and prints no new password', async () => {
      const { stdout } = await run(process.execPath, [CLI, 'seed-demo'], { env: env(), timeout: 60000 });
      expect(stdout).toMatch(/^demo data is already there; nothing was created/);
      expect(stdout).not.toContain('Demo password');
    });
  });
});
