import { DataSource } from 'typeorm';
import { FixedClock } from '@r2c/core';
import { ADMIN_ENV, Coalition, Person } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

const TRUST = 'I trust the library.';
const BELONG = 'I feel welcome and that I belong here.';
const header = `Timestamp,How much do you agree? [${TRUST}],How much do you agree? [${BELONG}]`;
/** Answers given in the first week of March, before the change. */
const BASELINE_CSV = [header, '2026/03/2 18:00:00,2,3', '2026/03/3 18:00:00,3,3', '2026/03/4 18:00:00,2,2'].join('\n');
/** A file whose answers span the change made on 9 March 2026: two before, three on or after. */
const SPANNING_CSV = [
  header,
  '2026/03/5 18:00:00,3,2',
  '2026/03/6 18:00:00,2,3',
  '2026/03/9 18:00:00,4,4',
  '2026/03/12 18:00:00,5,4',
  '2026/03/13 18:00:00,4,5',
].join('\n');
const UNDATED_CSV = [header, '2026/03/5 18:00:00,3,2', ',4,4', '2026/03/12 18:00:00,5,4'].join('\n');

interface ImportItem {
  id: string;
  period: string;
  responses: number;
  evidenceIds: string[];
  cycleNumber: number;
  undo: { allowed: boolean; reason: string | null };
}

