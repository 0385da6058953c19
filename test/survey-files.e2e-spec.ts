import { Workbook } from 'exceljs';
import { FixedClock } from '@r2c/core';
import { ADMIN_ENV, Coalition, Person } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

const TRUST = 'I trust the library.';
const BELONG = 'I feel welcome and that I belong here.';
const STAFF = 'The library’s staff know my name.';

/** What Excel on Windows writes for "Save as CSV" (Windows-1252): a curly apostrophe is the byte 0x92. */
const asWindows1252 = (text: string) => Buffer.from([...text].map((ch) => ({ '’': 0x92, é: 0xe9, ü: 0xfc })[ch as '’'] ?? ch.charCodeAt(0)));

/** Microsoft Forms' "Open results in Excel": one sheet, real date cells, Likert answers as labels. */
async function microsoftFormsWorkbook(): Promise<string> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(['ID', 'Start time', 'Completion time', 'Email', 'Name', TRUST, BELONG]);
  const at = (d: number, h: number, m: number) => new Date(Date.UTC(2026, 3, d, h, m, 0));
  sheet.addRow([1, at(20, 17, 58), at(20, 18, 1), 'anonymous', null, 'Strongly agree', 'Agree']);
  sheet.addRow([2, at(20, 18, 0), at(20, 18, 3), 'anonymous', null, 'Agree', 'Strongly agree']);
  sheet.addRow([3, at(21, 10, 4), at(21, 10, 6), 'anonymous', null, 'Strongly agree', 'Agree']);
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

