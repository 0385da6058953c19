import { DataSource } from 'typeorm';
import { FixedClock } from '@r2c/core';
import { ADMIN_ENV, Coalition, Person } from './support/fixtures';
import { waitFor } from './support/ports';
import { countQueries } from './support/query-counter';
import { startTestApp, TestApp } from './support/test-app';

type Pilot = { libraryId: string; initiativeId: string; librarian: Person; coach: Person };

const HOUR = 3600_000;

describe('the review is visible to the librarian, round 2 to the coach, summaries to who may read them', () => {
  let t: TestApp;
  let c: Coalition;
  let clock: FixedClock;

  const as = (who: Person | string) => c.as(typeof who === 'string' ? who : who.token);
  const admin = () => c.as(c.adminToken);
  const later = () => clock.advance(HOUR);

  /** Waits until the cycle's summary is compiled, then answers it (JSON). */
  const compiledSummary = (cycleId: string, who: Person | string) =>
    waitFor(
      async () => {
        const res = await as(who).get(`/api/v1/cycles/${cycleId}/summary`);
        return res.status === 200 ? res.body : undefined;
      },
      20000,
      `the summary of ${cycleId}`,
    );

  /** A new cycle walked by its librarian into review, with one attendance measurement. */
  async function cycleInReview(p: Pilot, title: string): Promise<{ id: string; evidenceId: string; indicatorId: string }> {
    const lib = as(p.librarian);
    const indicators = (await lib.get(`/api/v1/initiatives/${p.initiativeId}/indicators`).expect(200)).body.items;
    const indicatorId =
      indicators[0]?.id ??
      (await lib.post(`/api/v1/initiatives/${p.initiativeId}/indicators`, { templateKey: 'attendance', baseline: 12, target: 18 }).expect(201)).body.id;
    const id = (await lib.post(`/api/v1/initiatives/${p.initiativeId}/cycles`, { title, plannedStart: '2026-03-02', plannedEnd: '2026-04-13' }).expect(201))
      .body.id;
    const move = (to: string) => lib.post(`/api/v1/cycles/${id}/transitions`, { to }).expect(200);
    await lib
      .put(`/api/v1/cycles/${id}/hypothesis`, {
        statement: 'If we partner with the school for story time, more newcomer families will come back.',
        expectedOutcome: 'Attendance rises from 12 to 18',
        rationale: 'Families trust the school.',
        indicatorIds: [indicatorId],
        predictions: [{ indicatorId, from: 12, to: 18 }],
      })
      .expect(200);
    await move('adaptation');
    await lib.put(`/api/v1/cycles/${id}/adaptation`, { description: 'Story time at the school on Thursdays.', implementedOn: '2026-03-09' }).expect(200);
    await move('evidence');
    const evidenceId = (
      await lib.post(`/api/v1/cycles/${id}/evidence`, { kind: 'measurement', indicatorId, value: 15, observedOn: '2026-03-16', method: 'sign_in' }).expect(201)
    ).body.id;
    await move('reflection');
    await lib
      .put(`/api/v1/cycles/${id}/reflection`, { outcome: 'partly_supported', insights: 'Some came back.', decision: 'adapt', nextSteps: 'Keep going.' })
      .expect(200);
    await move('review');
    return { id, evidenceId, indicatorId };
  }

  beforeAll(async () => {
    clock = new FixedClock(new Date('2026-03-02T12:00:00Z'));
    t = await startTestApp({ env: ADMIN_ENV, clock });
    c = new Coalition(t);
    await c.signInAdmin();
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('a cycle sent back and resubmitted', () => {
    let p: Pilot;
    let cycle: { id: string; evidenceId: string; indicatorId: string };
    let coachName: string;

    beforeAll(async () => {
      p = await c.pilot();
      coachName = (await as(p.coach).get('/api/v1/me').expect(200)).body.name;
      cycle = await cycleInReview(p, 'Story time with the school');
      later();
      await as(p.coach).post(`/api/v1/cycles/${cycle.id}/reviews`, { verdict: 'comment', body: 'Lovely photos.' }).expect(201);
      later();
      await as(p.coach)
        .post(`/api/v1/cycles/${cycle.id}/reviews`, { verdict: 'request_changes', body: 'Say how many families came back.', returnTo: 'reflection' })
        .expect(201);
    });

    it('is in round 2 once a coach asks for changes, each review in its round with its coach’s name', async () => {
      const view = (await as(p.librarian).get(`/api/v1/cycles/${cycle.id}`).expect(200)).body;
      expect(view.round).toBe(2);
      expect(view.reviews).toEqual([
        expect.objectContaining({ verdict: 'comment', body: 'Lovely photos.', authorId: p.coach.id, authorName: coachName, round: 1 }),
        expect.objectContaining({
          verdict: 'request_changes',
          body: 'Say how many families came back.',
          returnTo: 'reflection',
          authorName: coachName,
          round: 1,
        }),
      ]);
      expect(view.reviews[1].createdAt).toBe('2026-03-02T14:00:00.000Z');
    });

    it('tells the coach what changed since the request: sections and fields edited, evidence added and removed', async () => {
      const before = (await as(p.coach).get(`/api/v1/cycles/${cycle.id}`).expect(200)).body;
      expect(before.changesSinceRequest).toEqual({
        requestedAt: '2026-03-02T14:00:00.000Z',
        note: 'Say how many families came back.',
        sections: [],
        evidenceAdded: 0,
        evidenceRemoved: 0,
      });

      later();
      const lib = as(p.librarian);
      await lib
        .put(`/api/v1/cycles/${cycle.id}/reflection`, {
          outcome: 'partly_supported',
          insights: 'Nine of the fourteen families came back for a second session.',
          decision: 'adapt',
          nextSteps: 'Ask the school to send the invitation home in Dari.',
        })
        .expect(200);
      const measurement = { kind: 'measurement', indicatorId: cycle.indicatorId, observedOn: '2026-03-23', method: 'sign_in' };
      await lib.post(`/api/v1/cycles/${cycle.id}/evidence`, { ...measurement, value: 17 }).expect(201);
      await lib.post(`/api/v1/cycles/${cycle.id}/evidence`, { ...measurement, value: 19 }).expect(201);
      await lib.delete(`/api/v1/cycles/${cycle.id}/evidence/${cycle.evidenceId}`).expect(204);
      await lib.post(`/api/v1/cycles/${cycle.id}/transitions`, { to: 'review' }).expect(200);

      const { result, queries } = await countQueries(t.app.get(DataSource), () => as(p.coach).get(`/api/v1/cycles/${cycle.id}`).expect(200), /audit_entries/);
      expect(result.body.round).toBe(2);
      expect(result.body.changesSinceRequest).toEqual({
        requestedAt: '2026-03-02T14:00:00.000Z',
        note: 'Say how many families came back.',
        sections: [{ section: 'reflection', fields: ['insights', 'nextSteps'] }],
        evidenceAdded: 2,
        evidenceRemoved: 1,
      });
      // One query for the sections' saves, one for the evidence tally, however many changes there were.
      expect(queries).toHaveLength(2);

      const librarianView = (await lib.get(`/api/v1/cycles/${cycle.id}`).expect(200)).body;
      expect(librarianView.changesSinceRequest).toBeNull();
      const adminView = (await admin().get(`/api/v1/cycles/${cycle.id}`).expect(200)).body;
      expect(adminView.changesSinceRequest.evidenceAdded).toBe(2);
    });

    it('marks the resubmitted cycle as round 2 in the coach’s review queue', async () => {
      const queue = (await as(p.coach).get('/api/v1/review-queue').expect(200)).body;
      expect(queue.cyclesInReview).toEqual([expect.objectContaining({ id: cycle.id, round: 2 })]);
    });

    it('shows the coach the summary as it would read if approved now, storing nothing', async () => {
      const draft = (await as(p.coach).get(`/api/v1/cycles/${cycle.id}/summary/draft`).expect(200)).body;
      expect(draft.predictions).toEqual([expect.objectContaining({ indicatorId: cycle.indicatorId, to: 18, observed: { n: 2, mean: 18 }, met: true })]);
      expect(draft.indicators[0].series).toEqual([expect.objectContaining({ cycleNumber: 1, n: 2, mean: 18 })]);
      expect(draft.reviews.map((r: { verdict: string }) => r.verdict)).toEqual(['comment', 'request_changes']);
      await as(p.librarian).get(`/api/v1/cycles/${cycle.id}/summary`).expect(404);
      const outsider = await c.person('subscriber');
      await as(outsider).get(`/api/v1/cycles/${cycle.id}/summary/draft`).expect(404);
    });

    it('puts every review, the approval note included, in the summary as JSON, Markdown and HTML', async () => {
      later();
      await as(p.coach).post(`/api/v1/cycles/${cycle.id}/reviews`, { verdict: 'approve', body: 'Great work with the school' }).expect(201);
      const summary = await compiledSummary(cycle.id, p.librarian);
      expect(summary.reviews).toEqual([
        { verdict: 'comment', note: 'Lovely photos.', coachName, createdAt: '2026-03-02T13:00:00.000Z', round: 1, returnTo: null },
        {
          verdict: 'request_changes',
          note: 'Say how many families came back.',
          coachName,
          createdAt: '2026-03-02T14:00:00.000Z',
          round: 1,
          returnTo: 'reflection',
        },
        { verdict: 'approve', note: 'Great work with the school', coachName, createdAt: '2026-03-02T16:00:00.000Z', round: 2, returnTo: null },
      ]);
      const markdown = (await as(p.librarian).get(`/api/v1/cycles/${cycle.id}/summary?format=md`).expect(200)).text;
      expect(markdown).toContain("## Coach's review");
      expect(markdown).toContain(`- **Approved** · ${coachName} · 2026-03-02 · round 2: Great work with the school`);
      const html = (await as(p.librarian).get(`/api/v1/cycles/${cycle.id}/summary?format=html`).expect(200)).text;
      expect(html).toContain("<h2>Coach's review</h2>");
      expect(html).toContain('Great work with the school');

      const view = (await as(p.librarian).get(`/api/v1/cycles/${cycle.id}`).expect(200)).body;
      expect(view.phase).toBe('closed');
      expect(view.reviews.at(-1)).toMatchObject({ verdict: 'approve', body: 'Great work with the school', authorName: coachName, round: 2 });
    });

    it('lists the summary under Summaries for the librarian as soon as it is compiled', async () => {
      const list = (await as(p.librarian).get('/api/v1/summaries').expect(200)).body;
      expect(list.items).toEqual([
        expect.objectContaining({
          cycleId: cycle.id,
          cycleNumber: 1,
          cycleTitle: 'Story time with the school',
          initiativeId: p.initiativeId,
          phase: 'closed',
          decision: 'adapt',
          keyInsight: 'Nine of the fourteen families came back for a second session.',
          version: 1,
        }),
      ]);
      expect(list.total).toBe(1);
    });
  });

  describe('the summaries list', () => {
    const pilots: Record<'everything' | 'closed_cycles' | 'nothing', Pilot> = {} as never;
    const closedCycle: Record<string, string> = {};
    let openCycle: string;
    let subscriber: Person;

    beforeAll(async () => {
      for (const sharing of ['everything', 'closed_cycles', 'nothing'] as const) {
        const p = await c.pilot({ title: `Sharing ${sharing}` });
        pilots[sharing] = p;
        await as(p.librarian).put(`/api/v1/initiatives/${p.initiativeId}/digest-sharing`, { digestSharing: sharing }).expect(200);
        const { id } = await cycleInReview(p, `Closed under ${sharing}`);
        later();
        await as(p.coach).post(`/api/v1/cycles/${id}/reviews`, { verdict: 'approve', body: 'Approved.' }).expect(201);
        closedCycle[sharing] = id;
        await compiledSummary(id, p.librarian);
      }
      // An open cycle with a summary compiled on an admin's request: its people read it, nobody else.
      openCycle = (await cycleInReview(pilots.everything, 'Still in review')).id;
      await admin().post(`/api/v1/cycles/${openCycle}/summary`).expect(202);
      await compiledSummary(openCycle, pilots.everything.librarian);
      subscriber = await c.person('subscriber');
    });

    const listed = async (who: Person | string) => {
      const body = (await as(who).get('/api/v1/summaries?limit=100').expect(200)).body;
      expect(body.total).toBe(body.items.length);
      return new Set(body.items.map((i: { cycleId: string }) => i.cycleId));
    };

    it('shows a subscriber the closed cycles of initiatives that share everything or closed cycles, never those that share nothing', async () => {
      const seen = await listed(subscriber);
      expect(seen.has(closedCycle.everything)).toBe(true);
      expect(seen.has(closedCycle.closed_cycles)).toBe(true);
      expect(seen.has(closedCycle.nothing)).toBe(false);
      expect(seen.has(openCycle)).toBe(false);
      // Exactly the summaries the subscriber may open.
      for (const id of [closedCycle.everything, closedCycle.closed_cycles]) await as(subscriber).get(`/api/v1/cycles/${id}/summary`).expect(200);
      for (const id of [closedCycle.nothing, openCycle]) await as(subscriber).get(`/api/v1/cycles/${id}/summary`).expect(404);
    });

    it('shows members their own initiative’s summaries whatever it shares, open cycles included', async () => {
      const nothingLibrarian = await listed(pilots.nothing.librarian);
      expect(nothingLibrarian.has(closedCycle.nothing)).toBe(true);
      expect(nothingLibrarian.has(openCycle)).toBe(false);
      const everythingCoach = await listed(pilots.everything.coach);
      expect(everythingCoach.has(openCycle)).toBe(true);
      expect(everythingCoach.has(closedCycle.nothing)).toBe(false);
    });

    it('shows admins every compiled summary', async () => {
      const seen = await listed(c.adminToken);
      for (const id of [...Object.values(closedCycle), openCycle]) expect(seen.has(id)).toBe(true);
    });

    it('follows a change of sharing at once', async () => {
      await as(pilots.closed_cycles.librarian)
        .put(`/api/v1/initiatives/${pilots.closed_cycles.initiativeId}/digest-sharing`, { digestSharing: 'nothing' })
        .expect(200);
      expect((await listed(subscriber)).has(closedCycle.closed_cycles)).toBe(false);
      await as(pilots.closed_cycles.librarian)
        .put(`/api/v1/initiatives/${pilots.closed_cycles.initiativeId}/digest-sharing`, { digestSharing: 'closed_cycles' })
        .expect(200);
      expect((await listed(subscriber)).has(closedCycle.closed_cycles)).toBe(true);
    });

    it('pages with limit and offset, and refuses a bad limit with 400', async () => {
      const first = (await admin().get('/api/v1/summaries?limit=2&offset=0').expect(200)).body;
      const second = (await admin().get('/api/v1/summaries?limit=2&offset=2').expect(200)).body;
      expect(first.items).toHaveLength(2);
      expect(first.total).toBe(second.total);
      expect(new Set([...first.items, ...second.items].map((i: { cycleId: string }) => i.cycleId)).size).toBe(first.items.length + second.items.length);
      await admin().get('/api/v1/summaries?limit=500').expect(400);
      await c.t.http().get('/api/v1/summaries').expect(401);
    });
  });
});
