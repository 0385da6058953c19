import type { Browser, Locator, Page } from 'playwright-core';
import { CompileDigest } from '@r2c/reports';
import { ADMIN, ADMIN_ENV, Coalition, PASSWORD, Person } from '../support/fixtures';
import { waitFor } from '../support/ports';
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

/** Everything folded away opened (finished phases, "The numbers" under each chart), so what it holds is measured too. */
async function unfoldAll(page: Page): Promise<void> {
  await page.evaluate(`document.querySelectorAll('details:not([open])').forEach((d) => { d.open = true; })`);
  await page
    .locator('.loading')
    .first()
    .waitFor({ state: 'detached' })
    .catch(() => undefined);
}

/** A Google Forms export answering the starter statement "I trust the library." on the morning of the test clock's day. */
const SURVEY_CSV = ['Timestamp,How much do you agree? [I trust the library.]', '3/2/2026 09:15:00,4', '3/2/2026 09:40:00,5', '3/2/2026 10:05:00,3'].join('\n');

describe('the web app on a phone: outcomes where the thumb is, no sideways scrolling, plain words', () => {
  let t: TestApp;
  let c: Coalition;
  let browser: Browser;
  let base: string;
  let initiativeId: string;
  let cycleId: string;
  let closedInitiativeId: string;
  let closedCycleId: string;
  let digestId: string;
  const people: Record<'librarian' | 'coach' | 'subscriber', Person & { name: string }> = {} as never;

  const person = async (name: string, email: string, role: 'librarian' | 'coach' | 'subscriber') => {
    const res = await c.as(c.adminToken).post('/api/v1/users', { email, name, role, password: PASSWORD }).expect(201);
    return { id: res.body.id as string, email, token: '', name };
  };

  /** A second initiative whose first cycle is closed: its summary (a prediction met or not), run charts and the week's digest. */
  const closedPilot = async (lib: ReturnType<Coalition['as']>) => {
    closedInitiativeId = await c.initiative(await c.library({ name: 'Lakeside Branch Library' }), { title: 'Homework Help Hour' });
    await c.member(closedInitiativeId, people.librarian, 'librarian');
    await c.member(closedInitiativeId, people.coach, 'coach');
    const attendance = (await lib.post(`/api/v1/initiatives/${closedInitiativeId}/indicators`, { templateKey: 'attendance', baseline: 8 }).expect(201)).body.id;
    closedCycleId = (
      await lib
        .post(`/api/v1/initiatives/${closedInitiativeId}/cycles`, { title: 'Snacks and a quiet room', plannedStart: '2026-01-12', plannedEnd: '2026-02-23' })
        .expect(201)
    ).body.id;
    const move = (to: string) => lib.post(`/api/v1/cycles/${closedCycleId}/transitions`, { to }).expect(200);
    await lib
      .put(`/api/v1/cycles/${closedCycleId}/hypothesis`, {
        statement: 'If the room is quiet and there are snacks, then more students will stay for the whole hour, because they are not hungry or distracted.',
        expectedOutcome: 'Attendance rises from 8 to 12',
        indicatorIds: [attendance],
        predictions: [{ indicatorId: attendance, from: 8, to: 12, note: 'Mean per session' }],
      })
      .expect(200);
    await move('adaptation');
    await lib
      .put(`/api/v1/cycles/${closedCycleId}/adaptation`, { description: 'Snacks on a side table and the study room kept quiet.', implementedOn: '2026-01-19' })
      .expect(200);
    await move('evidence');
    for (const [value, observedOn] of [
      [9, '2026-01-20'],
      [11, '2026-01-27'],
      [13, '2026-02-03'],
      [12, '2026-02-10'],
    ] as const)
      await lib
        .post(`/api/v1/cycles/${closedCycleId}/evidence`, { kind: 'measurement', indicatorId: attendance, value, observedOn, method: 'sign_in' })
        .expect(201);
    await lib
      .post(`/api/v1/cycles/${closedCycleId}/evidence`, {
        kind: 'observation',
        text: 'Students stayed after the hour to finish.',
        observedOn: '2026-02-10',
        method: 'observation',
      })
      .expect(201);
    await move('reflection');
    await lib
      .put(`/api/v1/cycles/${closedCycleId}/reflection`, {
        outcome: 'supported',
        insights: 'Food and quiet keep students for the hour.',
        decision: 'continue',
        nextSteps: 'Keep the snacks.',
      })
      .expect(200);
    await move('review');
    await c
      .as(await c.login(people.coach.email))
      .post(`/api/v1/cycles/${closedCycleId}/reviews`, { verdict: 'approve', body: 'Approved: clear numbers.' })
      .expect(201);
    await waitFor(async () => (await lib.get(`/api/v1/cycles/${closedCycleId}/summary`)).status === 200, 30000, 'the summary');
    digestId = (await t.app.get(CompileDigest).run({ start: '2026-03-01', end: '2026-03-07' }, null)).digest.id;
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
    await lib.post(`/api/v1/initiatives/${initiativeId}/survey/starter`).expect(201);
    await closedPilot(lib);
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

    // Finished phases are folded to a line; tapping one's step opens it and brings it into view.
    const hypothesis = page.locator('#phase-hypothesis');
    expect(await hypothesis.getAttribute('open')).toBeNull();
    await expect(page.locator('#phase-hypothesis > summary').innerText()).resolves.toContain('If volunteers greet families at the door');
    await page
      .getByRole('navigation', { name: 'Phases of this cycle' })
      .getByRole('link', { name: /^Hypothesis/ })
      .click();
    await hypothesis.getByRole('button', { name: 'Save changes' }).waitFor();
    expect(await inViewport(page, page.locator('#phase-hypothesis > summary'))).toBe(true);
  });

  it('shows the librarian the outcome of a survey import inside the window', async () => {
    const { page, context } = await openAs(browser, base, PHONE, t.clock.now());
    await signIn(page, people.librarian.email, PASSWORD);
    await page.goto(`/initiatives/${initiativeId}/survey`);
    await heading(page);
    await page.locator('#import-csv').fill(SURVEY_CSV);
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.locator('#import-preview-title').waitFor();
    // 3/2/2026 reads as 3 February or 2 March: the librarian says which.
    await page.getByLabel('How this file writes dates').selectOption('month_first');
    await page.getByRole('button', { name: 'Import 3 responses' }).click();
    expect(await outcome(page, /3 responses imported into/)).toBe(true);
    expect(await camelCaseWords(page)).toEqual([]);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await checkScreen(page, 'phone-first-survey-import-phone');
    await context.close();
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

    // A refusal of a whole new record, every field wrong at once: each named by its label, in plain words.
    await page.goto('/admin/initiatives');
    await heading(page);
    await page.getByLabel('Check-in every (days)').fill('0');
    await page.getByRole('button', { name: 'Add initiative' }).click();
    await page.locator('.error-summary').waitFor();
    expect(await camelCaseWords(page)).toEqual([]);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
  });

  /** A path as a file name: its ids as the words for what they are. */
  const screenName = (path: string) =>
    [
      [closedInitiativeId, 'closed-pilot'],
      [initiativeId, 'pilot'],
      [closedCycleId, 'closed-cycle'],
      [cycleId, 'open-cycle'],
      [digestId, 'digest'],
    ]
      .reduce((p, [id, word]) => p.split(id).join(word), path)
      .replace(/^\//, '')
      .replace(/\//g, '-') || 'home';

  it.each([
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ])('fits the pages reached from an email or the sign-in page on a %s, in plain words, and they pass axe', async (size, viewport) => {
    const { page, context } = await openAs(browser, base, viewport, t.clock.now());
    const found: { path: string; width: number; camelCase: string[] }[] = [];
    for (const path of [
      '/',
      '/forgot-password',
      '/subscribe',
      '/accept-invitation?token=cut-short',
      '/reset-password?token=cut-short',
      '/confirm-subscription?token=cut-short',
    ]) {
      await page.goto(path);
      await heading(page);
      const name = path.replace(/\?.*/, '').replace(/^\//, '') || 'sign-in';
      await checkScreen(page, `public-${name}-${size}`);
      found.push({ path, width: await pageWidth(page), camelCase: await camelCaseWords(page) });
    }
    expect(found.filter((f) => f.width > viewport.width || f.camelCase.length)).toEqual([]);
    await context.close();
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
      const closed = [`/summaries/${closedCycleId}`, `/cycles/${closedCycleId}/summary`, `/digests/${digestId}`];
      const member =
        role === 'subscriber'
          ? []
          : [
              `/initiatives/${initiativeId}`,
              `/cycles/${cycleId}`,
              `/initiatives/${initiativeId}/survey`,
              `/initiatives/${closedInitiativeId}`,
              `/cycles/${closedCycleId}`,
            ];
      if (role === 'admin' || role === 'coach') member.push(`/cycles/${cycleId}/review`, `/cycles/${closedCycleId}/review`);
      if (role === 'admin') member.push(`/admin/initiatives/${initiativeId}`);
      const paths = [...new Set([...links, ...member, ...closed, '/notifications', '/settings', '/no-such-page'])];
      const found: { path: string; width: number; camelCase: string[] }[] = [];
      for (const path of paths) {
        await page.goto(path);
        await heading(page);
        await checkScreen(page, `${role}-${screenName(path)}-${size}`);
        await unfoldAll(page);
        found.push({ path: screenName(path), width: await pageWidth(page), camelCase: await camelCaseWords(page) });
      }
      expect(found.filter((f) => f.width > viewport.width || f.camelCase.length)).toEqual([]);
      await context.close();
    });
  });
});
