import { DataSource } from 'typeorm';
import { FixedClock } from '@r2c/core';
import { Evidence } from '@r2c/cycles/entities';
import { ADMIN_ENV, Coalition, Person } from './support/fixtures';
import { countQueries } from './support/query-counter';
import { startTestApp, TestApp } from './support/test-app';

describe('the R2C cycle over HTTP', () => {
  let t: TestApp;
  let c: Coalition;
  let pilot: { libraryId: string; initiativeId: string; librarian: Person; coach: Person };
  let attendance: string;
  let trust: string;

  const clock = () => t.clock as FixedClock;
  const lib = () => c.as(pilot.librarian.token);
  const coach = () => c.as(pilot.coach.token);

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV, withWorkers: false });
    c = new Coalition(t);
    await c.signInAdmin();
    pilot = await c.pilot();
    attendance = (await lib().post(`/api/v1/initiatives/${pilot.initiativeId}/indicators`, { templateKey: 'attendance', baseline: 12, target: 18 }).expect(201))
      .body.id;
    trust = (await lib().post(`/api/v1/initiatives/${pilot.initiativeId}/indicators`, { templateKey: 'trust_in_library' }).expect(201)).body.id;
  });
  afterAll(async () => t?.close());

  describe('indicators', () => {
    it('lists the shipped catalogue of at least seven trust-building templates', async () => {
      const res = await lib().get('/api/v1/indicator-templates').expect(200);
      expect(res.body.items.length).toBeGreaterThanOrEqual(7);
      expect(res.body.items.map((t: { key: string }) => t.key)).toEqual(expect.arrayContaining(['attendance', 'trust_in_library', 'sense_of_belonging']));
    });

    it('adopts a template by key and creates a custom indicator', async () => {
      const list = await lib().get(`/api/v1/initiatives/${pilot.initiativeId}/indicators`).expect(200);
      expect(list.body.items.find((i: { id: string }) => i.id === attendance)).toMatchObject({
        templateKey: 'attendance',
        kind: 'count',
        baseline: 12,
        target: 18,
      });
      const custom = await lib()
        .post(`/api/v1/initiatives/${pilot.initiativeId}/indicators`, {
          name: 'Families greeted in their language',
          unit: 'families',
          kind: 'count',
          direction: 'increase',
        })
        .expect(201);
      expect(custom.body.templateKey).toBeNull();
    });

    it('refuses an unknown template, a missing kind and a baseline out of range with 400', async () => {
      await lib().post(`/api/v1/initiatives/${pilot.initiativeId}/indicators`, { templateKey: 'happiness' }).expect(400);
      const missing = await lib().post(`/api/v1/initiatives/${pilot.initiativeId}/indicators`, { name: 'X', unit: 'y', direction: 'increase' }).expect(400);
      expect(missing.body.details.map((d: { field: string }) => d.field)).toEqual(['kind']);
      const range = await lib()
        .post(`/api/v1/initiatives/${pilot.initiativeId}/indicators`, { name: 'Trust 2', unit: 'score', kind: 'scale_1_5', direction: 'increase', baseline: 7 })
        .expect(400);
      expect(range.body.details[0].field).toBe('baseline');
    });

    it('lets a coach read but not add indicators (403)', async () => {
      await coach().get(`/api/v1/initiatives/${pilot.initiativeId}/indicators`).expect(200);
      await coach().post(`/api/v1/initiatives/${pilot.initiativeId}/indicators`, { templateKey: 'new_participants' }).expect(403);
    });
  });

  describe('a whole cycle', () => {
    let cycleId: string;
    const move = (to: string, who = lib()) => who.post(`/api/v1/cycles/${cycleId}/transitions`, { to });

    it('starts cycle 1 in the hypothesis phase', async () => {
      const res = await lib()
        .post(`/api/v1/initiatives/${pilot.initiativeId}/cycles`, { title: 'Bilingual welcome', plannedStart: '2026-03-02', plannedEnd: '2026-04-13' })
        .expect(201);
      expect(res.body).toMatchObject({ number: 1, phase: 'hypothesis', evidence: [], reviews: [], carriedOver: null });
      cycleId = res.body.id;
    });

    it('refuses a second open cycle with 409', async () => {
      const res = await lib()
        .post(`/api/v1/initiatives/${pilot.initiativeId}/cycles`, { title: 'Too soon', plannedStart: '2026-03-02', plannedEnd: '2026-04-13' })
        .expect(409);
      expect(res.body.message).toContain('Cycle 1');
    });

    it('refuses to leave hypothesis while the statement, expected outcome and indicators are missing, naming them', async () => {
      const res = await move('adaptation').expect(409);
      expect(res.body.message).toMatch(/statement/);
      expect(res.body.message).toMatch(/expected outcome/);
      expect(res.body.message).toMatch(/indicator/);
      expect(res.body.details.length).toBeGreaterThanOrEqual(3);
    });

    it('refuses hypothesis indicators of another initiative with 400', async () => {
      const other = await c.pilot();
      const foreign = (
        await c.as(other.librarian.token).post(`/api/v1/initiatives/${other.initiativeId}/indicators`, { templateKey: 'attendance' }).expect(201)
      ).body.id;
      await lib()
        .put(`/api/v1/cycles/${cycleId}/hypothesis`, { statement: 's', indicatorIds: [foreign] })
        .expect(400);
    });

    it('refuses skipping a phase and a coach moving forward', async () => {
      await lib()
        .put(`/api/v1/cycles/${cycleId}/hypothesis`, {
          statement:
            'If volunteers greet newcomer families in Spanish and Dari at the door, then more of them will come back, because they will feel expected.',
          expectedOutcome: 'Attendance rises from 12 to 18 and trust scores rise',
          rationale: 'Families told us they were unsure they were welcome.',
          learningQuestion: 'Does a welcome in one’s own language bring families back?',
          indicatorIds: [attendance, trust],
        })
        .expect(200);
      expect((await move('evidence').expect(409)).body.message).toMatch(/one step at a time/);
      await move('adaptation', coach()).expect(403);
    });

    it('moves to adaptation, and refuses evidence until the implementation date is there', async () => {
      const res = await move('adaptation').expect(200);
      expect(res.body.phase).toBe('adaptation');
      await lib().put(`/api/v1/cycles/${cycleId}/adaptation`, { description: 'Two volunteers greet families at the door.' }).expect(200);
      const refused = await move('evidence').expect(409);
      expect(refused.body.message).toBe('Cannot move to evidence: the adaptation has no implementation date.');
      expect(refused.body.details).toEqual([{ field: 'adaptation.implementedOn', problems: [refused.body.message] }]);
    });

    it('refuses evidence before the evidence phase (409)', async () => {
      await lib().post(`/api/v1/cycles/${cycleId}/evidence`, { kind: 'observation', text: 'x', observedOn: '2026-03-10', method: 'observation' }).expect(409);
    });

    it('moves to evidence once the adaptation is complete', async () => {
      await lib()
        .put(`/api/v1/cycles/${cycleId}/adaptation`, {
          description: 'Two volunteers greet families at the door.',
          implementedOn: '2026-03-09',
          sessionsHeld: 4,
          participantsReached: 57,
          gathering: { whyGather: 'To welcome newcomers', opening: 'Name and where you are from', timeToReflect: 'Five quiet minutes at the end' },
        })
        .expect(200);
      await move('evidence').expect(200);
      expect((await move('reflection').expect(409)).body.message).toMatch(/evidence/);
    });

    it('records measurements checked against the indicator kind, and other evidence', async () => {
      await lib()
        .post(`/api/v1/cycles/${cycleId}/evidence`, {
          kind: 'measurement',
          indicatorId: attendance,
          value: 16,
          observedOn: '2026-03-16',
          method: 'sign_in',
          source: 'Sign-in sheet',
        })
        .expect(201);
      await lib()
        .post(`/api/v1/cycles/${cycleId}/evidence`, {
          kind: 'measurement',
          indicatorId: trust,
          value: 4.2,
          observedOn: '2026-03-23',
          method: 'survey',
          sampleSize: 11,
        })
        .expect(201);
      await lib()
        .post(`/api/v1/cycles/${cycleId}/evidence`, {
          kind: 'quote',
          text: '"I didn\'t know we could just come in."',
          observedOn: '2026-03-23',
          method: 'interview',
        })
        .expect(201);
      const bad = await lib()
        .post(`/api/v1/cycles/${cycleId}/evidence`, { kind: 'measurement', indicatorId: trust, value: 6, observedOn: '2026-03-23', method: 'survey' })
        .expect(400);
      expect(bad.body.details[0].field).toBe('value');
      await lib()
        .post(`/api/v1/cycles/${cycleId}/evidence`, { kind: 'measurement', indicatorId: attendance, value: 2.5, observedOn: '2026-03-23', method: 'sign_in' })
        .expect(400);
      await lib().post(`/api/v1/cycles/${cycleId}/evidence`, { kind: 'measurement', value: 3, observedOn: '2026-03-23', method: 'survey' }).expect(400);
      await lib().post(`/api/v1/cycles/${cycleId}/evidence`, { kind: 'observation', text: 'x', observedOn: '2026-02-31', method: 'observation' }).expect(400);
      await lib().post(`/api/v1/cycles/${cycleId}/evidence`, { kind: 'observation', text: 'x', observedOn: '2026-03-10', method: 'telepathy' }).expect(400);
    });

    it('deletes evidence while the cycle is open', async () => {
      const entry = await lib()
        .post(`/api/v1/cycles/${cycleId}/evidence`, { kind: 'story', text: 'A mistake', observedOn: '2026-03-24', method: 'other' })
        .expect(201);
      await lib().delete(`/api/v1/cycles/${cycleId}/evidence/${entry.body.id}`).expect(204);
      await lib().delete(`/api/v1/cycles/${cycleId}/evidence/${entry.body.id}`).expect(404);
      expect((await lib().get(`/api/v1/cycles/${cycleId}/evidence`).expect(200)).body.total).toBe(3);
    });

    it('refuses review until the reflection is complete, naming every missing part', async () => {
      await move('reflection').expect(200);
      await lib().put(`/api/v1/cycles/${cycleId}/reflection`, { outcome: 'partly_supported' }).expect(200);
      const res = await move('review').expect(409);
      expect(res.body.message).toMatch(/insights/);
      expect(res.body.message).toMatch(/decision/);
      expect(res.body.message).toMatch(/next steps/);
    });

    it('lets the coach send a cycle in review back to adaptation, and the librarian resubmit', async () => {
      await lib()
        .put(`/api/v1/cycles/${cycleId}/reflection`, {
          outcome: 'partly_supported',
          insights: 'Attendance rose; trust rose a little.',
          decision: 'adapt',
          nextSteps: 'Add a Dari-speaking volunteer on Saturdays.',
        })
        .expect(200);
      await move('review').expect(200);
      await lib().put(`/api/v1/cycles/${cycleId}/reflection`, { outcome: 'supported' }).expect(409);
      await lib().post(`/api/v1/cycles/${cycleId}/reviews`, { verdict: 'approve', body: 'Looks good' }).expect(403);
      const back = await coach()
        .post(`/api/v1/cycles/${cycleId}/reviews`, { verdict: 'request_changes', body: 'Say how many volunteers took part.', returnTo: 'adaptation' })
        .expect(201);
      expect(back.body.phase).toBe('adaptation');
      await lib()
        .put(`/api/v1/cycles/${cycleId}/adaptation`, {
          description: 'Two volunteers (Ana and Farid) greet families at the door.',
          implementedOn: '2026-03-09',
          sessionsHeld: 4,
          participantsReached: 57,
        })
        .expect(200);
      for (const to of ['evidence', 'reflection', 'review']) await move(to).expect(200);
    });

    it('lets the coach send it back with a plain transition too, and a librarian may not move back', async () => {
      await move('reflection').expect(403);
      await move('reflection', coach()).expect(200);
      await move('review').expect(200);
    });

    it('closes the cycle on approval; comments are listed on the cycle', async () => {
      clock().advance(60_000);
      await coach().post(`/api/v1/cycles/${cycleId}/reviews`, { verdict: 'comment', body: 'Lovely quotes.' }).expect(201);
      clock().advance(60_000);
      const res = await coach().post(`/api/v1/cycles/${cycleId}/reviews`, { verdict: 'approve', body: 'Approved: a real cycle.' }).expect(201);
      expect(res.body.phase).toBe('closed');
      expect(res.body.closedAt).toEqual(expect.any(String));
      expect(res.body.reviews.map((r: { verdict: string }) => r.verdict)).toEqual(['request_changes', 'comment', 'approve']);
    });

    it('freezes a closed cycle: every write is 409', async () => {
      const id = cycleId;
      await lib().put(`/api/v1/cycles/${id}/hypothesis`, { statement: 'changed' }).expect(409);
      await lib().put(`/api/v1/cycles/${id}/reflection`, { insights: 'changed' }).expect(409);
      await lib().post(`/api/v1/cycles/${id}/evidence`, { kind: 'observation', text: 'late', observedOn: '2026-04-01', method: 'observation' }).expect(409);
      const evidence = (await lib().get(`/api/v1/cycles/${id}`).expect(200)).body.evidence;
      await lib().delete(`/api/v1/cycles/${id}/evidence/${evidence[0].id}`).expect(409);
      await move('reflection', coach()).expect(409);
      await coach().post(`/api/v1/cycles/${id}/reviews`, { verdict: 'comment', body: 'late' }).expect(409);
      await coach().post(`/api/v1/cycles/${id}/reviews`, { verdict: 'approve', body: 'again' }).expect(409);
    });

    it('starts cycle 2 from cycle 1’s decision and next steps', async () => {
      const res = await lib()
        .post(`/api/v1/initiatives/${pilot.initiativeId}/cycles`, { title: 'Saturday welcome', plannedStart: '2026-04-20', plannedEnd: '2026-06-01' })
        .expect(201);
      expect(res.body).toMatchObject({
        number: 2,
        phase: 'hypothesis',
        carriedOver: { fromCycleNumber: 1, decision: 'adapt', nextSteps: 'Add a Dari-speaking volunteer on Saturdays.' },
      });
      const list = await coach().get(`/api/v1/initiatives/${pilot.initiativeId}/cycles`).expect(200);
      expect(list.body.items.map((x: { number: number }) => x.number)).toEqual([2, 1]);
    });

    it('writes every change of the cycle to the audit log', async () => {
      const res = await coach().get(`/api/v1/audit?entityType=cycle&entityId=${cycleId}&limit=100`).expect(200);
      const actions = res.body.items.map((a: { action: string }) => a.action);
      expect(actions).toEqual(expect.arrayContaining(['create', 'update:hypothesis', 'transition:adaptation', 'request_changes:adaptation', 'approve:closed']));
    });
  });

  it('gives exactly one 201 and one 409 to two concurrent "create cycle" requests', async () => {
    const p = await c.pilot();
    const body = { title: 'Race', plannedStart: '2026-03-02', plannedEnd: '2026-04-13' };
    const results = await Promise.all([1, 2].map(() => c.as(p.librarian.token).post(`/api/v1/initiatives/${p.initiativeId}/cycles`, body)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it('returns a cycle with 500 evidence entries in a bounded number of queries', async () => {
    const p = await c.pilot();
    const ind = (await c.as(p.librarian.token).post(`/api/v1/initiatives/${p.initiativeId}/indicators`, { templateKey: 'attendance' })).body.id;
    const cycle = (
      await c
        .as(p.librarian.token)
        .post(`/api/v1/initiatives/${p.initiativeId}/cycles`, { title: 'Many', plannedStart: '2026-03-02', plannedEnd: '2026-04-13' })
    ).body.id;
    const ds = t.app.get(DataSource);
    const now = new Date();
    const insertEvidence = (n: number, from: number) =>
      ds
        .createQueryBuilder()
        .insert()
        .into(Evidence)
        .values(
          Array.from({ length: n }, (_, k) => ({
            id: `00000000-0000-4000-8000-${String(from + k).padStart(12, '0')}`,
            cycleId: cycle,
            initiativeId: p.initiativeId,
            kind: 'measurement' as const,
            indicatorId: ind,
            value: from + k,
            observedOn: '2026-03-10',
            method: 'sign_in' as const,
            createdAt: now,
          })),
        )
        .execute();
    const few = await countQueries(ds, () => c.as(p.librarian.token).get(`/api/v1/cycles/${cycle}`).expect(200));
    for (let i = 0; i < 500; i += 100) await insertEvidence(100, i);
    const many = await countQueries(ds, () => c.as(p.librarian.token).get(`/api/v1/cycles/${cycle}`).expect(200));
    expect(many.result.body.evidence).toHaveLength(500);
    expect(many.queries.length).toBe(few.queries.length);
    expect(many.queries.length).toBeLessThanOrEqual(6);
  });

  describe('check-ins and exports', () => {
    it('posts a check-in and shows the next due date from the latest one', async () => {
      const res = await lib()
        .post(`/api/v1/initiatives/${pilot.initiativeId}/check-ins`, {
          note: 'Second story time: 14 families, 5 new.',
          blockers: 'Volunteer moving away',
          helpWanted: 'Recruiting ideas',
        })
        .expect(201);
      expect(res.body).toMatchObject({ note: 'Second story time: 14 families, 5 new.', nextDueOn: '2026-03-16' });
      const list = await coach().get(`/api/v1/initiatives/${pilot.initiativeId}/check-ins`).expect(200);
      expect(list.body).toMatchObject({ total: 1, nextDueOn: '2026-03-16' });
      await coach().post(`/api/v1/initiatives/${pilot.initiativeId}/check-ins`, { note: 'coach note' }).expect(403);
      await lib().post(`/api/v1/initiatives/${pilot.initiativeId}/check-ins`, {}).expect(400);
    });

    it('exports every evidence entry as properly quoted CSV with cycle number, phase, indicator name and unit', async () => {
      const res = await coach().get(`/api/v1/initiatives/${pilot.initiativeId}/evidence.csv`).expect(200);
      expect(res.headers['content-type']).toMatch(/text\/csv/);
      expect(res.text.startsWith('\uFEFF')).toBe(true); // Excel reads UTF-8 only with the byte-order mark
      const lines = res.text.slice(1).trim().split('\n');
      expect(lines[0]).toBe(
        'cycle_number,cycle_title,cycle_phase,evidence_id,kind,indicator_name,indicator_unit,indicator_kind,value,text,observed_on,method,source,sample_size,recorded_at',
      );
      expect(lines).toHaveLength(4);
      expect(res.text).toContain('"""I didn\'t know we could just come in."""');
      expect(res.text).toMatch(/^1,Bilingual welcome,closed,[\w-]+,measurement,Attendance,people,count,16,,2026-03-16,sign_in,Sign-in sheet,,/m);
    });

    it('serves the calendar with due check-ins for 90 days and the planned end of the open cycle', async () => {
      const res = await lib().get(`/api/v1/initiatives/${pilot.initiativeId}/calendar.ics`).expect(200);
      expect(res.headers['content-type']).toMatch(/text\/calendar/);
      expect(res.text).toMatch(/^BEGIN:VCALENDAR/);
      expect(res.text).toContain('DTSTART;VALUE=DATE:20260316');
      expect(res.text).toContain('DTSTART;VALUE=DATE:20260601');
      const dues = [...res.text.matchAll(/UID:check-in-[\w-]+-(\d{4}-\d\d-\d\d)@/g)].map((m) => m[1]);
      // the check-in was posted on 2 March; every 14 days from then, within 90 days of the (test) today, 2 March
      expect(dues).toEqual(['2026-03-16', '2026-03-30', '2026-04-13', '2026-04-27', '2026-05-11', '2026-05-25']);
    });

    it('hides another initiative’s exports (404)', async () => {
      const other = await c.pilot();
      await lib().get(`/api/v1/initiatives/${other.initiativeId}/evidence.csv`).expect(404);
      await lib().get(`/api/v1/initiatives/${other.initiativeId}/calendar.ics`).expect(404);
    });
  });
});
