import { Workbook } from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { FixedClock } from '@r2c/core';
import { ADMIN_ENV, Coalition, PASSWORD, Person } from '../support/fixtures';
import { waitFor } from '../support/ports';
import { startTestApp, TestApp } from '../support/test-app';
import { checkScreen, DESKTOP, heading, launchBrowser, listen, openAs, PHONE, signIn } from './browser';

jest.setTimeout(120000);

const TRUST = 'I trust the library.';
const BELONG = 'I feel welcome and that I belong here.';
const HEARD = 'The library listens to people like me.';
const CONNECTED = 'I feel more connected to people in my community.';
const TRUST_NEIGHBOURS = 'Most people in my community can be trusted.';

/**
 * A Google Forms export: a timestamp, a name and an email the form should never have asked, three grid
 * rows worded as the starter items, a question worded differently from its item, and a free-text question.
 */
const HEADER = [
  'Timestamp',
  'Your name',
  'Email address',
  `How much do you agree? [${TRUST}]`,
  `How much do you agree? [${BELONG}]`,
  `How much do you agree? [${HEARD}]`,
  'How connected do you feel to the people around you?',
  'Anything else you want to tell us?',
]
  .map((h) => (h.includes(',') ? `"${h}"` : h))
  .join(',');
/** Lines 2 to 6: the first answer spans two lines of the file. */
const GOOD_ROWS = [
  '3/16/2026 18:02:11,Ana Ruiz,ana.ruiz@example.org,5,Agree,4,3,"Came with my neighbour,',
  'she liked it too"',
  '3/16/2026 18:05:40,Sam Okafor,sam@example.org,4,Strongly agree,5,4,',
  '3/17/2026 10:12:03,,,3,Neither agree nor disagree,3,2,More Saturdays please',
  '3/17/2026 10:30:55,Lee,,4,4,,5,',
];
/** Lines 7 to 9. */
const BAD_ROWS = ['3/17/2026 11:00:00,Kim Tran,kim@example.org,7,Agree,4,3,', '3/18/2026 09:00:00,,,4,Sometimes,5,4,', '3/18/2026 09:10:00,,,4'];
/** Line 7: a response that answers nothing. */
const BLANK_ROW = '3/17/2026 11:30:00,,,,,,,';
const CSV_WITH_BAD_ROWS = [HEADER, ...GOOD_ROWS, ...BAD_ROWS].join('\n');
const CORRECTED_CSV = [HEADER, ...GOOD_ROWS, BLANK_ROW].join('\n');
const PERSONAL = [
  'Ana Ruiz',
  'ana.ruiz@example.org',
  'Sam Okafor',
  'sam@example.org',
  'Kim Tran',
  'kim@example.org',
  'Came with my neighbour',
  'More Saturdays',
];

type Item = { id: string; text: string; indicatorId: string };

