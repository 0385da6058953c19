import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { FixedClock, loadConfig, newId, openDataSource } from '@r2c/core';
import { EXPORT_SECTIONS } from '@r2c/portability';
import { ADMIN_ENV, Coalition, Person } from './support/fixtures';
import { countQueries } from './support/query-counter';
import { builtApp } from './support/built';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase } from './support/test-database';

const CLI = builtApp('apps/api/src/cli.js');

type Pilot = { libraryId: string; initiativeId: string; librarian: Person; coach: Person };

/** A database no one has used: its own DATA_DIR (SQLite) or its own PostgreSQL database. */
async function freshDatabase() {
  const dir = mkdtempSync(join(tmpdir(), 'r2c-import-'));
  const database = await createTestDatabase();
  const env = { DATA_DIR: dir, LOG_LEVEL: 'silent', REDIS_URL: '', DATABASE_URL: database.url ?? '' };
  return {
    env,
    importFile: (file: string) => spawnSync(process.execPath, [CLI, 'import-export', file], { env: { ...process.env, ...env }, encoding: 'utf8' }),
    open: () => openDataSource(loadConfig({ ...process.env, ...env, DATABASE_URL: database.url })),
    drop: async () => {
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Rows per exported table, of the kind the export carries (a section's `always` condition: only sent reminders of the outbox). */
async function countsIn(dataSource: DataSource): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const section of EXPORT_SECTIONS) {
    const where = section.always ? ` WHERE ${section.always}` : '';
    counts[section.table] = Number((await dataSource.query(`SELECT COUNT(*) AS n FROM ${section.table} r${where}`))[0].n);
  }
  return counts;
}

const byTable = (counts: Record<string, number>) => Object.fromEntries(EXPORT_SECTIONS.map((s) => [s.table, counts[s.key]]));

describe('portability: export.json and its import into a fresh database', () => {
  let t: TestApp;
  let c: Coalition;
  let a: Pilot;
  let b: Pilot;
  let subscriber: Person;
  const admin = () => c.as(c.adminToken);

  async function closedCycle(p: Pilot, indicatorId: string) {
    const lib = c.as(p.librarian.token);
    const id = (
      await lib
        .post(`/api/v1/initiatives/${p.initiativeId}/cycles`, { title: 'Bilingual welcome', plannedStart: '2026-03-02', plannedEnd: '2026-04-13' })
        .expect(201)
    ).body.id;
    const move = (to: string) => lib.post(`/api/v1/cycles/${id}/transitions`, { to }).expect(200);
    await lib
      .put(`/api/v1/cycles/${id}/hypothesis`, {
        statement: 'If volunteers greet newcomer families in their own language, then more of them will come back, because they will feel expected.',
        expectedOutcome: 'Attendance rises from 12 to 18',
        rationale: 'Families told us they were unsure they were welcome.',
        indicatorIds: [indicatorId],
      })
      .expect(200);
    await move('adaptation');
    await lib
      .put(`/api/v1/cycles/${id}/adaptation`, {
        description: 'Two volunteers greet families at the door.',
        implementedOn: '2026-03-03',
        gathering: { whyGather: 'To welcome newcomers' },
      })
      .expect(200);
    await move('evidence');
    for (const value of [14, 17])
      await lib
        .post(`/api/v1/cycles/${id}/evidence`, { kind: 'measurement', indicatorId, value, observedOn: '2026-03-10', method: 'sign_in', sampleSize: 1 })
        .expect(201);
    await lib
      .post(`/api/v1/cycles/${id}/evidence`, { kind: 'quote', text: '"We did not know we could just come in."', observedOn: '2026-03-10', method: 'interview' })
      .expect(201);
    await move('reflection');
    await lib
      .put(`/api/v1/cycles/${id}/reflection`, {
        outcome: 'supported',
        insights: 'A welcome in one’s own language matters.',
        decision: 'scale',
        nextSteps: 'Add Saturday greeters.',
      })
      .expect(200);
    await move('review');
    await c.as(p.coach.token).post(`/api/v1/cycles/${id}/reviews`, { verdict: 'comment', body: 'Lovely quotes.' }).expect(201);
    await c.as(p.coach.token).post(`/api/v1/cycles/${id}/reviews`, { verdict: 'approve', body: 'Approved.' }).expect(201);
    return id;
  }

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV, withWorkers: false, clock: new FixedClock(new Date('2026-03-20T16:00:00Z')) });
    c = new Coalition(t);
    await c.signInAdmin();
    a = await c.pilot();
    b = await c.pilot();
    subscriber = await c.person('subscriber');
    for (const p of [a, b]) {
      const lib = c.as(p.librarian.token);
      const attendance = (
        await lib.post(`/api/v1/initiatives/${p.initiativeId}/indicators`, { templateKey: 'attendance', baseline: 12, target: 18 }).expect(201)
      ).body.id;
      const first = await closedCycle(p, attendance);
      await lib
        .post(`/api/v1/initiatives/${p.initiativeId}/check-ins`, {
          note: 'Greeters trained.',
          blockers: 'Volunteers on holiday.',
          helpWanted: 'A Dari speaker.',
        })
        .expect(201);
      await lib
        .post(`/api/v1/initiatives/${p.initiativeId}/cycles`, { title: 'Saturday greeters', plannedStart: '2026-04-13', plannedEnd: '2026-05-25' })
        .expect(201);
      // The adaptation log's own routes are tested in its suite; here one entry is enough to travel.
      const adaptations = t.app.get(DataSource).entityMetadatas.find((m) => m.tableName === 'adaptations')!.target;
      await t.app
        .get(DataSource)
        .getRepository(adaptations)
        .insert({
          id: newId(),
          cycleId: first,
          initiativeId: p.initiativeId,
          madeOn: '2026-03-05',
          whatChanged: 'Moved the greeting inside, out of the rain',
          decidedBy: 'the two volunteers',
          planning: 'reactive',
          reason: 'It rained',
          fidelityConsistent: 'yes',
          permanence: 'temporary',
          createdBy: p.librarian.id,
          createdAt: new Date('2026-03-05T18:00:00Z'),
        });
    }
    await c.as(a.librarian.token).post(`/api/v1/initiatives/${a.initiativeId}/survey/starter`).expect(201);
  });
  afterAll(async () => t?.close());

  describe('GET /api/v1/admin/export.json', () => {
    let document: Record<string, unknown> & { counts: Record<string, number> };

    it('returns every initiative, cycle, adaptation, evidence entry, review and check-in as documented JSON, in one query per section', async () => {
      const { result: res, queries } = await countQueries(t.app.get(DataSource), () => admin().get('/api/v1/admin/export.json').expect(200));
      document = res.body;
      expect(res.headers['content-type']).toMatch(/application\/json/);
      // RFC 6266: a plain name may be sent as a token or quoted.
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="?r2c-coalition-2026-03-20\.json"?$/);
      expect(document).toMatchObject({ format: 'r2c-tracker-export', version: 1, exportedAt: '2026-03-20T16:00:00.000Z', scope: { kind: 'coalition' } });
      expect(byTable(document.counts)).toEqual(await countsIn(t.app.get(DataSource)));
      expect(document.counts).toMatchObject({ initiatives: 2, cycles: 4, evidence: 6, reviews: 4, checkIns: 2, adaptations: 2, memberships: 4 });
      expect(queries.length).toBeLessThanOrEqual(EXPORT_SECTIONS.length + 2);
    });

    it('writes instants as ISO-8601, dates as YYYY-MM-DD, sections as objects, and never a password hash', () => {
      const cycle = (document.cycles as Record<string, unknown>[]).find((x) => x.closedAt)!;
      expect(cycle.closedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(cycle.plannedStart).toBe('2026-03-02');
      expect(cycle.adaptation).toMatchObject({ implementedOn: '2026-03-03', gathering: { whyGather: 'To welcome newcomers' } });
      expect((document.users as Record<string, unknown>[]).every((u) => !('passwordHash' in u))).toBe(true);
      expect(JSON.stringify(document)).not.toMatch(/\$argon2/);
    });

    it('is for admins only', async () => {
      await c.as(a.coach.token).get('/api/v1/admin/export.json').expect(403);
      await c.as(subscriber.token).get('/api/v1/admin/export.json').expect(403);
      await t.http().get('/api/v1/admin/export.json').expect(401);
    });

    it('re-imports into a fresh database with equal counts and the same records, and refuses a database that is not fresh', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'r2c-export-'));
      const file = join(dir, 'coalition.json');
      writeFileSync(file, JSON.stringify(document));
      const fresh = await freshDatabase();
      try {
        const run = fresh.importFile(file);
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        expect(run.stdout).toContain('cycles: 4');
        const imported = await fresh.open();
        try {
          expect(await countsIn(imported)).toEqual(byTable(document.counts));
          const ids = async (table: string) => (await imported.query(`SELECT id FROM ${table} ORDER BY id`)).map((r: { id: string }) => r.id);
          expect(await ids('evidence')).toEqual((document.evidence as { id: string }[]).map((e) => e.id).sort());
          expect(await ids('cycles')).toEqual((document.cycles as { id: string }[]).map((e) => e.id).sort());
        } finally {
          await imported.destroy();
        }
        const again = fresh.importFile(file);
        expect(again.status).toBe(1);
        expect(again.stderr).toMatch(/already holds .*: import into a fresh database/);
      } finally {
        await fresh.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('GET /api/v1/initiatives/:id/export.json', () => {
    it('gives members one initiative with its library and people, and hides it from everyone else (404)', async () => {
      const res = await c.as(a.coach.token).get(`/api/v1/initiatives/${a.initiativeId}/export.json`).expect(200);
      const document = res.body;
      expect(document.scope).toEqual({ kind: 'initiative', initiativeId: a.initiativeId });
      expect(document.initiatives.map((i: { id: string }) => i.id)).toEqual([a.initiativeId]);
      expect(document.libraries.map((l: { id: string }) => l.id)).toEqual([a.libraryId]);
      expect(document.users.map((u: { id: string }) => u.id).sort()).toEqual([a.librarian.id, a.coach.id].sort());
      expect(document.counts).toMatchObject({ cycles: 2, evidence: 3, reviews: 2, checkIns: 1, adaptations: 1, surveyItems: expect.any(Number) });
      expect(document.counts.surveyItems).toBeGreaterThan(0);
      await c.as(a.librarian.token).get(`/api/v1/initiatives/${a.initiativeId}/export.json`).expect(200);
      await c.as(b.librarian.token).get(`/api/v1/initiatives/${a.initiativeId}/export.json`).expect(404);
      await c.as(subscriber.token).get(`/api/v1/initiatives/${a.initiativeId}/export.json`).expect(404);
    });

    it('re-imports on its own into a fresh database with equal counts', async () => {
      const document = (await admin().get(`/api/v1/initiatives/${b.initiativeId}/export.json`).expect(200)).body;
      const dir = mkdtempSync(join(tmpdir(), 'r2c-export-'));
      const file = join(dir, 'initiative.json');
      writeFileSync(file, JSON.stringify(document));
      const fresh = await freshDatabase();
      try {
        const run = fresh.importFile(file);
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        const imported = await fresh.open();
        try {
          expect(await countsIn(imported)).toEqual(byTable(document.counts));
        } finally {
          await imported.destroy();
        }
      } finally {
        await fresh.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('refuses a file that is not an export, naming why', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'r2c-export-'));
      const fresh = await freshDatabase();
      try {
        writeFileSync(join(dir, 'other.json'), JSON.stringify({ format: 'something-else' }));
        const run = fresh.importFile(join(dir, 'other.json'));
        expect(run.status).toBe(1);
        expect(run.stderr).toMatch(/not an R2C Tracker export/);
      } finally {
        await fresh.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
