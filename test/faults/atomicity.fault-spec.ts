import { DataSource } from 'typeorm';
import { ADMIN_ENV, Coalition } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { refuseInserts } from './support/injected-faults';
import { observation, Pilot, pilotTakingEvidence } from './support/scenario';

/**
 * Each user action writes its change, its audit row and (when it asks for work) its request row in one
 * transaction. Here the database refuses the audit or request insert that comes after the change, and
 * the change must be gone too.
 */
describe('atomicity: a failure after the change and before its audit or request row leaves neither', () => {
  let t: TestApp;
  let c: Coalition;
  let db: DataSource;
  let pilot: Pilot;
  const lib = () => c.as(pilot.librarian.token);
  const coach = () => c.as(pilot.coach.token);
  const count = async (sql: string, params: unknown[] = []) => Number((await db.query(sql, params))[0].n);
  const p = (i: number) => (db.options.type === 'postgres' ? `$${i}` : '?');

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV, withWorkers: false });
    c = new Coalition(t);
    await c.signInAdmin();
    pilot = await pilotTakingEvidence(c);
    db = t.app.get(DataSource);
  });
  afterAll(async () => t?.close());

  it('a check-in whose audit row fails is not stored, and the initiative’s last check-in stays as it was', async () => {
    const before = await db.query(`SELECT last_check_in_at AS at FROM initiatives WHERE id = ${p(1)}`, [pilot.initiativeId]);
    const allow = await refuseInserts(db, 'audit_entries', `NEW."after" LIKE '%FAULT-MARK%'`);
    try {
      const res = await lib().post(`/api/v1/initiatives/${pilot.initiativeId}/check-ins`, { note: 'FAULT-MARK: story time went well' });
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ statusCode: 500, error: 'Internal Server Error', message: expect.any(String), details: [] });
    } finally {
      await allow();
    }
    expect(await count(`SELECT COUNT(*) AS n FROM check_ins WHERE note LIKE '%FAULT-MARK%'`)).toBe(0);
    expect(await db.query(`SELECT last_check_in_at AS at FROM initiatives WHERE id = ${p(1)}`, [pilot.initiativeId])).toEqual(before);
    // The transaction queue is not left stuck: the next check-in goes through.
    await lib().post(`/api/v1/initiatives/${pilot.initiativeId}/check-ins`, { note: 'After the fault: all is well.' }).expect(201);
  });

  it('an evidence entry whose audit row fails is not stored', async () => {
    const allow = await refuseInserts(db, 'audit_entries', `NEW."after" LIKE '%FAULT-MARK%'`);
    try {
      await lib()
        .post(`/api/v1/cycles/${pilot.cycleId}/evidence`, { ...observation(1), text: 'FAULT-MARK: a family stayed late' })
        .expect(500);
    } finally {
      await allow();
    }
    expect(await count(`SELECT COUNT(*) AS n FROM evidence WHERE text LIKE '%FAULT-MARK%'`)).toBe(0);
    await lib().post(`/api/v1/cycles/${pilot.cycleId}/evidence`, observation(2)).expect(201);
  });

  it('a saved section whose audit row fails leaves the section as it was', async () => {
    const before = (await lib().get(`/api/v1/cycles/${pilot.cycleId}`).expect(200)).body.adaptation;
    const allow = await refuseInserts(db, 'audit_entries', `NEW."after" LIKE '%FAULT-MARK%'`);
    try {
      await lib().put(`/api/v1/cycles/${pilot.cycleId}/adaptation`, { description: 'FAULT-MARK: a new greeting', implementedOn: '2026-03-10' }).expect(500);
    } finally {
      await allow();
    }
    expect((await lib().get(`/api/v1/cycles/${pilot.cycleId}`).expect(200)).body.adaptation).toEqual(before);
  });

  it('a phase transition whose audit row fails leaves the cycle in its phase', async () => {
    const allow = await refuseInserts(db, 'audit_entries', `NEW.entity_id = '${pilot.cycleId}' AND NEW.action = 'transition:reflection'`);
    try {
      await lib().post(`/api/v1/cycles/${pilot.cycleId}/transitions`, { to: 'reflection' }).expect(500);
    } finally {
      await allow();
    }
    expect((await lib().get(`/api/v1/cycles/${pilot.cycleId}`).expect(200)).body.phase).toBe('evidence');
    expect(await count(`SELECT COUNT(*) AS n FROM audit_entries WHERE entity_id = ${p(1)} AND action = 'transition:reflection'`, [pilot.cycleId])).toBe(0);
  });

  it('an approval whose summary request fails leaves the cycle open in review, with no review and no audit row', async () => {
    await lib().post(`/api/v1/cycles/${pilot.cycleId}/transitions`, { to: 'reflection' }).expect(200);
    await lib()
      .put(`/api/v1/cycles/${pilot.cycleId}/reflection`, {
        outcome: 'partly_supported',
        insights: 'Families came back when greeted by name.',
        decision: 'adapt',
        nextSteps: 'Recruit a third volunteer.',
      })
      .expect(200);
    await lib().post(`/api/v1/cycles/${pilot.cycleId}/transitions`, { to: 'review' }).expect(200);
    const audit = await count(`SELECT COUNT(*) AS n FROM audit_entries WHERE entity_id = ${p(1)}`, [pilot.cycleId]);

    const allow = await refuseInserts(db, 'summary_requests', `NEW.cycle_id = '${pilot.cycleId}'`);
    try {
      await coach().post(`/api/v1/cycles/${pilot.cycleId}/reviews`, { verdict: 'approve', body: 'FAULT-MARK: strong cycle.' }).expect(500);
    } finally {
      await allow();
    }
    const cycle = (await lib().get(`/api/v1/cycles/${pilot.cycleId}`).expect(200)).body;
    expect(cycle.phase).toBe('review');
    expect(cycle.reviews).toEqual([]);
    expect(await count(`SELECT COUNT(*) AS n FROM audit_entries WHERE entity_id = ${p(1)}`, [pilot.cycleId])).toBe(audit);
    expect(await count(`SELECT COUNT(*) AS n FROM audit_entries WHERE "after" LIKE '%FAULT-MARK%'`)).toBe(0);
    expect(await count(`SELECT COUNT(*) AS n FROM summary_requests WHERE cycle_id = ${p(1)}`, [pilot.cycleId])).toBe(0);
    // Still one open cycle: a new one is refused, and once the fault is gone the approval closes it.
    await lib()
      .post(`/api/v1/initiatives/${pilot.initiativeId}/cycles`, { title: 'Cycle 2', plannedStart: '2026-04-14', plannedEnd: '2026-05-25' })
      .expect(409);
    await coach().post(`/api/v1/cycles/${pilot.cycleId}/reviews`, { verdict: 'approve', body: 'Strong cycle.' }).expect(201);
    expect(await count(`SELECT COUNT(*) AS n FROM summary_requests WHERE cycle_id = ${p(1)}`, [pilot.cycleId])).toBe(1);
  });

  it('a subscriber import whose 150th account is refused by the database creates nobody; the same list then goes in whole', async () => {
    const csv = ['email,name', ...Array.from({ length: 220 }, (_, i) => `atomic${i}@members.test,Atomic Member ${i}`)].join('\r\n');
    const people = () => count(`SELECT COUNT(*) AS n FROM users WHERE email LIKE 'atomic%'`);
    // Accounts are written 100 to a statement: the refusal comes after the first 100 are in.
    const allow = await refuseInserts(db, 'users', `NEW.email = 'atomic149@members.test'`);
    try {
      await c.as(c.adminToken).post('/api/v1/users/import', { csv }).expect(500);
    } finally {
      await allow();
    }
    expect(await people()).toBe(0);
    expect(await count(`SELECT COUNT(*) AS n FROM audit_entries WHERE "after" LIKE '%atomic%@members.test%'`)).toBe(0);
    const res = await c.as(c.adminToken).post('/api/v1/users/import', { csv }).expect(200);
    expect(res.body).toMatchObject({ created: 220, existing: 0 });
    expect(await people()).toBe(220);
  });
});