describe('survey files as other tools write them: Excel workbooks, day-first dates, Windows-1252', () => {
  let t: TestApp;
  let c: Coalition;
  let pilot: { initiativeId: string; librarian: Person };
  let items: { id: string; text: string; indicatorId: string }[];
  let cycleId: string;

  const lib = () => c.as(pilot.librarian.token);
  const survey = (path = '') => `/api/v1/initiatives/${pilot.initiativeId}/survey${path}`;
  const itemOf = (text: string) => items.find((i) => i.text === text)!;
  const preview = async (body: object) => (await lib().post(survey('/imports/preview'), body).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV, withWorkers: false, clock: new FixedClock(new Date('2026-04-22T16:00:00Z')) });
    c = new Coalition(t);
    await c.signInAdmin();
    pilot = await c.pilot();
    items = (await lib().post(survey('/starter')).expect(201)).body.items;
    const staff = await lib()
      .post(survey('/items'), { text: STAFF, outcome: 'Belonging', indicatorId: itemOf(BELONG).indicatorId })
      .expect(201);
    items.push(staff.body);
    cycleId = (
      await lib()
        .post(`/api/v1/initiatives/${pilot.initiativeId}/cycles`, { title: 'Names first', plannedStart: '2026-03-02', plannedEnd: '2026-06-30' })
        .expect(201)
    ).body.id;
    await lib()
      .put(`/api/v1/cycles/${cycleId}/hypothesis`, {
        statement: 'If we open each gathering with a round of names, then participants will feel they belong, because they are known.',
        expectedOutcome: 'Belonging scores rise',
        rationale: 'Participants said they felt like strangers.',
        indicatorIds: [itemOf(BELONG).indicatorId],
      })
      .expect(200);
    await lib().post(`/api/v1/cycles/${cycleId}/transitions`, { to: 'adaptation' }).expect(200);
    await lib().put(`/api/v1/cycles/${cycleId}/adaptation`, { description: 'A round of names opens each gathering.', implementedOn: '2026-03-01' }).expect(200);
    await lib().post(`/api/v1/cycles/${cycleId}/transitions`, { to: 'evidence' }).expect(200);
  });
  afterAll(async () => t?.close());

  it('imports a Microsoft Forms workbook (.xlsx) like its CSV', async () => {
    const xlsx = await microsoftFormsWorkbook();
    const seen = await preview({ xlsx });
    expect(seen).toMatchObject({
      file: { kind: 'xlsx', encoding: 'utf-8', unreadableLines: [] },
      source: 'microsoft_forms',
      responses: 3,
      responseDates: { first: '2026-04-20', last: '2026-04-21' },
      dates: { format: 'iso' },
      readyToImport: true,
    });
    const done = await lib().post(survey('/imports'), { xlsx, cycleId, mapping: seen.mapping }).expect(201);
    expect(done.body.import).toMatchObject({ source: 'microsoft_forms', responses: 3, observedOn: '2026-04-21' });
    const trust = done.body.evidence.find((e: { text: string }) => e.text.includes(TRUST));
    expect(trust).toMatchObject({ value: 4.67, sampleSize: 3 });
  });

  it('refuses a file that is not a workbook in words, naming the field', async () => {
    const res = await lib()
      .post(survey('/imports/preview'), { xlsx: Buffer.from('Timestamp,Q\n').toString('base64') })
      .expect(400);
    expect(res.body.message).toMatch(/not an Excel workbook/);
    expect(res.body.details[0].field).toBe('xlsx');
    const both = await lib().post(survey('/imports/preview'), { csv: 'Timestamp,Q\n', xlsx: 'AAAA' }).expect(400);
    expect(both.body.message).toMatch(/Send the responses once/);
  });

  it('reads day-first dates from a UK or EU spreadsheet as day-first, and says so', async () => {
    const csv = ['Timestamp,' + TRUST, '02/03/2026 10:00:00,4', '16/03/2026 18:02:11,5', '09/03/2026 11:30:00,3'].join('\n');
    const seen = await preview({ csv });
    expect(seen.dates).toMatchObject({ format: 'day_first', chosen: false, ambiguous: false });
    expect(seen.responseDates).toEqual({ first: '2026-03-02', last: '2026-03-16' });
    expect(seen.readyToImport).toBe(true);
    const done = await lib().post(survey('/imports'), { csv, cycleId, mapping: seen.mapping }).expect(201);
    expect(done.body.import.observedOn).toBe('2026-03-16');
  });

  it('will not guess when the dates could be read either way: the librarian chooses', async () => {
    const csv = ['Timestamp,' + TRUST, '02/03/2026 10:00:00,4', '05/03/2026 18:02:11,5'].join('\n');
    const unsure = await preview({ csv });
    expect(unsure.dates).toMatchObject({ format: null, ambiguous: true, example: '02/03/2026 10:00:00' });
    expect(unsure.readyToImport).toBe(false);
    expect(unsure.responseDates).toBeNull();
    expect(unsure.warnings.join(' ')).toMatch(/could be read two ways/);
    const refused = await lib().post(survey('/imports'), { csv, cycleId, mapping: unsure.mapping }).expect(400);
    expect(refused.body.details[0].field).toBe('dateOrder');

    const chosen = await preview({ csv, dateOrder: 'day_first' });
    expect(chosen.dates).toMatchObject({ format: 'day_first', chosen: true });
    expect(chosen.responseDates).toEqual({ first: '2026-03-02', last: '2026-03-05' });
    expect(chosen.readyToImport).toBe(true);
    const usDates = await preview({ csv, dateOrder: 'month_first' });
    expect(usDates.responseDates).toEqual({ first: '2026-02-03', last: '2026-05-03' });
    await lib().post(survey('/imports/preview'), { csv, dateOrder: 'sideways' }).expect(400);
  });

  it('reads Excel’s Windows-1252 CSV correctly, and says how it was read', async () => {
    const csvFile = asWindows1252(['Timestamp,' + STAFF, '3/16/2026 18:02,Agree', '3/17/2026 10:12,Strongly agree'].join('\r\n')).toString('base64');
    const seen = await preview({ csvFile });
    expect(seen.file).toEqual({ kind: 'csv', encoding: 'windows-1252', unreadableLines: [] });
    expect(seen.warnings.join(' ')).toMatch(/saved as Windows-1252/);
    expect(seen.mapping).toEqual([{ column: 1, itemId: itemOf(STAFF).id }]);
    expect(seen.readyToImport).toBe(true);
  });

  it('never says ready when characters were lost before the file reached it, and names the column left unmatched', async () => {
    const bytes = asWindows1252(['Timestamp,' + STAFF + ',' + TRUST, '3/16/2026 18:02,Agree,4', '3/17/2026 10:12,Strongly agree,5'].join('\n'));
    const lost = await preview({ csv: bytes.toString('utf8') });
    expect(lost.file.unreadableLines).toEqual([1]);
    expect(lost.mapping).toEqual([{ column: 2, itemId: itemOf(TRUST).id }]);
    expect(lost.readyToImport).toBe(false);
    const warnings = lost.warnings.join(' ');
    expect(warnings).toMatch(/Line 1 has characters that could not be read/);
    expect(warnings).toMatch(/Column 2 \(“The library\uFFFDs staff know my name\.”\) holds answers like a survey item’s but is matched to none/);
    const refused = await lib()
      .post(survey('/imports'), { csv: bytes.toString('utf8'), cycleId, mapping: lost.mapping })
      .expect(400);
    expect(refused.body.message).toMatch(/could not be read/);
  });
});
