import { DataSource } from 'typeorm';
import { FixedClock } from '@r2c/core';
import { Evidence } from '@r2c/cycles/entities';
import { ADMIN_ENV, Coalition, Person } from './support/fixtures';
import { waitFor } from './support/ports';
import { countQueries } from './support/query-counter';
import { startTestApp, TestApp } from './support/test-app';

type Pilot = { libraryId: string; initiativeId: string; librarian: Person; coach: Person };
type Body = Record<string, unknown>;

const STRONG_HYPOTHESIS = {
  statement: 'If volunteers greet newcomer families in Spanish and Dari at the door, then more of them will come back, because they will feel expected.',
  expectedOutcome: 'Attendance rises from 12 to 18 and trust scores rise',
  rationale: 'Families told us they were unsure they were welcome.',
  learningQuestion: 'Does a welcome in one’s own language bring families back?',
};
const ADAPTATION = { description: 'Two volunteers greet families at the door.', implementedOn: '2026-03-09', sessionsHeld: 4, participantsReached: 57 };

/** Cycles that teach: predictions, the adaptation log, quality nudges and the coach's queue, honest small numbers, patron privacy. */
describe('cycle quality over HTTP', () => {
  let t: TestApp;
  let c: Coalition;
  let pilot: Pilot;
  let attendance: string;
  let trust: string;
  let cycle1: string;
  const adaptationIds: string[] = [];

  const clock = () => t.clock as FixedClock;
  const lib = () => c.as(pilot.librarian.token);
  const coach = () => c.as(pilot.coach.token);
  const admin = () => c.as(c.adminToken);
  const move = (cycleId: string, to: string, who = lib()) => who.post(`/api/v1/cycles/${cycleId}/transitions`, { to });
  const measurement = (indicatorId: string, value: number, observedOn = '2026-03-16') => ({
    kind: 'measurement',
    indicatorId,
    value,
    observedOn,
    method: 'sign_in',
  });
  const adaptation = (overrides: Body = {}) => ({
    madeOn: '2026-03-09',
    whatChanged: 'Volunteers greet families at the door in Spanish and Dari.',
    decidedBy: 'Programme librarian with the two volunteers',
    planning: 'planned',
    reason: 'Families said they were unsure they were welcome.',
    fidelityConsistent: 'yes',
    permanence: 'permanent',
    ...overrides,
  });
  const summaryOf = (cycleId: string, query = '', who = lib()) => who.get(`/api/v1/cycles/${cycleId}/summary${query}`);
  const compiled = (cycleId: string, version = 1) =>
    waitFor(
      async () => {
        const res = await summaryOf(cycleId);
        return res.status === 200 && res.body.version === version ? res.body : undefined;
      },
      20000,
      `summary version ${version} of ${cycleId}`,
    );

  /** Walks a new cycle of `p` into review: the hypothesis (with predictions when given), the adaptation, the evidence, the reflection. */
  async function cycleInReview(p: Pilot, title: string, hypothesis: Body, evidence: Body[], reflection: Body): Promise<string> {
    const as = c.as(p.librarian.token);
    const id = (await as.post(`/api/v1/initiatives/${p.initiativeId}/cycles`, { title, plannedStart: '2026-03-02', plannedEnd: '2026-04-12' }).expect(201)).body
      .id;
    await as.put(`/api/v1/cycles/${id}/hypothesis`, { ...STRONG_HYPOTHESIS, ...hypothesis }).expect(200);
    await move(id, 'adaptation', as).expect(200);
    await as.put(`/api/v1/cycles/${id}/adaptation`, ADAPTATION).expect(200);
    await move(id, 'evidence', as).expect(200);
    for (const body of evidence) await as.post(`/api/v1/cycles/${id}/evidence`, body).expect(201);
    await move(id, 'reflection', as).expect(200);
    await as.put(`/api/v1/cycles/${id}/reflection`, reflection).expect(200);
    await move(id, 'review', as).expect(200);
    return id;
  }
  const approve = (p: Pilot, cycleId: string) =>
    c.as(p.coach.token).post(`/api/v1/cycles/${cycleId}/reviews`, { verdict: 'approve', body: 'Approved.' }).expect(201);

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
    c = new Coalition(t);
    await c.signInAdmin();
    pilot = await c.pilot();
    attendance = (await lib().post(`/api/v1/initiatives/${pilot.initiativeId}/indicators`, { templateKey: 'attendance', baseline: 12, target: 18 }).expect(201))
      .body.id;
    trust = (await lib().post(`/api/v1/initiatives/${pilot.initiativeId}/indicators`, { templateKey: 'trust_in_library', baseline: 3 }).expect(201)).body.id;
  });
  afterAll(async () => t?.close());

  describe('prediction', () => {
    it('saves a prediction per chosen indicator with the hypothesis', async () => {
      cycle1 = (
        await lib()
          .post(`/api/v1/initiatives/${pilot.initiativeId}/cycles`, { title: 'Bilingual welcome', plannedStart: '2026-03-02', plannedEnd: '2026-04-12' })
          .expect(201)
      ).body.id;
      const res = await lib()
        .put(`/api/v1/cycles/${cycle1}/hypothesis`, {
          ...STRONG_HYPOTHESIS,
          indicatorIds: [attendance, trust],
          predictions: [
            { indicatorId: attendance, from: 12, to: 18, note: 'Mean per Saturday session' },
            { indicatorId: trust, to: 4 },
          ],
        })
        .expect(200);
      expect(res.body.hypothesis.predictions).toEqual([
        { indicatorId: attendance, from: 12, to: 18, note: 'Mean per Saturday session' },
        { indicatorId: trust, from: null, to: 4, note: null },
      ]);
      expect(res.body.nudges.map((n: { code: string }) => n.code)).not.toContain('no_prediction');
    });

    it('refuses a prediction its indicator’s evidence could never show, or of an indicator the hypothesis did not choose (400 naming the field)', async () => {
      const put = (predictions: Body[], indicatorIds = [attendance, trust]) =>
        lib().put(`/api/v1/cycles/${cycle1}/hypothesis`, { ...STRONG_HYPOTHESIS, indicatorIds, predictions });
      const whole = await put([{ indicatorId: attendance, from: 12, to: 18.5 }]).expect(400);
      expect(whole.body.message).toBe('In the prediction for "Attendance", to: the value of a count must be a whole number of 0 or more, not 18.5.');
      expect(whole.body.details[0].field).toBe('predictions.0.to');
      const scale = await put([
        { indicatorId: attendance, to: 18 },
        { indicatorId: trust, from: 0, to: 4 },
      ]).expect(400);
      expect(scale.body.details[0].field).toBe('predictions.1.from');
      expect((await put([{ indicatorId: trust, to: 4 }], [attendance]).expect(400)).body.details[0].field).toBe('predictions.0.indicatorId');
      expect((await put([{ indicatorId: attendance }]).expect(400)).body.details.map((d: { field: string }) => d.field)).toEqual(['predictions.0.to']);
      await put([{ indicatorId: attendance, to: 18, colour: 'red' }]).expect(400);
    });

    it('answers malformed predictions with 400, never 5xx', async () => {
      for (const predictions of [
        null,
        'attendance to 18',
        [null],
        [[]],
        [7],
        [{ indicatorId: null, to: null }],
        [{ indicatorId: attendance, to: '18' }],
        // eslint-disable-next-line no-loss-of-precision -- 1e309 is Infinity on purpose: a number JSON cannot carry
        [{ indicatorId: attendance, to: 1e309 }],
        Array(21).fill({ indicatorId: attendance, to: 18 }),
      ]) {
        const res = await lib().put(`/api/v1/cycles/${cycle1}/hypothesis`, { ...STRONG_HYPOTHESIS, indicatorIds: [attendance, trust], predictions });
        expect([JSON.stringify(predictions).slice(0, 60), res.status, res.body.details[0].field.split('.')[0]]).toEqual([
          JSON.stringify(predictions).slice(0, 60),
          400,
          'predictions',
        ]);
      }
    });

    it('keeps the saved predictions when a client that knows nothing of them saves the hypothesis', async () => {
      const res = await lib()
        .put(`/api/v1/cycles/${cycle1}/hypothesis`, { ...STRONG_HYPOTHESIS, indicatorIds: [attendance, trust] })
        .expect(200);
      expect(res.body.hypothesis.predictions.map((p: { to: number }) => p.to)).toEqual([18, 4]);
      await move(cycle1, 'adaptation').expect(200);
      await lib()
        .put(`/api/v1/cycles/${cycle1}/adaptation`, { ...ADAPTATION, implementedOn: '2026-03-09' })
        .expect(200);
      await move(cycle1, 'evidence').expect(200);
    });
  });

  describe('adaptation log', () => {
    it('logs dated adaptations in FRAME’s terms, each with an audit row, and lists them oldest first', async () => {
      const later = await lib()
        .post(
          `/api/v1/cycles/${cycle1}/adaptations`,
          adaptation({
            madeOn: '2026-03-23',
            whatChanged: 'Moved the session from Tuesday evening to Saturday morning.',
            decidedBy: 'Librarian, after asking the families',
            planning: 'reactive',
            reason: 'Three families said weekday evenings clash with work shifts.',
            fidelityConsistent: 'unsure',
            permanence: 'temporary',
          }),
        )
        .expect(201);
      expect(later.body).toMatchObject({
        cycleId: cycle1,
        madeOn: '2026-03-23',
        planning: 'reactive',
        fidelityConsistent: 'unsure',
        permanence: 'temporary',
        createdBy: pilot.librarian.id,
      });
      const earlier = await lib().post(`/api/v1/cycles/${cycle1}/adaptations`, adaptation()).expect(201);
      adaptationIds.push(earlier.body.id, later.body.id);

      const list = await coach().get(`/api/v1/cycles/${cycle1}/adaptations`).expect(200);
      expect(list.body.total).toBe(2);
      expect(list.body.items.map((a: { madeOn: string }) => a.madeOn)).toEqual(['2026-03-09', '2026-03-23']);

      const audit = await admin().get(`/api/v1/audit?entityType=adaptation&entityId=${later.body.id}`).expect(200);
      expect(audit.body.items).toEqual([
        expect.objectContaining({
          action: 'create',
          actorId: pilot.librarian.id,
          after: expect.objectContaining({ whatChanged: 'Moved the session from Tuesday evening to Saturday morning.' }),
        }),
      ]);
    });

    it('refuses an entry missing any of FRAME’s answers, naming each field (400)', async () => {
      const res = await lib().post(`/api/v1/cycles/${cycle1}/adaptations`, { madeOn: '2026-03-30', whatChanged: 'Tea at the end' }).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['decidedBy', 'fidelityConsistent', 'permanence', 'planning', 'reason']);
      const wrong = await lib()
        .post(`/api/v1/cycles/${cycle1}/adaptations`, adaptation({ planning: 'spontaneous', madeOn: '2026-02-30' }))
        .expect(400);
      expect(wrong.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['madeOn', 'planning']);
      for (const value of [null, 7, ['a'], { a: 1 }, '', 'x'.repeat(20000)]) {
        const res = await lib().post(`/api/v1/cycles/${cycle1}/adaptations`, adaptation({ whatChanged: value, madeOn: value }));
        expect([res.status, res.body.details.map((d: { field: string }) => d.field).sort()]).toEqual([400, ['madeOn', 'whatChanged']]);
      }
    });

    it('lets the initiative’s librarians write the log; a coach reads it (403 to write) and others do not see it (404)', async () => {
      await coach().post(`/api/v1/cycles/${cycle1}/adaptations`, adaptation()).expect(403);
      const stranger = await c.pilot();
      await c.as(stranger.librarian.token).get(`/api/v1/cycles/${cycle1}/adaptations`).expect(404);
      await c.as(stranger.librarian.token).post(`/api/v1/cycles/${cycle1}/adaptations`, adaptation()).expect(404);
    });

    it('withdraws an entry while the cycle is open, with an audit row', async () => {
      const mistaken = await lib()
        .post(`/api/v1/cycles/${cycle1}/adaptations`, adaptation({ madeOn: '2026-03-24', whatChanged: 'Logged twice by mistake' }))
        .expect(201);
      await coach().delete(`/api/v1/cycles/${cycle1}/adaptations/${mistaken.body.id}`).expect(403);
      await lib().delete(`/api/v1/cycles/${cycle1}/adaptations/${mistaken.body.id}`).expect(204);
      await lib().delete(`/api/v1/cycles/${cycle1}/adaptations/${mistaken.body.id}`).expect(404);
      expect((await lib().get(`/api/v1/cycles/${cycle1}/adaptations`).expect(200)).body.total).toBe(2);
      const audit = await admin().get(`/api/v1/audit?entityType=adaptation&entityId=${mistaken.body.id}`).expect(200);
      expect(audit.body.items.map((a: { action: string }) => a.action).sort()).toEqual(['create', 'delete']);
    });
  });

  describe('patron privacy', () => {
    const WHY = /Evidence is about programmes, not people/;

    it('refuses a phone number in evidence, a check-in, a reflection and the adaptation log with 400 saying why', async () => {
      const quote = await lib()
        .post(`/api/v1/cycles/${cycle1}/evidence`, {
          kind: 'quote',
          text: '"Call me at (406) 555-0199 if the time changes."',
          observedOn: '2026-03-16',
          method: 'interview',
        })
        .expect(400);
      expect(quote.body.message).toMatch(/^text contains a phone number\./);
      expect(quote.body.message).toMatch(WHY);
      expect(quote.body.details).toEqual([{ field: 'text', problems: [quote.body.message] }]);

      const checkIn = await lib()
        .post(`/api/v1/initiatives/${pilot.initiativeId}/check-ins`, { note: 'Good session.', helpWanted: 'Ask Farid, his cell is 406.555.0123' })
        .expect(400);
      expect(checkIn.body.details).toEqual([{ field: 'helpWanted', problems: [expect.stringMatching(WHY)] }]);

      const logged = await lib()
        .post(`/api/v1/cycles/${cycle1}/adaptations`, adaptation({ decidedBy: 'Volunteer lead, +1 406 555 0142' }))
        .expect(400);
      expect(logged.body.details[0].field).toBe('decidedBy');

      const reflection = await lib()
        .put(`/api/v1/cycles/${cycle1}/reflection`, { insights: 'The grandmother (406-555-0187) wants a Dari session.' })
        .expect(400);
      expect(reflection.body.details).toEqual([{ field: 'insights', problems: [expect.stringMatching(/^insights contains a phone number\./)] }]);
    });

    it('refuses an email address in an evidence source and an adaptation with 400 saying why', async () => {
      const source = await lib()
        .post(`/api/v1/cycles/${cycle1}/evidence`, { ...measurement(attendance, 14), source: 'Sheet sent by maria.lopez@gmail.com' })
        .expect(400);
      expect(source.body.message).toMatch(/^source contains an email address\./);
      expect(source.body.message).toMatch(WHY);
      const logged = await lib()
        .post(`/api/v1/cycles/${cycle1}/adaptations`, adaptation({ whatChanged: 'Reminder emails from ana [at] riverbend [dot] org' }))
        .expect(400);
      expect(logged.body.details).toEqual([{ field: 'whatChanged', problems: [expect.stringMatching(/^whatChanged contains an email address\./)] }]);
    });

    it('refuses a disguised email address in a review body and an indicator description with 400 naming the field', async () => {
      const review = await coach()
        .post(`/api/v1/cycles/${cycle1}/reviews`, { verdict: 'request_changes', body: 'Good start. The parent wants the slides: ana＠riverbend。org' })
        .expect(400);
      expect(review.body.details).toEqual([{ field: 'body', problems: [expect.stringMatching(/^body contains an email address\./)] }]);
      expect(review.body.message).toMatch(WHY);
      const indicator = await lib()
        .post(`/api/v1/initiatives/${pilot.initiativeId}/indicators`, {
          name: 'Repeat visits',
          unit: 'families',
          kind: 'count',
          direction: 'increase',
          description: 'From the list Maria keeps (maria\u200B.lopez @ gmail.com).',
        })
        .expect(400);
      expect(indicator.body.details).toEqual([{ field: 'description', problems: [expect.stringMatching(/^description contains an email address\./)] }]);
      const plain = await lib()
        .post(`/api/v1/initiatives/${pilot.initiativeId}/indicators`, {
          name: 'Repeat visits',
          unit: 'families',
          kind: 'count',
          direction: 'increase',
          description: 'Families who came twice or more, counted on 2026-03-12 at 10:30; 120 people on a 1–5 scale.',
        })
        .expect(201);
      expect(plain.body.description).toMatch(/^Families who came/);
    });

    it('accepts the dates, times, counts and years librarians write all the time', async () => {
      await lib()
        .post(`/api/v1/cycles/${cycle1}/evidence`, {
          kind: 'observation',
          observedOn: '2026-03-16',
          method: 'observation',
          source: 'Sign-in sheet 2026-03-16, 10:30–11:45',
          text: 'On 3/16/2026 from 10:30 to 11:45, 14 families came (2025-2026 average: 9); 250-1000 flyers, room 203.',
        })
        .expect(201);
      await lib()
        .post(`/api/v1/initiatives/${pilot.initiativeId}/check-ins`, {
          note: 'Session on 2026-03-16 at 10:30: 14 families, 5 new.',
          blockers: 'None',
          helpWanted: 'Ideas for 2027',
        })
        .expect(201);
    });
  });

  describe('quality nudges and the coach’s queue', () => {
    let pilotB: Pilot;
    let pilotD: Pilot;
    let weak: string;
    let elsewhere: string;

    it('has no nudge for a strong cycle: predictions, several measurements of each indicator, words beside numbers, a reflection that returns to the prediction', async () => {
      for (const [indicatorId, value, day] of [
        [attendance, 16, '2026-03-14'],
        [attendance, 20, '2026-03-21'],
        [attendance, 19, '2026-03-28'],
        [trust, 3, '2026-03-14'],
        [trust, 4, '2026-03-21'],
        [trust, 4, '2026-03-21'],
        [trust, 5, '2026-03-28'],
        [trust, 4.5, '2026-03-28'],
      ] as const) {
        await lib()
          .post(`/api/v1/cycles/${cycle1}/evidence`, { ...measurement(indicatorId, value, day), method: indicatorId === trust ? 'survey' : 'sign_in' })
          .expect(201);
      }
      await lib()
        .post(`/api/v1/cycles/${cycle1}/evidence`, {
          kind: 'quote',
          text: '"I didn\'t know we could just come in."',
          observedOn: '2026-03-21',
          method: 'interview',
          source: 'Parent at story time',
        })
        .expect(201);
      await move(cycle1, 'reflection').expect(200);
      await lib()
        .put(`/api/v1/cycles/${cycle1}/reflection`, {
          outcome: 'supported',
          insights: 'We predicted attendance would reach 18; it averaged a little above that, and trust rose as expected.',
          decision: 'continue',
          nextSteps: 'Keep the greeters; recruit a second Dari speaker by 30 April (Ana leads).',
        })
        .expect(200);
      expect((await move(cycle1, 'review').expect(200)).body.nudges).toEqual([]);
      expect((await coach().get(`/api/v1/cycles/${cycle1}`).expect(200)).body.nudges).toEqual([]);
    });

    it('lists every weakness of a deliberately weak cycle, and never blocks its moves', async () => {
      pilotB = await c.pilot();
      await c.member(pilotB.initiativeId, { ...pilot.coach }, 'coach');
      const as = c.as(pilotB.librarian.token);
      const count = (await as.post(`/api/v1/initiatives/${pilotB.initiativeId}/indicators`, { templateKey: 'attendance' }).expect(201)).body.id;
      weak = await cycleInReview(pilotB, 'Pop-up at the market', { indicatorIds: [count] }, [measurement(count, 9)], {
        outcome: 'supported',
        insights: 'It went well.',
        decision: 'scale',
        nextSteps: 'TBD',
      });
      const cycle = (await as.get(`/api/v1/cycles/${weak}`).expect(200)).body;
      expect(cycle.phase).toBe('review');
      expect(cycle.nudges.map((n: { code: string }) => n.code)).toEqual([
        'no_prediction',
        'single_data_point',
        'one_kind_of_evidence',
        'decision_without_next_steps',
      ]);
      for (const nudge of cycle.nudges) expect(nudge.message).toMatch(/^[A-Z"].+\.$/);
      expect(cycle.nudges[1].message).toBe(
        '"Attendance" has a single measurement: one number cannot show a change. Measure each indicator more than once (at every session, or before and after).',
      );
    });

    it('names a reflection that never returns to the prediction', async () => {
      pilotD = await c.pilot();
      const as = c.as(pilotD.librarian.token);
      const count = (await as.post(`/api/v1/initiatives/${pilotD.initiativeId}/indicators`, { templateKey: 'new_participants' }).expect(201)).body.id;
      elsewhere = await cycleInReview(
        pilotD,
        'Teen advisory board',
        { indicatorIds: [count], predictions: [{ indicatorId: count, from: 2, to: 6 }] },
        [
          measurement(count, 4),
          measurement(count, 5, '2026-03-23'),
          { kind: 'story', text: 'Two teens brought friends.', observedOn: '2026-03-23', method: 'observation' },
        ],
        { outcome: 'partly_supported', insights: 'The teens liked having a say.', decision: 'adapt', nextSteps: 'Meet fortnightly from April.' },
      );
      expect((await as.get(`/api/v1/cycles/${elsewhere}`).expect(200)).body.nudges.map((n: { code: string }) => n.code)).toEqual([
        'reflection_ignores_prediction',
      ]);
    });

    it('gives a coach the cycles awaiting their review, each with its nudges, and overdue check-ins, across the initiatives they coach', async () => {
      // Both pilots started on 2 March with a 14-day cadence: check-ins fell due on 16 March.
      clock().set('2026-03-20T16:00:00Z');
      await lib().post(`/api/v1/initiatives/${pilot.initiativeId}/check-ins`, { note: 'Saturday sessions are full.' }).expect(201);

      const queue = (await coach().get('/api/v1/review-queue').expect(200)).body;
      expect(queue.cyclesInReview.map((x: { id: string }) => x.id).sort()).toEqual([cycle1, weak].sort());
      const weakInQueue = queue.cyclesInReview.find((x: { id: string }) => x.id === weak);
      expect(weakInQueue).toMatchObject({
        number: 1,
        title: 'Pop-up at the market',
        initiativeId: pilotB.initiativeId,
        plannedEnd: '2026-04-12',
        inReviewSince: expect.any(String),
      });
      expect(weakInQueue.nudges.map((n: { code: string }) => n.code)).toEqual([
        'no_prediction',
        'single_data_point',
        'one_kind_of_evidence',
        'decision_without_next_steps',
      ]);
      expect(queue.cyclesInReview.find((x: { id: string }) => x.id === cycle1).nudges).toEqual([]);
      expect(queue.overdueCheckIns).toEqual([
        {
          initiativeId: pilotB.initiativeId,
          initiativeTitle: expect.any(String),
          libraryName: expect.any(String),
          dueOn: '2026-03-16',
          daysOverdue: 4,
          lastCheckInAt: null,
        },
      ]);

      const everything = (await admin().get('/api/v1/review-queue').expect(200)).body;
      expect(everything.cyclesInReview.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([cycle1, weak, elsewhere]));
      expect(everything.overdueCheckIns.map((x: { initiativeId: string }) => x.initiativeId)).toEqual(
        expect.arrayContaining([pilotB.initiativeId, pilotD.initiativeId]),
      );
      expect(everything.overdueCheckIns.map((x: { initiativeId: string }) => x.initiativeId)).not.toContain(pilot.initiativeId);

      const other = (await c.as(pilotD.coach.token).get('/api/v1/review-queue').expect(200)).body;
      expect(other.cyclesInReview.map((x: { id: string }) => x.id)).toEqual([elsewhere]);
      await lib().get('/api/v1/review-queue').expect(403);
    });

    it('reads the queue’s evidence in one grouped query, however much evidence the cycles hold', async () => {
      const ds = t.app.get(DataSource);
      const evidenceQueries = async () => (await countQueries(ds, () => coach().get('/api/v1/review-queue').expect(200), /\bevidence\b/i)).queries;
      const before = await evidenceQueries();
      await ds
        .createQueryBuilder()
        .insert()
        .into(Evidence)
        .values(
          Array.from({ length: 200 }, (_, k) => ({
            id: `00000000-0000-4000-a000-${String(k).padStart(12, '0')}`,
            cycleId: weak,
            initiativeId: pilotB.initiativeId,
            kind: 'observation' as const,
            text: `Note ${k}`,
            observedOn: '2026-03-18',
            method: 'observation' as const,
            createdAt: new Date(),
          })),
        )
        .execute();
      const after = await evidenceQueries();
      expect(after).toHaveLength(1);
      expect(before).toHaveLength(1);
      expect(after[0]).toMatch(/GROUP BY/i);
      const weakInQueue = (await coach().get('/api/v1/review-queue').expect(200)).body.cyclesInReview.find((x: { id: string }) => x.id === weak);
      expect(weakInQueue.nudges.map((n: { code: string }) => n.code)).toEqual(['no_prediction', 'single_data_point', 'decision_without_next_steps']);
    });
  });

  describe('the summary: predictions beside the outcome, small numbers shown whole, adaptations on every run chart', () => {
    let summary: Record<string, any>;

    it('sets each prediction beside what the evidence showed (JSON)', async () => {
      await approve(pilot, cycle1);
      summary = await compiled(cycle1);
      expect(summary.predictions).toEqual([
        {
          indicatorId: attendance,
          indicatorName: 'Attendance',
          unit: 'people',
          from: 12,
          to: 18,
          note: 'Mean per Saturday session',
          direction: 'increase',
          observed: { n: 3, mean: 18.33 },
          met: true,
          differenceFromPrediction: 0.33,
        },
        {
          indicatorId: trust,
          indicatorName: 'I trust the library',
          unit: expect.any(String),
          from: null,
          to: 4,
          note: null,
          direction: 'increase',
          observed: { n: 5, mean: 4.1 },
          met: true,
          differenceFromPrediction: 0.1,
        },
      ]);
    });

    it('shows n beside every figure and a 1–5 scale’s answers per point', async () => {
      const [att, tru] = summary.indicators;
      expect(att).toMatchObject({ n: 3, mean: 18.33, distribution: null, series: [{ cycleNumber: 1, n: 3, mean: 18.33 }] });
      expect(tru.distribution).toEqual({
        n: 4,
        counts: [
          { point: 1, entries: 0 },
          { point: 2, entries: 0 },
          { point: 3, entries: 1 },
          { point: 4, entries: 2 },
          { point: 5, entries: 1 },
        ],
        notWhole: 1,
      });
      const md = (await summaryOf(cycle1, '?format=md').expect(200)).text;
      expect(md).toContain('| Attendance (people) | from 12 to 18 (Mean per Saturday session) | 18.33 | 3 | Met (+0.33) |');
      expect(md).toContain(
        ', scores per point this cycle (n=4):** 1: 0 · 2: 0 · 3: 1 · 4: 2 · 5: 1 (1 more entry is a mean of several answers, not counted by point)',
      );
      expect(md).toContain('- **Attendance by cycle:** cycle 1: 18.33 (n=3)');
    });

    it('marks both adaptations on every run chart with an accessible label, lists them in the log, and plots each measured day with its n', async () => {
      const html = (await summaryOf(cycle1, '?format=html', coach()).expect(200)).text;
      expect(html).toContain(
        '<td>Attendance (people)</td><td>from 12 to 18 (Mean per Saturday session)</td><td>18.33</td><td>3</td><td class="met">Met (+0.33)</td>',
      );
      const charts = html.match(/<svg [\s\S]*?<\/svg>/g)!;
      expect(charts).toHaveLength(2);
      for (const chart of charts) {
        const labels = [...chart.matchAll(/<g class="adaptation" aria-label="([^"]+)">/g)].map((m) => m[1]);
        expect(labels).toEqual([
          'Adaptation A1 on 9 March: Volunteers greet families at the door in Spanish and Dari.',
          'Adaptation A2 on 23 March: Moved the session from Tuesday evening to Saturday morning.',
        ]);
        expect(chart).toMatch(/<circle class="point"[^>]*><title>[^<]*\(n=\d+\)<\/title>/);
      }
      expect(html).toContain('<li><strong>A1 · 2026-03-09:</strong>');
      expect(html).toContain('<li><strong>A2 · 2026-03-23:</strong>');
      expect(summary.adaptationLog.map((a: { label: string; planning: string }) => [a.label, a.planning])).toEqual([
        ['A1', 'planned'],
        ['A2', 'reactive'],
      ]);
    });

    it('keeps the adaptation log of a closed cycle as it is (409)', async () => {
      await lib()
        .post(`/api/v1/cycles/${cycle1}/adaptations`, adaptation({ madeOn: '2026-04-01' }))
        .expect(409);
      await lib().delete(`/api/v1/cycles/${cycle1}/adaptations/${adaptationIds[0]}`).expect(409);
    });

    it('plots every measured day of the cycles up to the summarised one, still marking the earlier adaptations', async () => {
      const reflection = {
        outcome: 'supported',
        insights: 'We expected 18 and got there again.',
        decision: 'continue',
        nextSteps: 'Keep the Saturday greeters through May.',
      };
      const evidence = (a: number, b: number) => [
        measurement(attendance, a),
        measurement(attendance, b, '2026-03-23'),
        measurement(trust, 4),
        measurement(trust, 5, '2026-03-23'),
        { kind: 'observation', text: 'Families stayed to talk.', observedOn: '2026-03-23', method: 'observation' },
      ];
      const predictions = [
        { indicatorId: attendance, to: 18 },
        { indicatorId: trust, to: 4 },
      ];
      const cycle2 = await cycleInReview(pilot, 'Saturday welcome', { indicatorIds: [attendance, trust], predictions }, evidence(18, 20), reflection);
      await approve(pilot, cycle2);
      await compiled(cycle2);
      const measuredDays = async (cycleId: string) => {
        const { indicators } = (await summaryOf(cycleId).expect(200)).body;
        const { points } = indicators.find((i: { id: string }) => i.id === attendance).chart;
        return { days: points.map((p: { day: string }) => p.day), n: points.reduce((sum: number, p: { n: number }) => sum + p.n, 0) };
      };
      const one = await measuredDays(cycle1);
      const two = await measuredDays(cycle2);
      expect(two.n).toBe(one.n + 2);
      expect(two.days).toEqual([...new Set([...one.days, '2026-03-16', '2026-03-23'])].sort());

      const cycle3 = await cycleInReview(pilot, 'Dari on Saturdays', { indicatorIds: [attendance, trust], predictions }, evidence(21, 23), reflection);
      await approve(pilot, cycle3);
      await compiled(cycle3);
      const three = (await summaryOf(cycle3, '?format=html').expect(200)).text;
      expect((await measuredDays(cycle3)).n).toBe(one.n + 4);
      expect(three.match(/<polyline class="series"/g)).toHaveLength(2);
      expect(three.match(/class="median"/g)).toHaveLength(2);
      expect(three.match(/<g class="adaptation"/g)).toHaveLength(4);
      expect(three).toContain('<em>No adaptations were logged in this cycle.</em>');
    });
  });
});
