import type { Browser, Locator, Page } from 'playwright-core';
import { ADMIN, ADMIN_ENV, Coalition, PASSWORD, Person } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { checkScreen, DESKTOP, heading, launchBrowser, listen, openAs, PHONE, signIn } from './browser';

jest.setTimeout(240000);

/** A field name as the API spells it (plannedEnd, checkInCadenceDays): never words a person should read. */
const CAMEL_CASE = /\b[a-z]+(?:[A-Z][a-z0-9]+)+\b/g;

async function inViewport(page: Page, target: Locator): Promise<boolean> {
  await target.waitFor();
  const box = await target.boundingBox();
  const view = page.viewportSize()!;
  return box !== null && box.y >= 0 && box.x >= 0 && box.y + box.height <= view.height && box.x + box.width <= view.width;
}

/** The outcome of what was just done: shown, and inside the window without scrolling. */
const outcome = (page: Page, words: string | RegExp) => inViewport(page, page.locator('.toast .status', { hasText: words }).last());

const pageWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');
const camelCaseWords = async (page: Page) => (await page.locator('body').innerText()).match(CAMEL_CASE) ?? [];

describe('the web app on a phone: outcomes where the thumb is, no sideways scrolling, plain words', () => {
  let t: TestApp;
  let c: Coalition;
  let browser: Browser;
  let base: string;
  let initiativeId: string;
  let cycleId: string;
  const people: Record<'librarian' | 'coach' | 'subscriber', Person & { name: string }> = {} as never;

  const person = async (name: string, email: string, role: 'librarian' | 'coach' | 'subscriber') => {
    const res = await c.as(c.adminToken).post('/api/v1/users', { email, name, role, password: PASSWORD }).expect(201);
    return { id: res.body.id as string, email, token: '', name };
  };

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
    base = await listen(t);
    c = new Coalition(t);
    await c.signInAdmin();
    initiativeId = await c.initiative(await c.library({ name: 'Riverbend Public Library' }), { title: 'Bilingual Story Time' });
    people.librarian = await person('Maria Lopez', 'maria.lopez@riverbend.lib.test', 'librarian');
    people.coach = await person('Sam Whitehorse', 'sam.whitehorse@r2c-coaches.test', 'coach');
    people.subscriber = await person('Pat Reader', 'pat.reader@riverbend.lib.test', 'subscriber');
    await c.member(initiativeId, people.librarian, 'librarian');
    await c.member(initiativeId, people.coach, 'coach');
    const lib = c.as(await c.login(people.librarian.email));
    const attendance = (await lib.post(`/api/v1/initiatives/${initiativeId}/indicators`, { templateKey: 'attendance' }).expect(201)).body.id;
    cycleId = (
      await lib
        .post(`/api/v1/initiatives/${initiativeId}/cycles`, { title: 'Greeters at the door', plannedStart: '2026-03-02', plannedEnd: '2026-05-29' })
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
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the librarian the outcome of saving a section, adding, removing, restoring and editing evidence inside the window', async () => {
    const { page } = await openAs(browser, base, PHONE, t.clock.now());
    await signIn(page, people.librarian.email, PASSWORD);
    await page.goto(`/cycles/${cycleId}`);
    await heading(page);

    await page.getByLabel('What you changed this time').fill('Two volunteers greet families at the door and walk them in.');
    await page.getByRole('button', { name: 'Save draft' }).click();
    expect(await outcome(page, 'Adaptation saved.')).toBe(true);
    await page.getByLabel('Date it was put in place').fill('2026-03-02');
    await page.getByRole('button', { name: 'Save and move on to evidence' }).click();
    expect(await outcome(page, 'The cycle moved on to evidence')).toBe(true);

    await page.locator('#evidence-value').fill('14');
    await page.locator('#evidence-value').press('Enter');
    expect(await outcome(page, 'Added: Attendance 14')).toBe(true);
    await page.getByLabel('Observation', { exact: true }).check();
    await page.getByLabel('What was seen').fill('Two families stayed to chat after the story.');
    await page.getByRole('button', { name: 'Add evidence' }).click();
    expect(await outcome(page, /Added: observation/)).toBe(true);
    expect(await camelCaseWords(page)).toEqual([]);

    await page.getByRole('button', { name: /^Remove this observation/ }).click();
    await page.getByRole('button', { name: 'Yes, remove it' }).click();
    expect(await outcome(page, /Removed this observation/)).toBe(true);
    await expect(page.locator('.evidence-removed').innerText()).resolves.toContain('Two families stayed to chat');
    await page.getByRole('button', { name: /^Undo the removal of this observation/ }).click();
    expect(await outcome(page, /Brought back this observation/)).toBe(true);
    expect(await page.locator('.evidence-removed').count()).toBe(0);
    await expect(page.locator('.evidence-list').innerText()).resolves.toContain('Two families stayed to chat');

    await page.getByRole('button', { name: /^Edit this measurement/ }).click();
    const edit = page.locator('form', { has: page.getByRole('heading', { name: /^Edit this measurement/ }) });
    await edit.getByLabel(/^Value/).fill('15');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    expect(await outcome(page, 'Saved: Attendance 15')).toBe(true);
    await expect(page.locator('.evidence-list').innerText()).resolves.toContain('Attendance: 15');
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await checkScreen(page, 'phone-first-evidence-phone');
  });

  it('shows programme staff the outcome of a role change inside the window', async () => {
    const { page } = await openAs(browser, base, PHONE, t.clock.now());
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/admin/people');
    await heading(page);
    await page.locator(`#role-${people.subscriber.id}`).selectOption('librarian');
    await page.getByRole('button', { name: /^Make Pat Reader/ }).click();
    expect(await outcome(page, /Pat Reader is now/)).toBe(true);

    await page.goto('/admin/libraries');
    await heading(page);
    await page.getByRole('button', { name: 'Edit Riverbend Public Library' }).click();
    const edit = page.getByRole('form', { name: 'Edit Riverbend Public Library' });
    await edit.getByLabel('Name').fill('');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await edit.getByRole('alert').waitFor();
    expect(await camelCaseWords(page)).toEqual([]);
    await expect(edit.locator('.field-error').first().innerText()).resolves.toContain('The library’s name is needed');
    await edit.getByLabel('Name').fill('Riverbend Public Library');
    await edit.getByLabel('Time zone').selectOption('America/Chicago');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    expect(await outcome(page, 'Riverbend Public Library saved.')).toBe(true);
    await expect(page.getByRole('row', { name: /Riverbend Public Library/ }).innerText()).resolves.toContain('America/Chicago');
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);

    await page.goto(`/admin/initiatives/${initiativeId}`);
    await heading(page);
    const details = page.getByRole('form', { name: 'Details of the initiative' });
    await details.getByLabel('Check-in every (days)').fill('120');
    await details.getByRole('button', { name: 'Save details' }).click();
    await expect(details.locator('.field-error').innerText()).resolves.toContain('Days between check-ins must be between 1 and 90.');
    expect(await camelCaseWords(page)).toEqual([]);
    await details.getByLabel('Check-in every (days)').fill('21');
    await details.getByRole('button', { name: 'Save details' }).click();
    expect(await outcome(page, 'Bilingual Story Time: details saved.')).toBe(true);
  });

  describe.each([
    ['admin', () => ADMIN.email, () => ADMIN.password],
    ['coach', () => people.coach.email, () => PASSWORD],
    ['librarian', () => people.librarian.email, () => PASSWORD],
    ['subscriber', () => people.subscriber.email, () => PASSWORD],
  ])('every screen a %s reaches', (role, email, password) => {
    it.each([
      ['phone', PHONE],
      ['desktop', DESKTOP],
    ])('fits a %s without sideways scrolling, in plain words, and passes axe', async (size, viewport) => {
      const { page, context } = await openAs(browser, base, viewport, t.clock.now());
      await signIn(page, email(), password());
      const links = await page.locator('header nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? '/'));
      const extra = role === 'subscriber' ? [] : [`/initiatives/${initiativeId}`, `/cycles/${cycleId}`];
      if (role === 'admin') extra.push(`/admin/initiatives/${initiativeId}`);
      const paths = [...new Set([...links, ...extra, '/notifications', '/settings'])];
      const found: { path: string; width: number; camelCase: string[] }[] = [];
      for (const path of paths) {
        await page.goto(path);
        await heading(page);
        found.push({ path, width: await pageWidth(page), camelCase: await camelCaseWords(page) });
        await checkScreen(page, `${role}${path.replace(/\/[0-9a-f-]{36}/g, '').replace(/\//g, '-') || '-home'}-${size}`);
      }
      expect(found.filter((f) => f.width > viewport.width || f.camelCase.length)).toEqual([]);
      await context.close();
    });
  });
});
