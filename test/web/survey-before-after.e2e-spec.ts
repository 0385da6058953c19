import type { Browser, Page } from 'playwright-core';
import { FixedClock } from '@r2c/core';
import { ADMIN_ENV, Coalition, PASSWORD, Person } from '../support/fixtures';
import { waitFor } from '../support/ports';
import { startTestApp, TestApp } from '../support/test-app';
import { checkScreen, launchBrowser, listen, openAs, PHONE, signIn } from './browser';

jest.setTimeout(120000);

const TRUST = 'I trust the library.';
const BELONG = 'I feel welcome and that I belong here.';
const header = `Timestamp,How much do you agree? [${TRUST}],How much do you agree? [${BELONG}]`;
const BASELINE_CSV = [header, '2026/03/02 18:00:00,2,3', '2026/03/03 18:00:00,3,3', '2026/03/04 18:00:00,2,2'].join('\n');
/** Two answers before the change made on 9 March, three on or after it. */
const SPANNING_CSV = [
  header,
  '2026/03/05 18:00:00,3,2',
  '2026/03/06 18:00:00,2,3',
  '2026/03/09 18:00:00,4,4',
  '2026/03/12 18:00:00,5,4',
  '2026/03/13 18:00:00,4,5',
].join('\n');

describe('the web app: survey answers before and after the change, on a phone', () => {
  let t: TestApp;
  let c: Coalition;
  let browser: Browser;
  let base: string;
  let pilot: { initiativeId: string; librarian: Person };
  let cycleId: string;
  let page: Page;

  const lib = () => c.as(pilot.librarian.token);
  const surveyPath = (path = '') => `/api/v1/initiatives/${pilot.initiativeId}/survey${path}`;
  const upload = async (csv: string) => {
    await page.locator('#import-file').setInputFiles({ name: 'Gathering survey (Responses).csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await waitFor(async () => (await page.locator('#import-csv').inputValue()) === csv, 10000, 'the file shown in the text box');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.locator('#import-preview-title').waitFor();
  };

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV, clock: new FixedClock(new Date('2026-03-05T16:00:00Z')) });
    base = await listen(t);
    c = new Coalition(t);
    await c.signInAdmin();
    pilot = await c.pilot({ title: 'Coffee and conversation' });
    await lib().post(surveyPath('/starter')).expect(201);
    cycleId = (
      await lib()
        .post(`/api/v1/initiatives/${pilot.initiativeId}/cycles`, { title: 'Names and places', plannedStart: '2026-03-02', plannedEnd: '2026-04-30' })
        .expect(201)
    ).body.id;
    browser = await launchBrowser();
    page = (await openAs(browser, base, PHONE, t.clock.now())).page;
    await signIn(page, pilot.librarian.email, PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('says where an import lands before any file is chosen, and imports a baseline while the cycle is in its hypothesis phase', async () => {
    await page.goto(`/initiatives/${pilot.initiativeId}/survey`);
    const landing = page.locator('#import-landing');
    await landing.waitFor();
    expect(await landing.innerText()).toContain('Imports go to cycle 1, now in the hypothesis phase.');
    expect(await landing.innerText()).toContain('Answers from before the change (the baseline): can be imported now.');
    expect(await landing.innerText()).toContain('Answers from after the change: Cycle 1 is in the hypothesis phase');
    // The notice stands above the file picker.
    const [noticeTop, pickerTop] = [(await landing.boundingBox())!.y, (await page.locator('#import-file').boundingBox())!.y];
    expect(noticeTop).toBeLessThan(pickerTop);

    await upload(BASELINE_CSV);
    expect(await page.locator('#import-timing-after').isDisabled()).toBe(true);
    expect(await page.locator('#import-timing-before').isChecked()).toBe(true);
    await checkScreen(page, 'survey-baseline-preview');
    await page.getByRole('button', { name: 'Import 3 responses' }).click();
    await page.getByText('3 responses from before the change kept as the baseline of Cycle 1: Names and places.', { exact: false }).waitFor();
    await page.locator('.past-imports li', { hasText: 'answered before the change: the baseline' }).waitFor();
  });

  it('splits a file that spans the change date and shows before and after within the cycle', async () => {
    await lib()
      .put(`/api/v1/cycles/${cycleId}/hypothesis`, {
        statement: 'If we open each gathering with a round of names, then participants will feel they belong, because they are known.',
        expectedOutcome: 'Belonging scores rise from 2.5 to 4',
        rationale: 'Participants said they felt like strangers.',
        indicatorIds: [(await lib().get(surveyPath()).expect(200)).body.items.find((i: { text: string }) => i.text === BELONG).indicatorId],
      })
      .expect(200);
    await lib().post(`/api/v1/cycles/${cycleId}/transitions`, { to: 'adaptation' }).expect(200);
    await lib().put(`/api/v1/cycles/${cycleId}/adaptation`, { description: 'A round of names opens each gathering.', implementedOn: '2026-03-09' }).expect(200);
    await lib().post(`/api/v1/cycles/${cycleId}/transitions`, { to: 'evidence' }).expect(200);
    await page.reload();
    await page.locator('#import-landing', { hasText: 'now in the evidence phase; its change was made on Mar 9, 2026' }).waitFor();

    await upload(SPANNING_CSV);
    expect(await page.locator('label[for="import-timing-split"]').innerText()).toContain('Split at the change date: 2 responses before, 3 responses after');
    expect(await page.locator('#import-timing-split').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Import 5 responses' }).click();
    await page
      .getByText(
        '2 responses from before the change kept as the baseline of Cycle 1: Names and places; 3 responses imported into Cycle 1: Names and places: 2 measurements added to its evidence, dated Mar 13, 2026.',
        { exact: false },
      )
      .waitFor();
    const belonging = page.locator('table.outcomes tr', { has: page.getByRole('rowheader', { name: /^Belonging/ }) });
    await belonging.locator('td', { hasText: 'Cycle 1, before the change: 2.6 (n = 5)' }).waitFor();
    expect((await belonging.locator('td').allInnerTexts()).slice(0, 3)).toEqual([
      'Cycle 1, before the change: 2.6 (n = 5)',
      'Cycle 1: 4.33 (n = 3)',
      '+1.73 (n = 5 → 3)',
    ]);
    await checkScreen(page, 'survey-before-after');
  });

  it('undoes an import after a confirmation, and says what was removed', async () => {
    const afterImport = page.locator('.past-imports li', { hasText: 'answered after the change' });
    await afterImport.getByRole('button', { name: 'Undo this import' }).click();
    await afterImport
      .getByText('Undo the import of 3 responses dated Mar 13, 2026? Its answers and the 2 measurements it added to the evidence are removed.')
      .waitFor();
    await checkScreen(page, 'survey-undo-confirm');
    await afterImport.getByRole('button', { name: 'Yes, undo this import' }).click();
    await page.getByText('The import of 3 responses dated Mar 13, 2026 was undone: its answers and 2 measurements were removed.').waitFor();
    await waitFor(async () => (await page.locator('.past-imports li').count()) === 2, 10000, 'the undone import gone from the list');
    const imports = (await lib().get(surveyPath('/imports')).expect(200)).body.items as { period: string }[];
    expect(imports.map((i) => i.period)).toEqual(['before', 'before']);
    const evidence = (await lib().get(`/api/v1/cycles/${cycleId}`).expect(200)).body.evidence;
    expect(evidence).toEqual([]);
    await checkScreen(page, 'survey-undone');
  });
});
