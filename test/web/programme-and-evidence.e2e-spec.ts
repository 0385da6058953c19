import type { Browser, Page } from 'playwright-core';
import type { StrategyTagView } from '@r2c/contracts';
import { FixedClock } from '@r2c/core';
import { ADMIN, ADMIN_ENV, Coalition, PASSWORD, Person } from '../support/fixtures';
import { closedCycle } from '../support/learning-cycles';
import { startTestApp, TestApp } from '../support/test-app';
import { checkScreen, DESKTOP, heading, launchBrowser, listen, openAs, PHONE, signIn } from './browser';

jest.setTimeout(120000);

/** The programme view for programme staff, and the evidence base searched on a phone. */
describe('the web app: the programme view and the evidence base', () => {
  let t: TestApp;
  let c: Coalition;
  let clock: FixedClock;
  let browser: Browser;
  let base: string;
  let subscriber: Person;
  let tagging: { initiativeId: string; librarian: Person; coach: Person };
  let openCycleId: string;
  const titles: string[] = [];

  beforeAll(async () => {
    clock = new FixedClock(new Date('2026-04-01T15:00:00Z'));
    t = await startTestApp({ env: ADMIN_ENV, clock, withWorkers: false });
    base = await listen(t);
    c = new Coalition(t);
    await c.signInAdmin();
    const tags = (await c.as(c.adminToken).get('/api/v1/strategy-tags').expect(200)).body as StrategyTagView[];
    const tag = (name: string) => tags.find((x) => x.name === name)!.id;
    const cafe = await c.pilot({ title: 'Neighbours at the World Café', checkInCadenceDays: 7 });
    const coffee = await c.pilot({ title: 'Coffee and Conversation', checkInCadenceDays: 30 });
    titles.push('Neighbours at the World Café', 'Coffee and Conversation');
    await closedCycle(c, cafe, {
      statement: 'If we hold a world café on Saturday mornings, then newcomers will talk with long-time residents, because small tables make it easy.',
      insights: 'Small tables of four with a host mixed newcomers and residents.',
      decision: 'scale',
      values: [10, 14, 16],
      tagIds: [tag('World café')],
    });
    await closedCycle(c, coffee, {
      statement: 'If we offer coffee before story time, then parents will stay and talk.',
      insights: 'Parents stayed when a host introduced them.',
      decision: 'adapt',
      tagIds: [tag('Coffee & conversation')],
    });
    // Its points sit below the median, then above: the programme view names the shifts. It shares nothing, so only its people and staff find it.
    const charted = await c.pilot({ title: 'Talk Story Board', checkInCadenceDays: 30 });
    await c.as(c.adminToken).put(`/api/v1/initiatives/${charted.initiativeId}/digest-sharing`, { digestSharing: 'nothing' }).expect(200);
    await closedCycle(c, charted, { decision: 'continue', values: [4, 5, 4, 5, 4, 5, 12, 13, 12, 13, 12, 13] });
    subscriber = await c.person('subscriber');
    tagging = await c.pilot({ title: 'Stories Across Generations' });
    openCycleId = (
      await c
        .as(tagging.librarian.token)
        .post(`/api/v1/initiatives/${tagging.initiativeId}/cycles`, { title: 'Story circles', plannedStart: '2026-04-06', plannedEnd: '2026-05-30' })
        .expect(201)
    ).body.id;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  describe('programme staff', () => {
    let page: Page;
    beforeAll(async () => {
      page = (await openAs(browser, base, DESKTOP, clock.now())).page;
      await signIn(page, ADMIN.email, ADMIN.password);
    });

    it('shows the pilots side by side with their phase and chart signals in words, and sorts by a column, both ways', async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Programme' }).click();
      expect(await heading(page)).toBe('Programme');
      const table = page.getByRole('table');
      await table.waitFor();
      await checkScreen(page, 'programme');
      const initiatives = async () => (await table.locator('tbody th').allInnerTexts()).map((s) => s.trim()).filter((s) => titles.includes(s));

      await page.getByRole('button', { name: 'Initiative' }).click();
      await page.getByText(/pilots, by initiative \(ascending\)/).waitFor();
      expect(await initiatives()).toEqual(['Coffee and Conversation', 'Neighbours at the World Café']);

      await page.getByRole('button', { name: 'Initiative' }).click();
      await page.getByText(/pilots, by initiative \(descending\)/).waitFor();
      expect(await page.getByRole('columnheader', { name: /Initiative/ }).getAttribute('aria-sort')).toBe('descending');
      expect(await initiatives()).toEqual(['Neighbours at the World Café', 'Coffee and Conversation']);

      const charted = table.locator('tbody tr', { hasText: 'Talk Story Board' });
      expect(await charted.locator('td[data-label="Phase"]').innerText()).toBe('Closed');
      const signals = charted.locator('td[data-label="Chart signals"]');
      await signals.getByText('3', { exact: true }).click();
      await signals.getByText('Attendance: shift: 6 points below the median since 16 March').waitFor();
      await signals.getByText('Attendance: shift: 6 points above the median since 22 March').waitFor();
      expect(await signals.getByRole('listitem').count()).toBe(3);

      await page.getByRole('link', { name: 'Coffee and Conversation' }).click();
      expect(await heading(page)).toBe('Coffee and Conversation');
    });
  });

  describe('strategy tags', () => {
    it('lets an admin add a tag to the list', async () => {
      const { page } = await openAs(browser, base, DESKTOP, clock.now());
      await signIn(page, ADMIN.email, ADMIN.password);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Strategy tags' }).click();
      expect(await heading(page)).toBe('Strategy tags');
      await page.getByLabel('Name', { exact: true }).fill('Story circles');
      await page.getByRole('button', { name: 'Add tag' }).click();
      await page.getByText('Story circles added.').waitFor();
      await page.getByRole('rowheader', { name: 'Story circles' }).waitFor();
      await checkScreen(page, 'strategy-tags');
    });

    it('lets a librarian tag the hypothesis of their cycle', async () => {
      const { page } = await openAs(browser, base, PHONE, clock.now());
      await signIn(page, tagging.librarian.email, PASSWORD);
      await page.goto(`/cycles/${openCycleId}`);
      await page.getByRole('group', { name: /Strategies this cycle tries/ }).waitFor();
      await page.getByRole('checkbox', { name: 'Story circles' }).check();
      await page.getByRole('checkbox', { name: 'Intergenerational' }).check();
      await page.getByRole('button', { name: 'Save strategies' }).click();
      await page.getByText('Strategies saved: Intergenerational, Story circles.').waitFor();
      await checkScreen(page, 'hypothesis-strategies-phone');
      const saved = (await c.as(tagging.coach.token).get(`/api/v1/cycles/${openCycleId}/tags`).expect(200)).body as StrategyTagView[];
      expect(saved.map((x) => x.name)).toEqual(['Intergenerational', 'Story circles']);
    });
  });

  describe('a subscriber on a phone', () => {
    let page: Page;
    beforeAll(async () => {
      page = (await openAs(browser, base, PHONE, clock.now())).page;
      await signIn(page, subscriber.email, PASSWORD);
    });

    it('searches the evidence base and reads a result as hypothesis, change, evidence with n and decision', async () => {
      await page.goto('/evidence-base');
      expect(await heading(page)).toBe('Evidence base');
      await page.getByText('2 closed cycles found.').waitFor();
      await page.getByRole('searchbox', { name: 'Words' }).fill('small tables');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByText('1 closed cycle found.').waitFor();
      const card = page.locator('.evidence-card');
      expect(await card.count()).toBe(1);
      await card.getByText('We tried').waitFor();
      expect(await card.innerText()).toContain('(n = 3)');
      expect(await card.innerText()).toContain('World café');
      expect(await card.getByRole('link').getAttribute('href')).toMatch(/^\/cycles\/[0-9a-f-]+\/summary$/);
      await checkScreen(page, 'evidence-base-phone');

      await page.getByRole('searchbox', { name: 'Words' }).fill('');
      await page.getByLabel('Decision').selectOption('adapt');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.locator('.evidence-card', { hasText: 'Parents stayed' }).waitFor();
      expect(await page.locator('.evidence-card').count()).toBe(1);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    });
  });
});