describe('survey answers before and after the change', () => {
  let t: TestApp;
  let c: Coalition;
  let pilot: { libraryId: string; initiativeId: string; librarian: Person; coach: Person };
  let other: { initiativeId: string; librarian: Person };
  let items: { id: string; text: string; indicatorId: string }[];
  let cycleId: string;
  let baselineId: string;
  let split: { id: string; period: string; responses: number; observedOn: string; evidenceIds: string[] }[];

  const lib = () => c.as(pilot.librarian.token);
  const survey = (path = '') => `/api/v1/initiatives/${pilot.initiativeId}/survey${path}`;
  const itemOf = (text: string) => items.find((i) => i.text === text)!;
  const db = () => t.app.get(DataSource);
  const p = (n: number) => (db().options.type === 'postgres' ? `$${n}` : '?');
  const countOf = async (sql: string, params: unknown[] = []) => Number((await db().query(sql, params))[0].n);
  const move = (id: string, to: string) => lib().post(`/api/v1/cycles/${id}/transitions`, { to }).expect(200);
  const mapping = async (csv: string) => (await lib().post(survey('/imports/preview'), { csv }).expect(200)).body.mapping;
  const importsNow = async (): Promise<ImportItem[]> => (await lib().get(survey('/imports')).expect(200)).body.items;

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV, withWorkers: false, clock: new FixedClock(new Date('2026-03-05T16:00:00Z')) });
    c = new Coalition(t);
    await c.signInAdmin();
    pilot = await c.pilot();
    other = await c.pilot();
    items = (await lib().post(survey('/starter')).expect(201)).body.items;
    cycleId = (
      await lib()
        .post(`/api/v1/initiatives/${pilot.initiativeId}/cycles`, { title: 'Names and places', plannedStart: '2026-03-02', plannedEnd: '2026-04-30' })
        .expect(201)
    ).body.id;
  });
  afterAll(async () => t?.close());

  it('says before any upload where an import would land, and why answers after the change must wait', async () => {
    const target = (await lib().get(survey('/imports/target')).expect(200)).body;
    expect(target).toEqual({
      cycleId,
      cycleNumber: 1,
      phase: 'hypothesis',
      changeDate: null,
      before: { allowed: true, reason: null },
      after: { allowed: false, reason: expect.stringContaining('Cycle 1 is in the hypothesis phase') },
      split: { allowed: false, reason: expect.stringContaining('from the evidence phase on') },
    });
    // The coach reads it too; another initiative's librarian does not see it.
    await c.as(pilot.coach.token).get(survey('/imports/target')).expect(200);
    await c.as(other.librarian.token).get(survey('/imports/target')).expect(404);
    const preview = (await lib().post(survey('/imports/preview'), { csv: BASELINE_CSV }).expect(200)).body;
    expect(preview).toMatchObject({ target: { cycleNumber: 1, phase: 'hypothesis' }, split: null, responses: 3 });
  });

  it('imports a baseline in the hypothesis phase as answers only, and refuses answers after the change there (409)', async () => {
    const refused = await lib()
      .post(survey('/imports'), { csv: BASELINE_CSV, cycleId, mapping: await mapping(BASELINE_CSV) })
      .expect(409);
    expect(refused.body.message).toMatch(/answers from before the change can be imported now/i);
    const res = await lib()
      .post(survey('/imports'), { csv: BASELINE_CSV, cycleId, mapping: await mapping(BASELINE_CSV), timing: 'before' })
      .expect(201);
    baselineId = res.body.import.id;
    expect(res.body.import).toMatchObject({ period: 'before', responses: 3, observedOn: '2026-03-04', evidenceIds: [] });
    expect(res.body.evidence).toEqual([]);
    expect(await countOf('SELECT COUNT(*) AS n FROM evidence')).toBe(0);
    expect(await countOf(`SELECT COUNT(*) AS n FROM survey_answers WHERE import_id = ${p(1)}`, [baselineId])).toBe(6);
    const [row] = await db().query(`SELECT period FROM survey_imports WHERE id = ${p(1)}`, [baselineId]);
    expect(row.period).toBe('before');
  });

  it('splits a file that spans the change date into a baseline and an after import, in one transaction', async () => {
    await lib()
      .put(`/api/v1/cycles/${cycleId}/hypothesis`, {
        statement: 'If we open each gathering with a round of names, then participants will feel they belong, because they are known.',
        expectedOutcome: 'Belonging scores rise from 2.5 to 4',
        rationale: 'Participants said they felt like strangers.',
        indicatorIds: [itemOf(BELONG).indicatorId],
      })
      .expect(200);
    await move(cycleId, 'adaptation');
    await lib().put(`/api/v1/cycles/${cycleId}/adaptation`, { description: 'A round of names opens each gathering.', implementedOn: '2026-03-09' }).expect(200);
    await move(cycleId, 'evidence');
    (t.clock as FixedClock).set('2026-03-14T16:00:00Z');

    const preview = (await lib().post(survey('/imports/preview'), { csv: SPANNING_CSV }).expect(200)).body;
    expect(preview.target).toMatchObject({ phase: 'evidence', changeDate: '2026-03-09', split: { allowed: true } });
    expect(preview.split).toEqual({ changeDate: '2026-03-09', before: 2, after: 3, undated: 0, spansChange: true });

    const undated = await lib().post(survey('/imports'), { csv: UNDATED_CSV, cycleId, mapping: preview.mapping, split: true }).expect(400);
    expect(undated.body.details[0]).toMatchObject({ field: 'split', problems: [expect.stringContaining('line 3 has no date')] });
    expect(await countOf('SELECT COUNT(*) AS n FROM survey_imports')).toBe(1);

    const res = await lib().post(survey('/imports'), { csv: SPANNING_CSV, cycleId, mapping: preview.mapping, split: true }).expect(201);
    split = res.body.imports;
    expect(split.map((i) => [i.period, i.responses, i.observedOn])).toEqual([
      ['before', 2, '2026-03-06'],
      ['after', 3, '2026-03-13'],
    ]);
    expect(res.body.import.id).toBe(split[1].id);
    expect(split[0].evidenceIds).toEqual([]);
    expect(res.body.evidence.map((e: { sampleSize: number; observedOn: string }) => [e.sampleSize, e.observedOn])).toEqual([
      [3, '2026-03-13'],
      [3, '2026-03-13'],
    ]);
    expect(await countOf('SELECT COUNT(*) AS n FROM evidence')).toBe(2);
  });

  it('compares before and after within the cycle when it has a baseline', async () => {
    const outcomes = (await c.as(pilot.coach.token).get(survey('/outcomes')).expect(200)).body.outcomes;
    const belonging = outcomes.find((o: { outcome: string }) => o.outcome === 'Belonging');
    // Baseline: 3, 3, 2 (the March import) and 2, 3 (the split's before part): 13 / 5. After: 4, 4, 5.
    expect(belonging.comparison).toBe('within_cycle');
    expect(belonging.before).toMatchObject({ cycleNumber: 1, period: 'before', mean: 2.6, n: 5, distribution: { 1: 0, 2: 2, 3: 3, 4: 0, 5: 0 } });
    expect(belonging.after).toMatchObject({ cycleNumber: 1, period: 'after', mean: 4.33, n: 3, distribution: { 1: 0, 2: 0, 3: 0, 4: 2, 5: 1 } });
    expect(belonging.change).toBe(1.73);
    const trust = outcomes.find((o: { outcome: string }) => o.outcome === 'Trust in the library');
    expect(trust).toMatchObject({ before: { mean: 2.4, n: 5 }, after: { mean: 4.33, n: 3 }, change: 1.93 });
  });

  it('undoes a whole import (its answers and its evidence), audited; 404 for another initiative', async () => {
    const listed = await importsNow();
    expect(listed.map((i) => i.period).sort()).toEqual(['after', 'before', 'before']);
    expect(listed.every((i) => i.cycleNumber === 1 && i.undo.allowed)).toBe(true);
    const after = split[1];
    await c.as(other.librarian.token).delete(`/api/v1/initiatives/${other.initiativeId}/survey/imports/${after.id}`).expect(404);
    await c
      .as(pilot.coach.token)
      .delete(survey(`/imports/${after.id}`))
      .expect(403);
    await lib()
      .delete(survey(`/imports/${after.id}`))
      .expect(204);
    expect(await countOf(`SELECT COUNT(*) AS n FROM survey_imports WHERE id = ${p(1)}`, [after.id])).toBe(0);
    expect(await countOf(`SELECT COUNT(*) AS n FROM survey_answers WHERE import_id = ${p(1)}`, [after.id])).toBe(0);
    expect(await countOf('SELECT COUNT(*) AS n FROM evidence')).toBe(0);
    const audited = await db().query(`SELECT action, entity_type, entity_id FROM audit_entries WHERE action = 'delete' ORDER BY entity_type`);
    const byType = (type: string) => audited.filter((a: { entity_type: string }) => a.entity_type === type).map((a: { entity_id: string }) => a.entity_id);
    expect(byType('survey_import')).toEqual([after.id]);
    expect(byType('evidence').sort()).toEqual([...after.evidenceIds].sort());
    await lib()
      .delete(survey(`/imports/${after.id}`))
      .expect(404);
    // With no answers after the change left, the cycle has only its baseline.
    const belonging = (await lib().get(survey('/outcomes')).expect(200)).body.outcomes.find((o: { outcome: string }) => o.outcome === 'Belonging');
    expect(belonging).toMatchObject({ after: null, before: { period: 'before', n: 5 }, change: null });
  });

  it('refuses an undo once the cycle is closed (409 with the reason)', async () => {
    await lib()
      .post(survey('/imports'), { csv: SPANNING_CSV, cycleId, mapping: await mapping(SPANNING_CSV), timing: 'after' })
      .expect(201);
    await move(cycleId, 'reflection');
    await lib()
      .put(`/api/v1/cycles/${cycleId}/reflection`, {
        outcome: 'supported',
        insights: 'Names helped people feel known.',
        decision: 'continue',
        nextSteps: 'Keep it.',
      })
      .expect(200);
    await move(cycleId, 'review');
    const inReview = await lib()
      .delete(survey(`/imports/${baselineId}`))
      .expect(409);
    expect(inReview.body.message).toMatch(/in review/);
    await c.as(pilot.coach.token).post(`/api/v1/cycles/${cycleId}/reviews`, { verdict: 'approve', body: 'Approved.' }).expect(201);
    const closed = await lib()
      .delete(survey(`/imports/${baselineId}`))
      .expect(409);
    expect(closed.body.message).toBe('Cycle 1 is closed: its imports are part of its record and can no longer be undone.');
    expect(await countOf(`SELECT COUNT(*) AS n FROM survey_imports WHERE id = ${p(1)}`, [baselineId])).toBe(1);
    expect((await importsNow()).every((i) => !i.undo.allowed && /closed/.test(i.undo.reason ?? ''))).toBe(true);
    const target = (await lib().get(survey('/imports/target')).expect(200)).body;
    expect(target).toMatchObject({ cycleId: null, before: { allowed: false, reason: expect.stringMatching(/no open cycle/) } });
  });
  it('takes a baseline while a cycle is in its adaptation phase, and undoes it there, audited', async () => {
    const next = await c.pilot();
    const librarian = c.as(next.librarian.token);
    const path = (rest = '') => `/api/v1/initiatives/${next.initiativeId}/survey${rest}`;
    const belonging = (await librarian.post(path('/starter')).expect(201)).body.items.find((i: { text: string }) => i.text === BELONG);
    const nextCycleId = (
      await librarian
        .post(`/api/v1/initiatives/${next.initiativeId}/cycles`, { title: 'Welcome table', plannedStart: '2026-03-16', plannedEnd: '2026-04-30' })
        .expect(201)
    ).body.id;
    await librarian
      .put(`/api/v1/cycles/${nextCycleId}/hypothesis`, {
        statement: 'If a volunteer hosts a welcome table, then newcomers will feel they belong, because someone expects them.',
        expectedOutcome: 'Belonging scores rise',
        rationale: 'Newcomers said nobody noticed them.',
        indicatorIds: [belonging.indicatorId],
      })
      .expect(200);
    await librarian.post(`/api/v1/cycles/${nextCycleId}/transitions`, { to: 'adaptation' }).expect(200);

    const target = (await librarian.get(path('/imports/target')).expect(200)).body;
    expect(target).toMatchObject({
      cycleId: nextCycleId,
      phase: 'adaptation',
      before: { allowed: true, reason: null },
      after: { allowed: false, reason: expect.stringContaining('from the evidence phase on') },
    });
    const csvMapping = (await librarian.post(path('/imports/preview'), { csv: BASELINE_CSV }).expect(200)).body.mapping;
    await librarian.post(path('/imports'), { csv: BASELINE_CSV, cycleId: nextCycleId, mapping: csvMapping }).expect(409);
    const baseline = (await librarian.post(path('/imports'), { csv: BASELINE_CSV, cycleId: nextCycleId, mapping: csvMapping, timing: 'before' }).expect(201))
      .body.import;
    expect(baseline).toMatchObject({ period: 'before', responses: 3, evidenceIds: [] });

    await librarian.delete(path(`/imports/${baseline.id}`)).expect(204);
    expect(await countOf(`SELECT COUNT(*) AS n FROM survey_answers WHERE import_id = ${p(1)}`, [baseline.id])).toBe(0);
    const audited = await db().query(`SELECT action FROM audit_entries WHERE entity_type = 'survey_import' AND entity_id = ${p(1)} ORDER BY at`, [baseline.id]);
    expect(audited.map((a: { action: string }) => a.action)).toContain('delete');
  });
});
