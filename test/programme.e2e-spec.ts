import { DataSource } from 'typeorm';
import type { ProgrammeRow, ProgrammeView, ReviewQueue } from '@r2c/contracts';
import { PROGRAMME_SORTS } from '@r2c/contracts';
import { FixedClock } from '@r2c/core';
import { IndicatorSeriesReader } from '@r2c/cycles';
import { ADMIN_ENV, Coalition } from './support/fixtures';
import { closedCycle } from './support/learning-cycles';
import { countQueries } from './support/query-counter';
import { startTestApp, TestApp } from './support/test-app';

type Pilot = Awaited<ReturnType<Coalition['pilot']>>;

/** The programme view: every pilot side by side, with the review queue's and the run charts' own figures. */
describe('programme view', () => {
  let t: TestApp;
  let c: Coalition;
  let waiting: Pilot;
  let adapting: Pilot;
  let charted: Pilot;
  let paused: Pilot;
  let completed: Pilot;
  const clock = () => t.clock as FixedClock;
  const view = async (query = '') => (await c.as(c.adminToken).get(`/api/v1/programme${query}`).expect(200)).body as ProgrammeView;
  const rowOf = (v: ProgrammeView, pilot: Pilot) => v.items.find((r) => r.initiativeId === pilot.initiativeId);

  beforeAll(async () => {
    t = await startTestApp({ withWorkers: false, env: ADMIN_ENV });
    c = new Coalition(t);
    await c.signInAdmin();
    clock().set('2026-03-10T15:00:00Z');
    waiting = await c.pilot({ startDate: '2026-03-02', checkInCadenceDays: 14 });
    adapting = await c.pilot({ startDate: '2026-03-02', checkInCadenceDays: 14 });
    charted = await c.pilot({ startDate: '2026-03-02', checkInCadenceDays: 30 });
    paused = await c.pilot({ startDate: '2026-03-02', checkInCadenceDays: 7 });
    completed = await c.pilot({ startDate: '2026-03-02', checkInCadenceDays: 7 });

    // Adapting: a cycle made on 10 March, moved to adaptation on 20 March; no prediction.
    const lib = c.as(adapting.librarian.token);
    const indicatorId = (await lib.post(`/api/v1/initiatives/${adapting.initiativeId}/indicators`, { templateKey: 'attendance', baseline: 8 }).expect(201)).body
      .id;
    const cycleId = (
      await lib
        .post(`/api/v1/initiatives/${adapting.initiativeId}/cycles`, { title: 'Door greeters', plannedStart: '2026-03-10', plannedEnd: '2026-04-30' })
        .expect(201)
    ).body.id;
    await lib
      .put(`/api/v1/cycles/${cycleId}/hypothesis`, {
        statement: 'If volunteers greet families at the door, then more of them will come back, because they will feel expected.',
        expectedOutcome: 'More families come back',
        rationale: 'Families told us they were unsure they were welcome.',
        indicatorIds: [indicatorId],
      })
      .expect(200);
    clock().set('2026-03-20T15:00:00Z');
    await lib.post(`/api/v1/cycles/${cycleId}/transitions`, { to: 'adaptation' }).expect(200);
    await lib.post(`/api/v1/initiatives/${adapting.initiativeId}/check-ins`, { note: 'Greeters trained.' }).expect(201);

    // Charted: a closed cycle whose twelve daily points make a shift below, then above, the median.
    clock().set('2026-03-30T15:00:00Z');
    await closedCycle(c, charted, { values: [4, 5, 4, 5, 4, 5, 12, 13, 12, 13, 12, 13] });

    // Waiting: a cycle made on 25 March and still in hypothesis.
    clock().set('2026-03-25T15:00:00Z');
    await c
      .as(waiting.librarian.token)
      .post(`/api/v1/initiatives/${waiting.initiativeId}/cycles`, { title: 'Coffee hour', plannedStart: '2026-03-25', plannedEnd: '2026-04-30' })
      .expect(201);

    await c.as(c.adminToken).patch(`/api/v1/initiatives/${paused.initiativeId}`, { status: 'paused' }).expect(200);
    await c.as(c.adminToken).patch(`/api/v1/initiatives/${completed.initiativeId}`, { status: 'completed' }).expect(200);
    clock().set('2026-04-01T15:00:00Z');
  }, 180_000);
  afterAll(() => t?.close());

  it('shows each active and paused pilot with its library, cycle and phase, and leaves completed ones out', async () => {
    const v = await view();
    expect(rowOf(v, completed)).toBeUndefined();
    expect(rowOf(v, paused)).toMatchObject({ status: 'paused', cycleNumber: null, phase: null, daysInPhase: null, overdueDays: 0 });
    expect(rowOf(v, adapting)).toMatchObject({ status: 'active', cycleNumber: 1, phase: 'adaptation', libraryName: expect.stringContaining('Library') });
    expect(rowOf(v, charted)).toMatchObject({ cycleNumber: 1, phase: 'closed' });
    expect(rowOf(v, waiting)).toMatchObject({ cycleNumber: 1, phase: 'hypothesis' });
  });

  it('counts days in phase from the cycle’s latest move, or from its creation', async () => {
    const v = await view();
    expect(rowOf(v, adapting)!.daysInPhase).toBe(12);
    expect(rowOf(v, waiting)!.daysInPhase).toBe(7);
    expect(rowOf(v, charted)!.daysInPhase).toBe(2);
  });

  it('gives the overdue days the review queue gives, and the last check-in', async () => {
    const v = await view();
    const queue = (await c.as(c.adminToken).get('/api/v1/review-queue').expect(200)).body as ReviewQueue;
    for (const pilot of [waiting, adapting, charted]) {
      const queued = queue.overdueCheckIns.find((o) => o.initiativeId === pilot.initiativeId);
      expect(rowOf(v, pilot)!.overdueDays).toBe(queued?.daysOverdue ?? 0);
    }
    // Started 2 March, every 14 days, never checked in: due 16 March, 16 days overdue on 1 April.
    expect(rowOf(v, waiting)).toMatchObject({ overdueDays: 16, lastCheckInAt: null });
    // Checked in on 20 March: due 3 April, not overdue yet.
    expect(rowOf(v, adapting)).toMatchObject({ overdueDays: 0, lastCheckInAt: '2026-03-20T15:00:00.000Z' });
  });

  it('counts the open nudges of an open cycle, with their words, and none for a closed one', async () => {
    const row = rowOf(await view(), adapting)!;
    expect(row.nudges.count).toBe(row.nudges.words.length);
    expect(row.nudges.words).toEqual(expect.arrayContaining([expect.stringContaining('No prediction')]));
    expect(rowOf(await view(), charted)!.nudges).toEqual({ count: 0, words: [] });
  });

  it('counts the run-chart signals the charts show, named in words', async () => {
    const row = rowOf(await view(), charted)!;
    const charts = await t.app.get(IndicatorSeriesReader).charts(t.app.get(DataSource).manager, [charted.initiativeId]);
    const signals = charts.flatMap((x) => x.signals);
    expect(signals.length).toBeGreaterThan(0);
    expect(row.signals.count).toBe(signals.length);
    expect(row.signals.words.some((w) => /shift: 6 points (above|below) the median/.test(w))).toBe(true);
    expect(rowOf(await view(), waiting)!.signals).toEqual({ count: 0, words: [] });
  });

  it('sorts by every column in both directions, rows without a value last', async () => {
    const keyOf: Record<string, (r: ProgrammeRow) => string | number | null> = {
      library: (r) => r.libraryName.toLowerCase(),
      initiative: (r) => r.initiativeTitle.toLowerCase(),
      cycleNumber: (r) => r.cycleNumber,
      phase: (r) => r.phase,
      daysInPhase: (r) => r.daysInPhase,
      lastCheckIn: (r) => r.lastCheckInAt,
      overdueDays: (r) => r.overdueDays,
      nudges: (r) => r.nudges.count,
      signals: (r) => r.signals.count,
    };
    for (const sort of PROGRAMME_SORTS) {
      for (const direction of ['asc', 'desc'] as const) {
        const v = await view(`?sort=${sort}&direction=${direction}`);
        expect({ sort: v.sort, direction: v.direction }).toEqual({ sort, direction });
        const keys = v.items.map(keyOf[sort]);
        const present = keys.filter((k) => k !== null);
        expect(keys.slice(0, present.length)).toEqual(present);
        const ordered = [...present].sort((a, b) => (typeof a === 'number' ? a - (b as number) : String(a).localeCompare(String(b))));
        expect(present).toEqual(direction === 'asc' ? ordered : ordered.reverse());
      }
    }
    const overdueFirst = await view('?sort=overdueDays&direction=desc');
    expect(overdueFirst.items[0].overdueDays).toBeGreaterThanOrEqual(16);
  });

  it('refuses a sort or direction it does not know with a 400 naming the field', async () => {
    const res = await c.as(c.adminToken).get('/api/v1/programme?sort=mood').expect(400);
    expect(JSON.stringify(res.body)).toContain('sort must be one of');
    const res2 = await c.as(c.adminToken).get('/api/v1/programme?direction=up').expect(400);
    expect(JSON.stringify(res2.body)).toContain('direction must be asc or desc');
  });

  it('is for programme staff only: 403 for coaches, librarians and subscribers', async () => {
    const subscriber = await c.person('subscriber');
    for (const token of [charted.coach.token, charted.librarian.token, subscriber.token]) await c.as(token).get('/api/v1/programme').expect(403);
  });

  it('reads the same number of queries for 14 pilots as for 7', async () => {
    const ds = t.app.get(DataSource);
    const queriesFor = async () => (await countQueries(ds, () => c.as(c.adminToken).get('/api/v1/programme').expect(200))).queries.length;
    const pilotsWithWork = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const pilot = await c.pilot();
        const lib = c.as(pilot.librarian.token);
        const indicatorId = (await lib.post(`/api/v1/initiatives/${pilot.initiativeId}/indicators`, { templateKey: 'attendance', baseline: 8 }).expect(201))
          .body.id;
        const cycleId = (
          await lib
            .post(`/api/v1/initiatives/${pilot.initiativeId}/cycles`, { title: 'Story time', plannedStart: '2026-03-30', plannedEnd: '2026-04-30' })
            .expect(201)
        ).body.id;
        await lib.post(`/api/v1/initiatives/${pilot.initiativeId}/check-ins`, { note: 'Going well.' }).expect(201);
        await lib
          .put(`/api/v1/cycles/${cycleId}/hypothesis`, {
            statement: 'If we greet, then they return.',
            expectedOutcome: 'More return',
            rationale: 'r',
            indicatorIds: [indicatorId],
          })
          .expect(200);
      }
    };
    const count = async () => (await view()).items.length;
    const before = await count();
    await pilotsWithWork(7 - Math.min(before, 7));
    const seven = await queriesFor();
    const atSeven = await count();
    await pilotsWithWork(7);
    expect(await count()).toBe(atSeven + 7);
    expect(await queriesFor()).toBe(seven);
    expect(seven).toBeLessThanOrEqual(14);
  }, 120_000);
});
