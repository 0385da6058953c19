import type { Browser, Page } from 'playwright-core';
import { ADMIN_ENV, Coalition, PASSWORD, Person } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { checkScreen, DESKTOP, heading, launchBrowser, listen, openAs, PHONE, signIn } from './browser';

jest.setTimeout(90000);

const nudgeCodes = (page: Page, scope: string) =>
  page.locator(`${scope} [data-nudge]`).evaluateAll((items) => items.map((li) => li.getAttribute('data-nudge')));

/**
 * Prediction, adaptation log and quality nudges through the screens: a librarian predicts, logs two
 * changes and runs a deliberately weak cycle; the coach sees what would make it stronger; the summary
 * sets each prediction beside what the evidence showed and marks both changes on every run chart.
 */
describe('the web app: cycles that teach', () => {
  let t: TestApp;
  let c: Coalition;
  let browser: Browser;
  let base: string;
  let pilot: { initiativeId: string; librarian: Person; coach: Person };
  let librarian: Page;
  let coach: Page;
  let cycleId: string;
  let attendance: string;
  let trust: string;

  const lib = () => c.as(pilot.librarian.token);

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
    base = await listen(t);
    c = new Coalition(t);
    await c.signInAdmin();
    pilot = await c.pilot({ title: 'Newcomer Welcome Nights' });
    attendance = (await lib().post(`/api/v1/initiatives/${pilot.initiativeId}/indicators`, { templateKey: 'attendance', baseline: 12, target: 18 }).expect(201))
      .body.id;
    trust = (await lib().post(`/api/v1/initiatives/${pilot.initiativeId}/indicators`, { templateKey: 'trust_in_library' }).expect(201)).body.id;
    cycleId = (
      await lib()
        .post(`/api/v1/initiatives/${pilot.initiativeId}/cycles`, { title: 'Welcome at the door', plannedStart: '2026-03-02', plannedEnd: '2026-04-13' })
        .expect(201)
    ).body.id;
    browser = await launchBrowser();
    librarian = (await openAs(browser, base, PHONE, t.clock.now())).page;
    coach = (await openAs(browser, base, DESKTOP, t.clock.now())).page;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  describe('the librarian, on a phone', () => {
    it('is told, as advice, that the cycle has no prediction yet', async () => {
      await signIn(librarian, pilot.librarian.email, PASSWORD);
      expect(await heading(librarian)).toBe('Newcomer Welcome Nights');
      await librarian.getByRole('heading', { name: 'To make this cycle stronger' }).waitFor();
      expect(await nudgeCodes(librarian, '.nudges')).toEqual(['no_prediction']);
      await librarian.getByText('Advice only: none of this stops the cycle from moving on.').waitFor();
    });

    it('writes a prediction per indicator, with a number the indicator could not show refused beside its field', async () => {
      await librarian
        .getByLabel('Hypothesis', { exact: true })
        .fill('If two volunteers greet newcomer families at the door in their language, then more of them will come back, because they will feel expected.');
      await librarian.getByLabel('Expected outcome').fill('More families come back, and they trust the library more.');
      await librarian.locator('#hypothesis-indicatorIds').getByLabel('Attendance').check();
      await librarian.locator('#hypothesis-indicatorIds').getByLabel('I trust the library').check();
      await librarian.getByLabel('Attendance: from').fill('12');
      await librarian.getByLabel('Attendance: to').fill('18');
      await librarian.getByLabel('I trust the library: to').fill('7');
      await librarian.getByRole('button', { name: 'Save draft' }).click();
      const beside = librarian.locator(`#prediction-${trust}-to-error`);
      expect(await beside.innerText()).toContain('A 1–5 score must be between 1 and 5, not 7.');
      expect(await librarian.locator(`#prediction-${trust}-to`).getAttribute('aria-describedby')).toContain(`prediction-${trust}-to-error`);

      await librarian.getByLabel('I trust the library: to').fill('');
      await librarian.getByRole('button', { name: 'Save draft' }).click();
      await librarian.getByText('Hypothesis saved.').waitFor();
      // A prediction for one of two indicators: the nudge now names the one still missing.
      await librarian.locator('.nudges li', { hasText: 'No prediction for "I trust the library"' }).waitFor();

      await librarian.getByLabel('I trust the library: from').fill('3.4');
      await librarian.getByLabel('I trust the library: to').fill('4.2');
      await librarian.getByLabel('I trust the library: how you will read it').fill('Mean of the exit survey');
      await librarian.getByRole('button', { name: 'Save and move on to adaptation' }).click();
      await librarian.getByText('The cycle moved on to adaptation').waitFor();
      expect(await librarian.locator('.nudges').count()).toBe(0);
      const saved = (await lib().get(`/api/v1/cycles/${cycleId}`).expect(200)).body.hypothesis.predictions;
      expect(saved).toEqual([
        { indicatorId: attendance, from: 12, to: 18, note: null },
        { indicatorId: trust, from: 3.4, to: 4.2, note: 'Mean of the exit survey' },
      ]);
    });

    it('names each missing part of an adaptation beside its field', async () => {
      await librarian.getByText('Log a change').click();
      await librarian.getByLabel('Date of the change').fill('');
      await librarian.getByRole('button', { name: 'Log this change' }).click();
      for (const field of ['log-whatChanged', 'log-decidedBy', 'log-reason', 'log-planning', 'log-fidelityConsistent', 'log-permanence']) {
        await librarian.locator(`#${field}-error`).waitFor();
      }
      expect(await librarian.locator('.adaptation-entry').count()).toBe(0);
    });

    it('logs two changes in FRAME’s terms: what, who decided, planned or reactive, why, core kept, how long', async () => {
      const log = async (entry: { on: string; what: string; who: string; planning: string; why: string; core: string; permanence: string }) => {
        await librarian.getByLabel('Date of the change').fill(entry.on);
        await librarian.getByLabel('What changed').fill(entry.what);
        await librarian.getByLabel('Who decided').fill(entry.who);
        await librarian.locator('#log-planning').getByLabel(entry.planning).check();
        await librarian.getByLabel('Why', { exact: true }).fill(entry.why);
        await librarian.locator('#log-fidelityConsistent').getByLabel(entry.core).check();
        await librarian.locator('#log-permanence').getByLabel(entry.permanence, { exact: true }).check();
        await librarian.getByRole('button', { name: 'Log this change' }).click();
      };
      await log({
        on: '2026-03-09',
        what: 'Greeters at the door speak Spanish and Dari.',
        who: 'Programme librarian with the volunteer greeters',
        planning: 'Planned ahead',
        why: 'Families said they were unsure they were welcome.',
        core: 'Yes, the core is kept',
        permanence: 'Permanent',
      });
      await librarian.getByText('The change of Mar 9, 2026 was logged.').waitFor();
      await log({
        on: '2026-03-23',
        what: 'Skipped the closing circle once.',
        who: 'Volunteer on duty',
        planning: 'A reaction to something that happened',
        why: 'A fire drill cut the evening short.',
        core: 'No, it changes the core',
        permanence: 'Temporary',
      });
      await librarian.getByText('The change of Mar 23, 2026 was logged.').waitFor();
      expect(await librarian.locator('.adaptation-entry').count()).toBe(2);
      await checkScreen(librarian, 'librarian-adaptation-log');
    });

    it('runs a deliberately weak cycle and sees each weakness, without being stopped', async () => {
      await lib()
        .put(`/api/v1/cycles/${cycleId}/adaptation`, { description: 'Two volunteers greet families at the door.', implementedOn: '2026-03-09' })
        .expect(200);
      await lib().post(`/api/v1/cycles/${cycleId}/transitions`, { to: 'evidence' }).expect(200);
      for (const [value, on] of [
        [16, '2026-03-10'],
        [19, '2026-03-24'],
      ] as const) {
        await lib()
          .post(`/api/v1/cycles/${cycleId}/evidence`, { kind: 'measurement', indicatorId: attendance, value, observedOn: on, method: 'sign_in' })
          .expect(201);
      }
      await lib()
        .post(`/api/v1/cycles/${cycleId}/evidence`, { kind: 'measurement', indicatorId: trust, value: 4, observedOn: '2026-03-24', method: 'survey' })
        .expect(201);
      await lib().post(`/api/v1/cycles/${cycleId}/transitions`, { to: 'reflection' }).expect(200);
      await lib()
        .put(`/api/v1/cycles/${cycleId}/reflection`, {
          outcome: 'partly_supported',
          insights: 'Families came back more often; the greeters made the difference.',
          decision: 'adapt',
          nextSteps: 'TBD',
        })
        .expect(200);

      await librarian.reload();
      await librarian.getByRole('heading', { name: 'To make this cycle stronger' }).waitFor();
      expect(await nudgeCodes(librarian, '.nudges')).toEqual([
        'single_data_point',
        'one_kind_of_evidence',
        'reflection_ignores_prediction',
        'decision_without_next_steps',
      ]);
      await librarian.locator('.nudges li', { hasText: '"I trust the library" has a single measurement' }).waitFor();
      // Where the librarian reflects, each prediction stands beside what was measured so far.
      const soFar = librarian.getByRole('note', { name: 'Your prediction beside the evidence so far' });
      expect(await soFar.locator('li').allInnerTexts()).toEqual([
        'Attendance: predicted from 12 to 18; measured a mean of 17.5 (n=2).',
        'I trust the library: predicted from 3.4 to 4.2; measured a mean of 4 (n=1).',
      ]);
      await librarian.getByRole('button', { name: 'Save and send for review' }).click();
      await librarian.getByText('Sent for review. A coach').first().waitFor();
    });
  });

  describe('the coach', () => {
    it('sees in the queue what would make the cycle stronger', async () => {
      await signIn(coach, pilot.coach.email, PASSWORD);
      expect(await heading(coach)).toBe('Review queue');
      const item = coach.locator('#waiting li', { hasText: 'Review Cycle 1: Welcome at the door' });
      await item.getByText('4 things that would make it stronger').click();
      expect(await nudgeCodes(coach, '#waiting')).toEqual([
        'single_data_point',
        'one_kind_of_evidence',
        'reflection_ignores_prediction',
        'decision_without_next_steps',
      ]);
      await checkScreen(coach, 'coach-queue-nudges');
    });

    it('reviews the cycle with its prediction, its nudges and its adaptation log, and approves it', async () => {
      await coach.getByRole('link', { name: 'Review Cycle 1: Welcome at the door' }).click();
      expect(await heading(coach)).toBe('Review Cycle 1: Welcome at the door');
      await coach.getByText('Attendance from 12 to 18; I trust the library from 3.4 to 4.2 (Mean of the exit survey)').waitFor();
      expect(await nudgeCodes(coach, '.nudges')).toHaveLength(4);
      expect(await coach.locator('.adaptation-entry').count()).toBe(2);
      expect(await coach.getByRole('button', { name: /Withdraw/ }).count()).toBe(0);
      await checkScreen(coach, 'coach-review-nudges');
      await coach.getByLabel('Approve').check();
      await coach.getByLabel('Your note to the librarians').fill('Approved. Next time, measure trust at every session and say whether 4.2 was reached.');
      await coach.getByRole('button', { name: 'Approve and close the cycle' }).click();
      await coach.getByText('Approved. The cycle is closed').waitFor();
    });
  });

  describe('the summary', () => {
    it('sets each prediction beside the outcome, with n, and marks both changes on every run chart without a trend from two points', async () => {
      await librarian.goto(`/summaries/${cycleId}`);
      // Compiled by a worker job right after the approval commits.
      for (let tries = 0; (await librarian.locator('table.prediction-table').count()) === 0 && tries < 40; tries++) {
        await librarian.waitForTimeout(250);
        await librarian.reload();
      }
      expect(await heading(librarian)).toBe('Newcomer Welcome Nights: Cycle 1: Welcome at the door');
      const rows = await librarian
        .locator('table.prediction-table tbody tr')
        .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim())));
      expect(rows).toEqual([
        ['Attendance (people)', 'from 12 to 18', '17.5', '2', 'Not met (-0.5)'],
        ['I trust the library (score (1–5))', 'from 3.4 to 4.2 (Mean of the exit survey)', '4', '1', 'Not met (-0.2)'],
      ]);
      const charts = librarian.locator('figure.run-chart');
      expect(await charts.count()).toBe(2);
      for (const chart of await charts.all()) {
        expect(await chart.locator('g.adaptation').count()).toBe(2);
        expect(await chart.locator('polyline.series').count()).toBe(0);
        expect(await chart.locator('svg desc').textContent()).toContain(
          'Fewer than 3 points, so no line or median is drawn. Adaptations: A1 on Mar 9, 2026: Greeters at the door speak Spanish and Dari; A2 on Mar 23, 2026: Skipped the closing circle once.',
        );
      }
      const [a1, a2] = await librarian
        .locator('figure.run-chart')
        .first()
        .locator('g.adaptation line')
        .evaluateAll((lines) => lines.map((l) => Number(l.getAttribute('x1'))));
      expect(a2).toBeGreaterThan(a1);
      await librarian.getByRole('table', { name: 'I trust the library: scores per point this cycle (n=1)' }).waitFor();
      await librarian.locator('.adaptation-entry', { hasText: 'A2 · Mar 23, 2026:' }).waitFor();
      await checkScreen(librarian, 'summary-prediction-beside-outcome');
    });
  });
});