describe('the web app: the trust survey and its Forms import', () => {
  let t: TestApp;
  let c: Coalition;
  let browser: Browser;
  let base: string;
  let pilot: { initiativeId: string; librarian: Person; coach: Person };
  let cycleId: string;
  let librarian: Page;

  const lib = () => c.as(pilot.librarian.token);
  const surveyPath = (path = '') => `/api/v1/initiatives/${pilot.initiativeId}/survey${path}`;
  const items = async (): Promise<Item[]> => (await lib().get(surveyPath()).expect(200)).body.items;
  const itemOf = async (text: string) => (await items()).find((i) => i.text === text)!;
  const surveyEvidence = async () =>
    (await lib().get(`/api/v1/cycles/${cycleId}`).expect(200)).body.evidence.filter((e: { method: string }) => e.method === 'survey') as {
      indicatorId: string;
      value: number;
      sampleSize: number;
    }[];
  const upload = async (page: Page, csv: string) => {
    await page.locator('#import-file').setInputFiles({ name: 'Community conversations (Responses).csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    // The chosen file is read in the browser and shown in the text box.
    // Polled from here: waitForFunction compiles its predicate in the page, which the app's policy (no eval) refuses.
    await waitFor(async () => (await page.locator('#import-csv').inputValue()) === csv, 10000, 'the file shown in the text box');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.locator('#import-preview-title').waitFor();
  };
  const texts = (page: Page, selector: string) => page.locator(selector).allInnerTexts();

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV, clock: new FixedClock(new Date('2026-03-20T16:00:00Z')) });
    base = await listen(t);
    c = new Coalition(t);
    await c.signInAdmin();
    pilot = await c.pilot({ title: 'Neighbours Night' });
    // Cycle 1, collecting evidence: the state an import needs.
    const trust = (await lib().post(`/api/v1/initiatives/${pilot.initiativeId}/indicators`, { templateKey: 'trust_in_library', baseline: 3.4 }).expect(201))
      .body.id;
    cycleId = (
      await lib()
        .post(`/api/v1/initiatives/${pilot.initiativeId}/cycles`, { title: 'Names and places', plannedStart: '2026-03-02', plannedEnd: '2026-04-30' })
        .expect(201)
    ).body.id;
    await lib()
      .put(`/api/v1/cycles/${cycleId}/hypothesis`, {
        statement:
          'If we open each gathering with a round of names and where people are from, then participants will trust the library more, because they are known.',
        expectedOutcome: 'Trust scores rise from 3.4 to 4',
        indicatorIds: [trust],
      })
      .expect(200);
    await lib().post(`/api/v1/cycles/${cycleId}/transitions`, { to: 'adaptation' }).expect(200);
    await lib()
      .put(`/api/v1/cycles/${cycleId}/adaptation`, {
        description: 'A round of names and where people are from opens each gathering.',
        implementedOn: '2026-03-09',
      })
      .expect(200);
    await lib().post(`/api/v1/cycles/${cycleId}/transitions`, { to: 'evidence' }).expect(200);
    browser = await launchBrowser();
    librarian = (await openAs(browser, base, PHONE, t.clock.now())).page;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  describe('a librarian, on a phone', () => {
    it('opens the survey from the initiative page and adopts the starter statements', async () => {
      await signIn(librarian, pilot.librarian.email, PASSWORD);
      await librarian.waitForURL(`${base}/initiatives/${pilot.initiativeId}`);
      expect(await heading(librarian)).toBe('Neighbours Night');
      await librarian.getByRole('link', { name: 'Open the trust survey' }).click();
      await librarian.waitForURL(`${base}/initiatives/${pilot.initiativeId}/survey`);
      expect(await heading(librarian)).toBe('Trust survey');
      await librarian.getByText('This survey has no statements yet.').waitFor();
      expect(await librarian.getByRole('heading', { name: 'Import responses' }).isVisible()).toBe(true);

      await librarian.getByRole('button', { name: 'Add the starter items' }).click();
      await librarian.getByText('8 starter items added, each with its 1–5 indicator.').waitFor();
      const trustGroup = librarian.locator('.survey-outcome', { has: librarian.getByRole('heading', { name: 'Trust in the library' }) });
      expect(await trustGroup.locator('.survey-statement').allInnerTexts()).toEqual([TRUST, 'The library is a place for everyone, whatever their views.']);
      expect(await trustGroup.locator('.meta').first().innerText()).toBe('Feeds the indicator: I trust the library');
      expect(await librarian.getByRole('button', { name: 'Add the starter items' }).count()).toBe(0);
      await checkScreen(librarian, 'survey-statements');
    });

    it('adds a statement on a 1–5 indicator, changes its wording and outcome, and removes it', async () => {
      await librarian.getByText('Add a statement').click();
      await librarian.getByRole('button', { name: 'Add statement' }).click();
      await librarian.locator('#item-indicator-error').waitFor();
      await librarian.getByLabel('Statement', { exact: true }).fill('I would bring a friend next time.');
      await librarian.getByLabel('Outcome', { exact: true }).fill('Belonging');
      await librarian.getByLabel('Indicator', { exact: true }).selectOption({ label: 'Sense of belonging' });
      await librarian.getByRole('button', { name: 'Add statement' }).click();
      await librarian.getByText('“I would bring a friend next time.” added under Belonging.').waitFor();
      expect(await librarian.locator('.survey-outcome', { hasText: 'Belonging' }).locator('.survey-statement').allInnerTexts()).toContain(
        'I would bring a friend next time.',
      );

      // Reworded and moved to another outcome in place; the API keeps the change.
      await librarian.getByRole('button', { name: 'Change “I would bring a friend next time.”' }).click();
      const form = librarian.getByRole('form', { name: 'Change “I would bring a friend next time.”' });
      await form.getByLabel('Statement', { exact: true }).fill('I would bring a friend to the next session.');
      await form.getByLabel('Outcome', { exact: true }).fill('Social connection');
      await form.getByRole('button', { name: 'Save statement' }).click();
      await librarian.getByText('“I would bring a friend to the next session.” saved under Social connection.').waitFor();
      expect(await librarian.locator('.survey-outcome', { hasText: 'Social connection' }).locator('.survey-statement').allInnerTexts()).toContain(
        'I would bring a friend to the next session.',
      );
      expect((await items()).find((i) => i.text === 'I would bring a friend to the next session.')).toMatchObject({ outcome: 'Social connection' });

      await librarian.getByRole('button', { name: 'Remove “I would bring a friend to the next session.”' }).click();
      await librarian.getByText('“I would bring a friend to the next session.” removed from the survey.').waitFor();
      expect((await items()).map((i) => i.text)).not.toContain('I would bring a friend to the next session.');
    });

    it('previews a file with bad rows: each listed by its line, the name and email columns flagged, no import offered', async () => {
      await upload(librarian, CSV_WITH_BAD_ROWS);
      expect(await librarian.locator('#import-preview-title').innerText()).toBe('Preview: 4 responses to import');
      expect(await texts(librarian, '#preview-bad-rows li')).toEqual([
        expect.stringMatching(/^Line 7: "7" is not on the 1–5 scale \(column 4, "How much do you agree\? \[I trust the library\.\]"\)$/),
        expect.stringMatching(/^Line 8: "Sometimes" is not on the 1–5 scale \(column 5/),
        'Line 9: has 4 fields where the header row has 8',
      ]);
      expect(await texts(librarian, '.privacy-flags li')).toEqual([
        'Column 2: "Your name" asks for names.',
        'Column 3: "Email address" asks for email addresses.',
      ]);
      // A personal column has no choice to import it.
      expect(await librarian.locator('#import-column-2').count()).toBe(0);
      expect(await librarian.locator('.import-columns li', { hasText: 'Column 3: Email address' }).innerText()).toContain('Not importable');
      await librarian.getByText('Correct the rows listed above in the file and preview it again, or change the matches, to import it.').waitFor();
      expect(await librarian.getByRole('button', { name: /^Import/ }).count()).toBe(0);
      await checkScreen(librarian, 'survey-preview-bad-rows');
    });

    it('previews the corrected file: columns matched to statements, a blank response left out, the date of the last response', async () => {
      await upload(librarian, CORRECTED_CSV);
      expect(await librarian.locator('#import-preview-title').innerText()).toBe('Preview: 4 responses to import');
      expect(await librarian.locator('#preview-bad-rows').count()).toBe(0);
      await librarian.getByText('Line 7 answers none of the matched statements; it is left out, not counted.').waitFor();
      await librarian.getByText('answered between Mar 16, 2026 and Mar 17, 2026', { exact: false }).waitFor();
      expect(await librarian.locator('#import-column-3').inputValue()).toBe((await itemOf(TRUST)).id);
      expect(await librarian.locator('#import-column-4').inputValue()).toBe((await itemOf(BELONG)).id);
      expect(await librarian.locator('#import-column-5').inputValue()).toBe((await itemOf(HEARD)).id);
      expect(await librarian.locator('#import-column-6').inputValue()).toBe('');
      expect(await librarian.locator('#import-column-0').inputValue()).toBe('');
      expect(await librarian.getByLabel('Date of the evidence').inputValue()).toBe('2026-03-17');
      expect(await librarian.locator('#import-timing legend').innerText()).toBe('When were these answers given? They go to cycle 1 (evidence phase).');
      expect(await librarian.locator('#import-timing-after').isChecked()).toBe(true);
      await checkScreen(librarian, 'survey-preview');
    });

    it('is refused as a whole when a changed mapping makes rows bad: the rows listed, nothing stored', async () => {
      await librarian.getByLabel('Column 7: How connected do you feel to the people around you?').selectOption({ label: CONNECTED });
      await librarian.getByLabel('Column 8: Anything else you want to tell us?').selectOption({ label: TRUST_NEIGHBOURS });
      await librarian.getByRole('button', { name: 'Import 4 responses' }).click();
      const alert = librarian.getByRole('alert');
      await expect(alert.innerText()).resolves.toContain('2 rows cannot be imported (line 2, 5); nothing was stored.');
      expect(await texts(librarian, '#refused-rows li')).toEqual([
        expect.stringMatching(/^Line 2: "Came with my neighbour, she liked it too" is not on the 1–5 scale \(column 8/),
        expect.stringMatching(/^Line 5: "More Saturdays please" is not on the 1–5 scale \(column 8/),
      ]);
      expect((await lib().get(surveyPath('/imports')).expect(200)).body.total).toBe(0);
      expect(await surveyEvidence()).toEqual([]);
      await checkScreen(librarian, 'survey-import-refused');
    });

    it('checks changed matches before importing: the rows they would make bad are listed, and no import is offered', async () => {
      await librarian.getByRole('button', { name: 'Check the file with these matches' }).click();
      await librarian.locator('#preview-bad-rows').waitFor();
      expect(await texts(librarian, '#preview-bad-rows li')).toEqual([
        expect.stringMatching(/^Line 2: "Came with my neighbour, she liked it too" is not on the 1–5 scale \(column 8/),
        expect.stringMatching(/^Line 5: "More Saturdays please" is not on the 1–5 scale \(column 8/),
      ]);
      // The checked preview keeps the librarian's matches, and offers no import while they make rows bad.
      expect(await librarian.locator('#import-column-6').inputValue()).toBe((await itemOf(CONNECTED)).id);
      expect(await librarian.locator('#import-column-7').inputValue()).toBe((await itemOf(TRUST_NEIGHBOURS)).id);
      expect(await librarian.getByRole('button', { name: /^Import/ }).count()).toBe(0);

      await librarian.getByLabel('Column 8: Anything else you want to tell us?').selectOption({ label: 'Do not import' });
      await librarian.getByRole('button', { name: 'Check the file with these matches' }).click();
      await librarian.locator('#preview-bad-rows').waitFor({ state: 'detached' });
      expect(await librarian.locator('#import-column-7').inputValue()).toBe('');
      expect((await lib().get(surveyPath('/imports')).expect(200)).body.total).toBe(0);
    });

    it('imports once the free-text column is left out: one measurement per statement, the response count as sample size', async () => {
      await librarian.getByLabel('Column 8: Anything else you want to tell us?').selectOption({ label: 'Do not import' });
      await librarian.getByRole('button', { name: 'Import 4 responses' }).click();
      await librarian
        .getByText(
          '4 responses imported into Cycle 1: Names and places: 4 measurements added to its evidence, dated Mar 17, 2026. Only the matched columns were stored.',
        )
        .waitFor();
      expect(await librarian.locator('#import-preview-title').count()).toBe(0);

      const imports = (await lib().get(surveyPath('/imports')).expect(200)).body.items;
      expect(imports).toEqual([expect.objectContaining({ cycleId, source: 'google_forms', responses: 4, observedOn: '2026-03-17' })]);
      expect(imports[0].columns.map((col: { column: number }) => col.column)).toEqual([3, 4, 5, 6]);
      const byIndicator = new Map((await surveyEvidence()).map((e) => [e.indicatorId, e]));
      expect(byIndicator.size).toBe(4);
      expect(byIndicator.get((await itemOf(TRUST)).indicatorId)).toMatchObject({ value: 4, sampleSize: imports[0].responses });
      expect(byIndicator.get((await itemOf(CONNECTED)).indicatorId)).toMatchObject({ value: 3.5, sampleSize: 4 });
      // Lee left that question blank.
      expect(byIndicator.get((await itemOf(HEARD)).indicatorId)).toMatchObject({ value: 4, sampleSize: 3 });
    });

    it('shows the import and each outcome with n beside every figure', async () => {
      await librarian.locator('.past-imports li', { hasText: '4 responses from Google Forms into Cycle 1: Names and places, dated Mar 17, 2026' }).waitFor();
      const trustRow = librarian.locator('table.outcomes tr', { has: librarian.getByRole('rowheader', { name: /^Trust in the library/ }) });
      await trustRow.waitFor();
      const cells = await trustRow.locator('td').allInnerTexts();
      expect(cells).toEqual(['No data', 'Cycle 1: 4 (n = 4)', '—', 'After: 1: 0 · 2: 0 · 3: 1 · 4: 2 · 5: 1 (n = 4)']);
      const connection = await librarian
        .locator('table.outcomes tr', { has: librarian.getByRole('rowheader', { name: /^Social connection/ }) })
        .locator('td')
        .allInnerTexts();
      expect(connection[1]).toBe('Cycle 1: 3.5 (n = 4)');
      await checkScreen(librarian, 'survey-imported');
    });

    it('stores nothing of the name, email and free-text columns: not in the evidence, the export or anywhere in the database', async () => {
      const evidenceCsv = (await lib().get(`/api/v1/initiatives/${pilot.initiativeId}/evidence.csv`).expect(200)).text;
      const exported = JSON.stringify((await lib().get(`/api/v1/initiatives/${pilot.initiativeId}/export.json`).expect(200)).body);
      const listed = JSON.stringify((await lib().get(surveyPath('/imports')).expect(200)).body);
      expect(evidenceCsv).toContain('Survey item');
      expect(exported).toContain(TRUST);
      const db = t.app.get(DataSource);
      const tables = { evidenceCsv, exported, listed } as Record<string, string>;
      for (const table of ['survey_imports', 'survey_answers', 'evidence', 'audit_entries'])
        tables[table] = JSON.stringify(await db.query(`SELECT * FROM ${table}`));
      for (const [where, text] of Object.entries(tables)) {
        expect({ where, found: PERSONAL.filter((detail) => text.includes(detail)) }).toEqual({ where, found: [] });
      }
    });

    it('cannot remove a statement that has imported answers: the reason is shown', async () => {
      await librarian.getByRole('button', { name: `Remove “${TRUST}”` }).click();
      await expect(librarian.getByRole('alert').innerText()).resolves.toContain(`"${TRUST}" has 4 imported answers, which would lose their question`);
      expect((await items()).map((i) => i.text)).toContain(TRUST);
    });
    it('says an import needs an open cycle once cycle 1 has closed', async () => {
      const move = (to: string) => lib().post(`/api/v1/cycles/${cycleId}/transitions`, { to }).expect(200);
      await move('reflection');
      await lib()
        .put(`/api/v1/cycles/${cycleId}/reflection`, {
          outcome: 'partly_supported',
          insights: 'Names helped; trust rose a little.',
          decision: 'adapt',
          nextSteps: 'Add a shared snack.',
        })
        .expect(200);
      await move('review');
      await c.as(pilot.coach.token).post(`/api/v1/cycles/${cycleId}/reviews`, { verdict: 'approve', body: 'Approved.' }).expect(201);
      await librarian.reload();
      expect(await heading(librarian)).toBe('Trust survey');
      await upload(librarian, CORRECTED_CSV);
      await librarian
        .locator('section[aria-labelledby="import-preview-title"]')
        .getByText('There is no open cycle to import into. Start the next cycle first.')
        .waitFor();
      // Said before any file is chosen, too.
      expect(await librarian.locator('#import-landing').innerText()).toContain('There is no open cycle to import into. Start the next cycle first.');
      expect(await librarian.getByRole('button', { name: /^Import/ }).count()).toBe(0);
      expect(await librarian.getByLabel('Date of the evidence').count()).toBe(0);
    });
  });

  describe('the coach', () => {
    beforeAll(async () => {
      // Cycle 2 collects evidence and imports a Microsoft Forms file, through the API.
      (t.clock as FixedClock).set('2026-04-22T16:00:00Z');
      const second = (
        await lib()
          .post(`/api/v1/initiatives/${pilot.initiativeId}/cycles`, { title: 'A shared snack', plannedStart: '2026-04-13', plannedEnd: '2026-05-31' })
          .expect(201)
      ).body.id;
      await lib()
        .put(`/api/v1/cycles/${second}/hypothesis`, {
          statement: 'If we share a snack after the round of names, then participants will feel they belong, because they linger and talk.',
          expectedOutcome: 'Belonging scores rise above 4.5',
          indicatorIds: [(await itemOf(BELONG)).indicatorId],
        })
        .expect(200);
      const move = (id: string, to: string) => lib().post(`/api/v1/cycles/${id}/transitions`, { to }).expect(200);
      await move(second, 'adaptation');
      await lib()
        .put(`/api/v1/cycles/${second}/adaptation`, { description: 'A shared snack after the round of names.', implementedOn: '2026-04-14' })
        .expect(200);
      await move(second, 'evidence');
    });

    it('a librarian imports Microsoft Forms’ workbook (.xlsx) from the file picker on a phone', async () => {
      const workbook = new Workbook();
      const sheet = workbook.addWorksheet('Sheet1');
      sheet.addRow(['ID', 'Start time', 'Completion time', 'Email', 'Name', TRUST, BELONG]);
      const at = (day: number, h: number, m: number) => new Date(Date.UTC(2026, 3, day, h, m, 0));
      sheet.addRow([1, at(20, 17, 58), at(20, 18, 1), 'anonymous', null, 'Strongly agree', 'Strongly agree']);
      sheet.addRow([2, at(20, 18, 0), at(20, 18, 3), 'anonymous', null, 'Agree', 'Strongly agree']);
      sheet.addRow([3, at(21, 10, 4), at(21, 10, 6), 'anonymous', null, 'Strongly agree', 'Agree']);
      const page = (await openAs(browser, base, PHONE, t.clock.now())).page;
      await signIn(page, pilot.librarian.email, PASSWORD);
      await page.goto(`/initiatives/${pilot.initiativeId}/survey`);
      await page.locator('#import-file').setInputFiles({
        name: 'Neighbours Night(1-3).xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
      });
      await page.getByText('Chosen: Neighbours Night(1-3).xlsx, an Excel workbook.', { exact: false }).waitFor();
      await page.getByRole('button', { name: 'Preview' }).click();
      expect(await page.locator('#import-preview-title').innerText()).toBe('Preview: 3 responses to import');
      await page.getByText('Read from an Excel workbook (its first sheet). Dates are written year first', { exact: false }).waitFor();
      await page.getByText('answered between Apr 20, 2026 and Apr 21, 2026', { exact: false }).waitFor();
      await checkScreen(page, 'survey-preview-workbook');
      await page.getByRole('button', { name: 'Import 3 responses' }).click();
      await page
        .getByText('3 responses imported into Cycle 2: A shared snack: 2 measurements added to its evidence, dated Apr 21, 2026.', { exact: false })
        .waitFor();
      await page.close();
    });

    it('reads the survey, its imports and outcomes before and after, and cannot change or import anything', async () => {
      const coach = (await openAs(browser, base, DESKTOP, t.clock.now())).page;
      await signIn(coach, pilot.coach.email, PASSWORD);
      await coach.goto(`/initiatives/${pilot.initiativeId}`);
      expect(await heading(coach)).toBe('Neighbours Night');
      await coach.getByRole('link', { name: 'Open the trust survey' }).click();
      await coach.waitForURL(`${base}/initiatives/${pilot.initiativeId}/survey`);
      expect(await heading(coach)).toBe('Trust survey');
      await coach.getByText('Librarians of this initiative change the statements and import the responses.', { exact: false }).waitFor();
      expect(await coach.locator('.survey-statement').allInnerTexts()).toContain(CONNECTED);
      await coach.locator('.past-imports li', { hasText: '4 responses from Google Forms' }).waitFor();
      await coach.locator('.past-imports li', { hasText: '3 responses from Microsoft Forms into Cycle 2: A shared snack, dated Apr 21, 2026' }).waitFor();
      const belonging = coach.locator('table.outcomes tr', { has: coach.getByRole('rowheader', { name: /^Belonging/ }) });
      expect(await belonging.locator('td').allInnerTexts()).toEqual([
        'Cycle 1: 4 (n = 4)',
        'Cycle 2: 4.67 (n = 3)',
        '+0.67 (n = 4 → 3)',
        expect.stringMatching(/^Before: 1: 0 · 2: 0 · 3: 1 · 4: 2 · 5: 1 \(n = 4\)\s+After: 1: 0 · 2: 0 · 3: 0 · 4: 1 · 5: 2 \(n = 3\)$/),
      ]);
      expect(await coach.getByRole('heading', { name: 'Import responses' }).count()).toBe(0);
      expect(await coach.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
      expect(await coach.getByText('Add a statement').count()).toBe(0);
      expect(await coach.locator('input[type="file"]').count()).toBe(0);
      await checkScreen(coach, 'survey-coach');
    });
  });
});
