import { DataSource } from 'typeorm';
import { FixedClock } from '@r2c/core';
import { IndicatorSeriesReader, MAX_SERIES_POINTS } from '@r2c/cycles';
import { Evidence } from '@r2c/cycles/entities';
import { ADMIN_ENV, Coalition, Person } from './support/fixtures';
import { countQueries } from './support/query-counter';
import { startTestApp, TestApp } from './support/test-app';

const day = (offset: number) => new Date(Date.UTC(2026, 0, 5) + offset * 86400000).toISOString().slice(0, 10);

describe('indicator series: one point per indicator per observed day, bounded, with the run-chart signals', () => {
  let t: TestApp;
  let c: Coalition;
  let pilot: { initiativeId: string; librarian: Person; coach: Person };
  let cycleId: string;
  let attendance: string;
  const db = () => t.app.get(DataSource);
  const reader = () => t.app.get(IndicatorSeriesReader);

  const insert = (rows: { value: number; observedOn: string; kind?: 'measurement' | 'observation' }[]) =>
    db()
      .createQueryBuilder()
      .insert()
      .into(Evidence)
      .values(
        rows.map((r, k) => ({
          id: `00000000-0000-4000-8000-${String(Math.floor(Math.random() * 1e9) * 1000 + k).padStart(12, '0')}`,
          cycleId,
          initiativeId: pilot.initiativeId,
          kind: r.kind ?? 'measurement',
          indicatorId: r.kind === 'observation' ? null : attendance,
          value: r.kind === 'observation' ? null : r.value,
          text: r.kind === 'observation' ? 'A note' : null,
          observedOn: r.observedOn,
          method: 'sign_in' as const,
          createdAt: new Date(),
        })),
      )
      .execute();

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV, withWorkers: false, clock: new FixedClock(new Date('2026-06-01T12:00:00Z')) });
    c = new Coalition(t);
    await c.signInAdmin();
    pilot = await c.pilot({ startDate: '2026-01-05' });
    const lib = c.as(pilot.librarian.token);
    attendance = (await lib.post(`/api/v1/initiatives/${pilot.initiativeId}/indicators`, { templateKey: 'attendance' }).expect(201)).body.id;
    cycleId = (
      await lib
        .post(`/api/v1/initiatives/${pilot.initiativeId}/cycles`, { title: 'Greeters', plannedStart: '2026-01-05', plannedEnd: '2026-05-31' })
        .expect(201)
    ).body.id;
    await lib
      .put(`/api/v1/cycles/${cycleId}/hypothesis`, {
        statement: 'If volunteers greet families at the door, then more will come back, because they feel expected.',
        expectedOutcome: 'Attendance rises from 12 to 18',
        indicatorIds: [attendance],
      })
      .expect(200);
    await lib.post(`/api/v1/cycles/${cycleId}/transitions`, { to: 'adaptation' }).expect(200);
    await lib.put(`/api/v1/cycles/${cycleId}/adaptation`, { description: 'Greeters at the door.', implementedOn: day(8) }).expect(200);
    await lib.post(`/api/v1/cycles/${cycleId}/transitions`, { to: 'evidence' }).expect(200);
  });
  afterAll(async () => t?.close());

  it('averages each day, counts n, and leaves out entries without a value', async () => {
    await insert([
      { value: 10, observedOn: day(0) },
      { value: 14, observedOn: day(0) },
      { value: 12, observedOn: day(1) },
      { value: 0, observedOn: day(1), kind: 'observation' },
    ]);
    const series = await reader().series(db().manager, [pilot.initiativeId]);
    expect(series.get(attendance)).toEqual([
      { day: day(0), value: 12, n: 2 },
      { day: day(1), value: 12, n: 1 },
    ]);
  });

  it('finds a shift after the adaptation against the baseline median, and names it', async () => {
    // Baseline: six more days before the adaptation (8 January), around 12; then seven days well above.
    await insert([11, 13, 12, 13, 12, 11].map((value, k) => ({ value, observedOn: day(2 + k) })));
    await insert([16, 17, 18, 17, 19, 18, 20].map((value, k) => ({ value, observedOn: day(9 + k) })));
    const [chart] = await reader().charts(db().manager, [pilot.initiativeId]);
    expect(chart.indicatorId).toBe(attendance);
    expect(chart.median).toEqual({ median: 12, basis: 'baseline', points: 8 });
    const shift = chart.signals.find((s) => s.kind === 'shift');
    expect(shift).toMatchObject({ from: day(9), points: 7, direction: 'above' });
    expect(shift!.words).toBe('shift: 7 points above the median since 14 January');
  });

  it('reads the latest 200 days at most, in a fixed number of queries however much evidence there is', async () => {
    const few = await countQueries(db(), () => reader().charts(db().manager, [pilot.initiativeId]));
    const many = Array.from({ length: 400 }, (_, k) => ({ value: 15 + (k % 3), observedOn: day(20 + k) }));
    for (let i = 0; i < many.length; i += 100) await insert(many.slice(i, i + 100));
    const counted = await countQueries(db(), () => reader().charts(db().manager, [pilot.initiativeId]));
    expect(counted.queries.length).toBe(few.queries.length);
    const [chart] = counted.result;
    expect(chart.points).toHaveLength(MAX_SERIES_POINTS);
    expect(chart.points[chart.points.length - 1].day).toBe(day(419));
    expect(chart.points[0].day).toBe(day(220));
  });
});
