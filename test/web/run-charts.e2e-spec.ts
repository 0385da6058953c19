import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { FixedClock } from '@r2c/core';
import { Evidence } from '@r2c/cycles/entities';
import { ADMIN_ENV, Coalition, PASSWORD, Person } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { ARTIFACTS, checkScreen, DESKTOP, launchBrowser, listen, openAs, PHONE, signIn } from './browser';

jest.setTimeout(120000);

const day = (offset: number) => new Date(Date.UTC(2026, 2, 2) + offset * 86400000).toISOString().slice(0, 10);
const SHIFT_WORDS = 'shift: 7 points above the median since 12 March, after adaptation A2';

/** An open cycle's run charts on its initiative's page: every day measured so far, two adaptations, and a shift in words. */
describe('the web app: run charts of every measurement, with their signals', () => {
  let t: TestApp;
  let c: Coalition;
  let browser: Browser;
  let base: string;
  let pilot: { initiativeId: string; librarian: Person; coach: Person };
  const clock = new FixedClock(new Date('2026-03-25T12:00:00Z'));

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV, clock });
    base = await listen(t);
    c = new Coalition(t);
    await c.signInAdmin();
    pilot = await c.pilot({ startDate: '2026-03-02' });
    const lib = c.as(pilot.librarian.token);
    const attendance = (await lib.post(`/api/v1/initiatives/${pilot.initiativeId}/indicators`, { templateKey: 'attendance' }).expect(201)).body.id;
    const cycleId = (
      await lib
        .post(`/api/v1/initiatives/${pilot.initiativeId}/cycles`, { title: 'Greeters', plannedStart: '2026-03-02', plannedEnd: '2026-03-29' })
        .expect(201)
    ).body.id;
    await lib
      .put(`/api/v1/cycles/${cycleId}/hypothesis`, {
        statement: 'If volunteers greet newcomer families at the door, then more of them will come back, because they will feel expected.',
        expectedOutcome: 'Attendance rises from 12 to 18',
        indicatorIds: [attendance],
      })
      .expect(200);
    await lib.post(`/api/v1/cycles/${cycleId}/transitions`, { to: 'adaptation' }).expect(200);
    await lib.put(`/api/v1/cycles/${cycleId}/adaptation`, { description: 'Greeters at the door.', implementedOn: day(6) }).expect(200);
    await lib.post(`/api/v1/cycles/${cycleId}/transitions`, { to: 'evidence' }).expect(200);
    const adaptation = (madeOn: string, whatChanged: string) => ({
      madeOn,
      whatChanged,
      decidedBy: 'Librarian and volunteers',
      planning: 'planned',
      reason: 'Families said they were unsure they were welcome.',
      fidelityConsistent: 'yes',
      permanence: 'permanent',
    });
    await lib.post(`/api/v1/cycles/${cycleId}/adaptations`, adaptation(day(1), 'Chairs in a circle, coffee before the talk')).expect(201);
    await lib.post(`/api/v1/cycles/${cycleId}/adaptations`, adaptation(day(9), 'A Dari-speaking greeter at the door')).expect(201);
    const values = [12, 11, 13, 12, 11, 12, 10, 16, 17, 18, 17, 19, 18, 20];
    await t.app
      .get(DataSource)
      .createQueryBuilder()
      .insert()
      .into(Evidence)
      .values(
        values.map((value, k) => ({
          id: `00000000-0000-4000-8000-${String(500 + k).padStart(12, '0')}`,
          cycleId,
          initiativeId: pilot.initiativeId,
          kind: 'measurement' as const,
          indicatorId: attendance,
          value,
          observedOn: day(k < 7 ? k : k + 3),
          method: 'sign_in' as const,
          createdAt: new Date(),
        })),
      )
      .execute();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function chartsOnTheInitiativePage(viewport: { width: number; height: number }): Promise<Page> {
    const { page } = await openAs(browser, base, viewport, clock.now());
    await signIn(page, pilot.librarian.email, PASSWORD);
    await page.goto(`/initiatives/${pilot.initiativeId}`);
    await page.getByRole('heading', { name: 'Run charts so far' }).waitFor();
    await page.locator('figure.run-chart', { hasText: 'Attendance' }).waitFor();
    return page;
  }

  it('shows the open cycle’s chart with its two adaptation markers, the shift’s points and the shift in words', async () => {
    const page = await chartsOnTheInitiativePage(DESKTOP);
    const chart = page.locator('figure.run-chart', { hasText: 'Attendance' });
    await chart.locator('.chart-signal', { hasText: SHIFT_WORDS }).waitFor();
    expect(await chart.locator('svg g.adaptation').count()).toBe(2);
    expect(await chart.locator('svg circle.point').count()).toBe(14);
    expect(await chart.locator('svg circle.point.signal').count()).toBe(7);
    expect(await chart.locator('svg desc').textContent()).toContain(`Signals: ${SHIFT_WORDS}.`);
    await chart.getByText('Read against the median of the baseline: 12.').waitFor();
    await chart.locator('.chart-markers li', { hasText: 'A Dari-speaking greeter at the door' }).waitFor();
    await checkScreen(page, 'run-charts-open-cycle');
  });

  it('fits a phone 375 px wide without scrolling sideways, the signal still in words', async () => {
    const page = await chartsOnTheInitiativePage(PHONE);
    await page.locator('.chart-signal', { hasText: SHIFT_WORDS }).waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await page
      .locator('figure.run-chart')
      .first()
      .screenshot({ path: join(ARTIFACTS, 'run-chart-phone.png') });
    await checkScreen(page, 'run-charts-open-cycle-phone');
  });
});
