import { DataSource } from 'typeorm';
import { FixedClock } from '@r2c/core';
import { IndicatorSeriesReader } from '@r2c/cycles';
import { ADMIN_ENV, Coalition, Person } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

const REMOVED_QUOTE = 'The removed quote: we came for the biscuits.';
const KEPT_QUOTE = 'We felt expected at the door.';

describe('evidence: editing an entry and undoing a removal while the phase is editable', () => {
  let t: TestApp;
  let c: Coalition;
  let pilot: { initiativeId: string; librarian: Person; coach: Person };
  let cycleId: string;
  let attendance: string;
  const lib = () => c.as(pilot.librarian.token);
  const evidence = (rest = '') => `/api/v1/cycles/${cycleId}/evidence${rest}`;
  const add = async (body: object) => (await lib().post(evidence(), body).expect(201)).body as { id: string };
  const auditOf = async (entityId: string) =>
    (await c.as(c.adminToken).get(`/api/v1/audit?entityType=evidence&entityId=${entityId}`).expect(200)).body.items as {
      action: string;
      before: unknown;
      after: unknown;
    }[];
  const seriesDays = async () =>
    ((await t.app.get(IndicatorSeriesReader).series(t.app.get(DataSource).manager, [pilot.initiativeId])).get(attendance) ?? []).map((p) => p.day);

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV, withWorkers: false, clock: new FixedClock(new Date('2026-04-01T12:00:00Z')) });
    c = new Coalition(t);
    await c.signInAdmin();
    pilot = await c.pilot({ startDate: '2026-01-05' });
    attendance = (await lib().post(`/api/v1/initiatives/${pilot.initiativeId}/indicators`, { templateKey: 'attendance' }).expect(201)).body.id;
    cycleId = (
      await lib()
        .post(`/api/v1/initiatives/${pilot.initiativeId}/cycles`, { title: 'Greeters', plannedStart: '2026-01-05', plannedEnd: '2026-05-31' })
        .expect(201)
    ).body.id;
    await lib()
      .put(`/api/v1/cycles/${cycleId}/hypothesis`, {
        statement: 'If volunteers greet families at the door, then more will come back, because they feel expected.',
        expectedOutcome: 'Attendance rises from 12 to 18',
        indicatorIds: [attendance],
      })
      .expect(200);
    await lib().post(`/api/v1/cycles/${cycleId}/transitions`, { to: 'adaptation' }).expect(200);
    await lib().put(`/api/v1/cycles/${cycleId}/adaptation`, { description: 'Greeters at the door.', implementedOn: '2026-01-12' }).expect(200);
    await lib().post(`/api/v1/cycles/${cycleId}/transitions`, { to: 'evidence' }).expect(200);
  });
  afterAll(async () => t?.close());

  it('edits an entry under the same rules as adding one, and audits the change', async () => {
    const entry = await add({ kind: 'measurement', indicatorId: attendance, value: 12, observedOn: '2026-03-02', method: 'sign_in' });
    const edited = await lib()
      .patch(evidence(`/${entry.id}`), { value: 14, source: 'Sign-in sheet, Tuesday' })
      .expect(200);
    expect(edited.body).toMatchObject({ id: entry.id, kind: 'measurement', value: 14, source: 'Sign-in sheet, Tuesday', observedOn: '2026-03-02' });

    const negative = await lib()
      .patch(evidence(`/${entry.id}`), { value: -3 })
      .expect(400);
    expect(negative.body.details).toEqual([expect.objectContaining({ field: 'value' })]);
    const textless = await lib()
      .patch(evidence(`/${entry.id}`), { kind: 'quote', indicatorId: null, value: null })
      .expect(400);
    expect(textless.body.details).toEqual([expect.objectContaining({ field: 'text' })]);
    await lib()
      .patch(evidence(`/${entry.id}`), { method: 'carrier pigeon' })
      .expect(400);
    await c
      .as(pilot.coach.token)
      .patch(evidence(`/${entry.id}`), { value: 20 })
      .expect(403);

    const cycle = await lib().get(`/api/v1/cycles/${cycleId}`).expect(200);
    expect(cycle.body.evidence).toEqual([expect.objectContaining({ id: entry.id, value: 14 })]);
    const updates = (await auditOf(entry.id)).filter((a) => a.action === 'update');
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ before: expect.objectContaining({ value: 12 }), after: expect.objectContaining({ value: 14 }) });
  });

  it('leaves a removed entry out of the cycle, its list, the draft summary, the exports and the series, and brings it back on restore', async () => {
    const quote = await add({ kind: 'quote', text: REMOVED_QUOTE, observedOn: '2026-03-03', method: 'interview' });
    await add({ kind: 'quote', text: KEPT_QUOTE, observedOn: '2026-03-04', method: 'interview' });
    const measured = await add({ kind: 'measurement', indicatorId: attendance, value: 30, observedOn: '2026-03-09', method: 'sign_in' });
    expect(await seriesDays()).toContain('2026-03-09');

    await lib()
      .delete(evidence(`/${quote.id}`))
      .expect(204);
    await lib()
      .delete(evidence(`/${measured.id}`))
      .expect(204);
    await lib()
      .delete(evidence(`/${quote.id}`))
      .expect(404);
    await lib()
      .patch(evidence(`/${quote.id}`), { text: 'Edited after removal.' })
      .expect(404);

    const cycle = await lib().get(`/api/v1/cycles/${cycleId}`).expect(200);
    const ids = (cycle.body.evidence as { id: string }[]).map((e) => e.id);
    expect(ids).not.toContain(quote.id);
    expect(ids).not.toContain(measured.id);
    const list = await lib().get(evidence()).expect(200);
    expect(list.body.total).toBe(ids.length);
    const draft = await lib().get(`/api/v1/cycles/${cycleId}/summary/draft`).expect(200);
    expect(JSON.stringify(draft.body)).toContain(KEPT_QUOTE);
    expect(JSON.stringify(draft.body)).not.toContain(REMOVED_QUOTE);
    const csv = await lib().get(`/api/v1/initiatives/${pilot.initiativeId}/evidence.csv`).expect(200);
    expect(csv.text).toContain(KEPT_QUOTE);
    expect(csv.text).not.toContain(REMOVED_QUOTE);
    const exported = await c.as(c.adminToken).get(`/api/v1/initiatives/${pilot.initiativeId}/export.json`).expect(200);
    expect(JSON.stringify(exported.body)).toContain(KEPT_QUOTE);
    expect(JSON.stringify(exported.body)).not.toContain(REMOVED_QUOTE);
    expect(await seriesDays()).not.toContain('2026-03-09');

    const restored = await lib()
      .post(evidence(`/${quote.id}/restore`))
      .expect(200);
    expect(restored.body).toMatchObject({ id: quote.id, text: REMOVED_QUOTE });
    await lib()
      .post(evidence(`/${quote.id}/restore`))
      .expect(404);
    const again = await lib().get(`/api/v1/cycles/${cycleId}`).expect(200);
    expect((again.body.evidence as { id: string }[]).map((e) => e.id)).toContain(quote.id);
    expect((await auditOf(quote.id)).map((a) => a.action).sort()).toEqual(['create', 'delete', 'restore']);
  });

  it('refuses edits and restores once the phase is no longer editable', async () => {
    const entry = await add({ kind: 'observation', text: 'Two families stayed to chat.', observedOn: '2026-03-10', method: 'observation' });
    const gone = await add({ kind: 'observation', text: 'A short visit.', observedOn: '2026-03-11', method: 'observation' });
    await lib()
      .delete(evidence(`/${gone.id}`))
      .expect(204);
    await lib().post(`/api/v1/cycles/${cycleId}/transitions`, { to: 'reflection' }).expect(200);
    await lib()
      .put(`/api/v1/cycles/${cycleId}/reflection`, {
        outcome: 'partly_supported',
        insights: 'Attendance rose; trust rose a little.',
        decision: 'adapt',
        nextSteps: 'Add a Dari-speaking volunteer on Saturdays.',
      })
      .expect(200);
    await lib().post(`/api/v1/cycles/${cycleId}/transitions`, { to: 'review' }).expect(200);

    const edit = await lib()
      .patch(evidence(`/${entry.id}`), { text: 'Changed in review.' })
      .expect(409);
    expect(edit.body.message).toMatch(/review/);
    await lib()
      .post(evidence(`/${gone.id}/restore`))
      .expect(409);
    const cycle = await lib().get(`/api/v1/cycles/${cycleId}`).expect(200);
    expect(cycle.body.evidence).toEqual(expect.arrayContaining([expect.objectContaining({ id: entry.id, text: 'Two families stayed to chat.' })]));
    expect((cycle.body.evidence as { id: string }[]).map((e) => e.id)).not.toContain(gone.id);
  });
});
