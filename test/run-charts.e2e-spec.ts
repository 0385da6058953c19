import { DataSource } from 'typeorm';
import { FixedClock, Transactions } from '@r2c/core';
import { Evidence } from '@r2c/cycles/entities';
import { SummariesService } from '@r2c/reports';
import { ADMIN_ENV, Coalition, Person } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

const day = (offset: number) => new Date(Date.UTC(2026, 2, 2) + offset * 86400000).toISOString().slice(0, 10);
const SHIFT_WORDS = 'shift: 7 points above the median since 12 March, after adaptation A2';

describe('run charts in the summary: every measured day, the baseline median, the adaptations and the signals in words', () => {
  let t: TestApp;
  let c: Coalition;
  let pilot: { initiativeId: string; librarian: Person; coach: Person };
  let cycleId: string;
  let attendance: string;
  const db = () => t.app.get(DataSource);
  const lib = () => c.as(pilot.librarian.token);

  const insert = (rows: { value: number; observedOn: string }[]) =>
    db()
      .createQueryBuilder()
      .insert()
      .into(Evidence)
      .values(
        rows.map((r, k) => ({
          id: `00000000-0000-4000-8000-${String(100 + k).padStart(12, '0')}`,
          cycleId,
          initiativeId: pilot.initiativeId,
          kind: 'measurement' as const,
          indicatorId: attendance,
          value: r.value,
          observedOn: r.observedOn,
          method: 'sign_in' as const,
          createdAt: new Date(),
        })),
      )
      .execute();

  const adaptation = (madeOn: string, whatChanged: string) => ({
    madeOn,
    whatChanged,
    decidedBy: 'Librarian and volunteers',
    planning: 'planned',
    reason: 'Families said they were unsure they were welcome.',
    fidelityConsistent: 'yes',
    permanence: 'permanent',
  });

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV, withWorkers: false, clock: new FixedClock(new Date('2026-04-01T12:00:00Z')) });
    c = new Coalition(t);
    await c.signInAdmin();
    pilot = await c.pilot({ startDate: '2026-03-02' });
    attendance = (await lib().post(`/api/v1/initiatives/${pilot.initiativeId}/indicators`, { templateKey: 'attendance' }).expect(201)).body.id;
    cycleId = (
      await lib()
        .post(`/api/v1/initiatives/${pilot.initiativeId}/cycles`, { title: 'Greeters', plannedStart: '2026-03-02', plannedEnd: '2026-03-29' })
        .expect(201)
    ).body.id;
    await lib()
      .put(`/api/v1/cycles/${cycleId}/hypothesis`, {
        statement: 'If volunteers greet newcomer families at the door, then more of them will come back, because they will feel expected.',
        expectedOutcome: 'Attendance rises from 12 to 18',
        indicatorIds: [attendance],
      })
      .expect(200);
    await lib().post(`/api/v1/cycles/${cycleId}/transitions`, { to: 'adaptation' }).expect(200);
    await lib()
      .put(`/api/v1/cycles/${cycleId}/adaptation`, { description: 'Greeters at the door.', implementedOn: day(6) })
      .expect(200);
    await lib().post(`/api/v1/cycles/${cycleId}/transitions`, { to: 'evidence' }).expect(200);
    await lib()
      .post(`/api/v1/cycles/${cycleId}/adaptations`, adaptation(day(1), 'Chairs in a circle, coffee before the talk'))
      .expect(201);
    await lib()
      .post(`/api/v1/cycles/${cycleId}/adaptations`, adaptation(day(9), 'A Dari-speaking greeter at the door'))
      .expect(201);
    // Six days before the change around 12, a dip, then seven days well above: a shift after A2.
    await insert([12, 11, 13, 12, 11, 12, 10, 16, 17, 18, 17, 19, 18, 20].map((value, k) => ({ value, observedOn: day(k < 7 ? k : k + 3) })));
  });
  afterAll(async () => t?.close());

  it('carries each indicator’s points, baseline median, markers and the shift with its words in the open cycle’s draft', async () => {
    const draft = (await lib().get(`/api/v1/cycles/${cycleId}/summary/draft`).expect(200)).body;
    const chart = draft.indicators.find((i: { id: string }) => i.id === attendance).chart;
    expect(chart.points).toHaveLength(14);
    expect(chart.points[0]).toEqual({ day: day(0), value: 12, n: 1 });
    expect(chart).toMatchObject({ median: 12, basis: 'baseline' });
    expect(chart.markers).toEqual([
      { label: 'A1', madeOn: day(1) },
      { label: 'A2', madeOn: day(9) },
    ]);
    expect(chart.signals).toEqual([expect.objectContaining({ kind: 'shift', from: day(10), points: 7, direction: 'above', after: 'A2', words: SHIFT_WORDS })]);
  });

  it('states the shift in words in the compiled summary’s JSON, Markdown and HTML, whose SVG fills the shift’s points', async () => {
    const summaries = t.app.get(SummariesService);
    const { requestId } = await t.app.get(Transactions).run((em) => summaries.request(em, cycleId, 'on_demand', null));
    expect((await summaries.compile(requestId)).status).toBe('compiled');
    const admin = c.as(c.adminToken);
    const json = (await admin.get(`/api/v1/cycles/${cycleId}/summary`).expect(200)).body;
    expect(json.indicators[0].chart.signals.map((s: { words: string }) => s.words)).toEqual([SHIFT_WORDS]);
    const markdown = (await admin.get(`/api/v1/cycles/${cycleId}/summary?format=md`).expect(200)).text;
    expect(markdown).toContain(`run chart of 14 measured days:** ${SHIFT_WORDS} (read against the median of the baseline, 12).`);
    const html = (await admin.get(`/api/v1/cycles/${cycleId}/summary?format=html`).expect(200)).text;
    expect(html).toContain(`<ul class="signals"><li>${SHIFT_WORDS}</li></ul>`);
    expect(html.match(/<circle class="point signal"/g)).toHaveLength(7);
    expect(html.match(/<g class="adaptation"/g)).toHaveLength(2);
    expect(html).toContain('>median of the baseline 12</text>');
    expect(html).toContain('Signals: ' + SHIFT_WORDS);
  });
});
