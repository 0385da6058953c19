import { DataSource } from 'typeorm';
import { FixedClock } from '@r2c/core';
import { SummariesService } from '@r2c/reports';
import { SummaryRequest } from '@r2c/reports/entities';
import { ADMIN_ENV, Coalition, Person } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

const TRUST = 'I trust the library.';
const BELONG = 'I feel welcome and that I belong here.';
const HEARD = 'The library listens to people like me.';

/** A Google Forms export: a timestamp, personal details the form should never have asked, two grid rows, one linear scale. */
const header = `Timestamp,Your name,Email address,Phone number,How much do you agree? [${TRUST}],How much do you agree? [${BELONG}],The library listens to people like me,Anything else you want to tell us?`;
const GOOD_ROWS = [
  '3/16/2026 18:02:11,Ana Ruiz,ana.ruiz@example.org,(503) 555-0199,5,Agree,4,"Came with my neighbour,',
  'she liked it too"',
  '3/16/2026 18:05:40,Sam Okafor,sam@example.org,503-555-0123,4,Strongly agree,5,',
  '3/17/2026 10:12:03,,,,3,Neither agree nor disagree,3,More Saturdays please',
  '3/17/2026 10:30:55,Lee,,,4,4,,',
];
const BAD_ROWS = ['3/17/2026 11:00:00,Kim,kim@example.org,,7,Agree,4,', '3/18/2026 09:00:00,,,,4,Sometimes,5,', '3/18/2026 09:10:00,,,,4'];
const FORMS_CSV_WITH_BAD_ROWS = [header, ...GOOD_ROWS, ...BAD_ROWS].join('\n');
const FORMS_CSV = [header, ...GOOD_ROWS].join('\n');
const PERSONAL = ['Ana Ruiz', 'ana.ruiz@example.org', '555-0199', 'Sam Okafor', 'sam@example.org', '555-0123', 'Came with my neighbour', 'More Saturdays'];

/** A Microsoft Forms export (saved as CSV): Likert rows as columns, answers as labels. */
const MICROSOFT_CSV = [
  `ID,Start time,Completion time,Email,Name,${TRUST},${BELONG},${HEARD}`,
  '1,4/20/26 17:58:02,4/20/26 18:01:40,anonymous,,Strongly agree,Strongly agree,Agree',
  '2,4/20/26 18:00:10,4/20/26 18:03:12,anonymous,,Agree,Strongly agree,Strongly agree',
  '3,4/21/26 10:04:51,4/21/26 10:06:33,anonymous,,Strongly agree,Agree,Agree',
].join('\r\n');

describe('the trust survey and its Forms import', () => {
  let t: TestApp;
  let c: Coalition;
  let pilot: { libraryId: string; initiativeId: string; librarian: Person; coach: Person };
  let items: { id: string; text: string; outcome: string; indicatorId: string; indicatorName: string }[];
  let cycleId: string;

  const lib = () => c.as(pilot.librarian.token);
  const survey = (path = '') => `/api/v1/initiatives/${pilot.initiativeId}/survey${path}`;
  const itemOf = (text: string) => items.find((i) => i.text === text)!;
  const db = () => t.app.get(DataSource);
  const countOf = async (table: string) => Number((await db().query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const everything = async (table: string) => JSON.stringify(await db().query(`SELECT * FROM ${table}`));

  async function cycleInEvidence(title: string, start: string): Promise<string> {
    const id = (await lib().post(`/api/v1/initiatives/${pilot.initiativeId}/cycles`, { title, plannedStart: start, plannedEnd: '2026-06-30' }).expect(201)).body
      .id;
    await lib()
      .put(`/api/v1/cycles/${id}/hypothesis`, {
        statement:
          'If we open each gathering with a round of names and where people are from, then participants will feel they belong, because they are known.',
        expectedOutcome: 'Belonging scores rise from 3.5 to 4.2',
        rationale: 'Participants said they felt like strangers.',
        indicatorIds: [itemOf(BELONG).indicatorId],
      })
      .expect(200);
    return id;
  }
  const move = (id: string, to: string) => lib().post(`/api/v1/cycles/${id}/transitions`, { to }).expect(200);
  const mappingOf = (preview: { mapping: { column: number; itemId: string }[] }) => preview.mapping;

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV, withWorkers: false, clock: new FixedClock(new Date('2026-03-20T16:00:00Z')) });
    c = new Coalition(t);
    await c.signInAdmin();
    pilot = await c.pilot();
  });
  afterAll(async () => t?.close());

  describe('the instrument', () => {
    it('ships a starter set on the social-cohesion outcomes, and adopts it with its 1–5 indicators in one call', async () => {
      const catalogue = await lib().get('/api/v1/survey-starter-items').expect(200);
      expect(catalogue.body.items.map((i: { outcome: string }) => i.outcome)).toEqual(
        expect.arrayContaining(['Trust in the library', 'Belonging', 'Feeling heard', 'Bridging across differences']),
      );
      await lib().post(`/api/v1/initiatives/${pilot.initiativeId}/indicators`, { templateKey: 'trust_in_library', baseline: 3.4 }).expect(201);
      const adopted = await lib().post(survey('/starter')).expect(201);
      items = adopted.body.items;
      expect(items).toHaveLength(catalogue.body.total);
      expect(itemOf(TRUST)).toMatchObject({ outcome: 'Trust in the library', indicatorName: 'I trust the library', position: 1 });
      const indicators = (await lib().get(`/api/v1/initiatives/${pilot.initiativeId}/indicators?limit=100`).expect(200)).body.items;
      // The indicator the pilot had already adopted is reused, not doubled.
      expect(indicators.filter((i: { templateKey: string }) => i.templateKey === 'trust_in_library')).toHaveLength(1);
      expect(indicators.find((i: { name: string }) => i.name === 'Bridging across differences')).toMatchObject({ kind: 'scale_1_5' });
      // Adopting again adds nothing.
      expect((await lib().post(survey('/starter')).expect(201)).body.items).toHaveLength(items.length);
    });

    it('is edited by librarians: scale labels, a new item, its wording and place, and its removal', async () => {
      await lib()
        .put(survey(), {
          title: 'After the gathering',
          scaleLabels: ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'],
        })
        .expect(200);
      const added = await lib()
        .post(survey('/items'), { text: 'I would bring a friend next time.', outcome: 'Belonging', indicatorId: itemOf(BELONG).indicatorId })
        .expect(201);
      expect(added.body.position).toBe(items.length + 1);
      const moved = await lib()
        .patch(survey(`/items/${added.body.id}`), { text: 'I would bring a friend or neighbour next time.', position: 1 })
        .expect(200);
      expect(moved.body).toMatchObject({
        position: 1,
        text: 'I would bring a friend or neighbour next time.',
        outcome: 'Belonging',
        indicatorId: itemOf(BELONG).indicatorId,
      });
      const view = (await lib().get(survey()).expect(200)).body;
      expect(view.title).toBe('After the gathering');
      expect(view.items.map((i: { position: number }) => i.position)).toEqual(view.items.map((_: unknown, n: number) => n + 1));
      await lib()
        .delete(survey(`/items/${added.body.id}`))
        .expect(204);
      expect((await lib().get(survey()).expect(200)).body.items.map((i: { id: string }) => i.id)).toEqual(items.map((i) => i.id));
    });

    it('refuses an item on a count indicator, a duplicate wording and five-less scale labels with 400/409', async () => {
      const attendance = (await lib().post(`/api/v1/initiatives/${pilot.initiativeId}/indicators`, { templateKey: 'attendance' }).expect(201)).body.id;
      const count = await lib().post(survey('/items'), { text: 'How many came?', outcome: 'Reach', indicatorId: attendance }).expect(400);
      expect(count.body.message).toMatch(/scale_1_5/);
      await lib()
        .post(survey('/items'), { text: 'i trust the library', outcome: 'Trust in the library', indicatorId: itemOf(TRUST).indicatorId })
        .expect(409);
      const labels = await lib()
        .put(survey(), { scaleLabels: ['No', 'Yes'] })
        .expect(400);
      expect(labels.body.details[0].field).toBe('scaleLabels');
    });

    it('is read by the coach, not changed (403), and hidden from other initiatives (404)', async () => {
      await c.as(pilot.coach.token).get(survey()).expect(200);
      await c
        .as(pilot.coach.token)
        .post(survey('/items'), { text: 'x', outcome: 'y', indicatorId: itemOf(TRUST).indicatorId })
        .expect(403);
      await c.as(pilot.coach.token).post(survey('/imports/preview'), { csv: FORMS_CSV }).expect(403);
      const outsider = await c.person('librarian');
      await c.as(outsider.token).get(survey()).expect(404);
      await c.as(outsider.token).post(survey('/imports/preview'), { csv: FORMS_CSV }).expect(404);
    });
  });

  describe('importing responses', () => {
    beforeAll(async () => {
      cycleId = await cycleInEvidence('Names and places', '2026-03-02');
    });

    it('refuses an import into a cycle that is not yet collecting evidence (409), storing nothing', async () => {
      const preview = (await lib().post(survey('/imports/preview'), { csv: FORMS_CSV }).expect(200)).body;
      const res = await lib()
        .post(survey('/imports'), { csv: FORMS_CSV, cycleId, mapping: mappingOf(preview) })
        .expect(409);
      expect(res.body.message).toMatch(/Cycle 1 is in the hypothesis phase: answers from after the change can be imported from the evidence phase on/);
      await move(cycleId, 'adaptation');
      await lib()
        .put(`/api/v1/cycles/${cycleId}/adaptation`, {
          description: 'A round of names and where people are from opens each gathering.',
          implementedOn: '2026-03-09',
        })
        .expect(200);
      await move(cycleId, 'evidence');
    });

    it('previews a Forms CSV: columns mapped to items by wording, personal columns flagged, bad rows listed by line', async () => {
      const res = await lib().post(survey('/imports/preview'), { csv: FORMS_CSV_WITH_BAD_ROWS }).expect(200);
      const preview = res.body;
      expect(preview.source).toBe('google_forms');
      expect(preview.columns.map((col: { header: string; itemId: string | null; match: string | null }) => [col.itemId, col.match])).toEqual([
        [null, null],
        [null, null],
        [null, null],
        [null, null],
        [itemOf(TRUST).id, 'bracketed'],
        [itemOf(BELONG).id, 'bracketed'],
        [itemOf(HEARD).id, 'exact'],
        [null, null],
      ]);
      expect(preview.privacyFlags.map((f: { column: number; kind: string }) => [f.column, f.kind])).toEqual([
        [1, 'name'],
        [2, 'email'],
        [3, 'phone'],
      ]);
      expect(preview.badRows).toEqual([
        { line: 7, reasons: [expect.stringContaining('"7" is not on the 1–5 scale (column 5')] },
        { line: 8, reasons: [expect.stringContaining('"Sometimes" is not on the 1–5 scale (column 6')] },
        { line: 9, reasons: ['has 5 fields where the header row has 8'] },
      ]);
      expect(preview).toMatchObject({ rows: 7, responses: 4, readyToImport: false, responseDates: { first: '2026-03-16', last: '2026-03-17' } });
      expect(preview.unmatchedItems.map((i: { text: string }) => i.text)).not.toContain(TRUST);
      // The preview never echoes what the personal columns hold.
      for (const detail of PERSONAL.slice(0, 6)) expect(JSON.stringify(preview)).not.toContain(detail);
    });

    it('refuses the whole file while any row is bad, listing each line, and stores nothing', async () => {
      const preview = (await lib().post(survey('/imports/preview'), { csv: FORMS_CSV_WITH_BAD_ROWS }).expect(200)).body;
      const before = {
        evidence: await countOf('evidence'),
        imports: await countOf('survey_imports'),
        answers: await countOf('survey_answers'),
        audit: await countOf('audit_entries'),
      };
      const res = await lib()
        .post(survey('/imports'), { csv: FORMS_CSV_WITH_BAD_ROWS, cycleId, mapping: mappingOf(preview) })
        .expect(400);
      expect(res.body.message).toMatch(/3 rows cannot be imported \(line 7, 8, 9\); nothing was stored/);
      expect(res.body.details.map((d: { line: number }) => d.line)).toEqual([7, 8, 9]);
      expect({
        evidence: await countOf('evidence'),
        imports: await countOf('survey_imports'),
        answers: await countOf('survey_answers'),
        audit: await countOf('audit_entries'),
      }).toEqual(before);
    });

    it('previews with the librarian’s own mapping: the rows are checked against it, as the import would', async () => {
      const trust = itemOf(TRUST).id;
      const heard = itemOf(HEARD).id;
      // The free-text column (7) mapped to an item: its words are not on the scale, so lines 2 and 5 would stop the import.
      const handMapped = (
        await lib()
          .post(survey('/imports/preview'), {
            csv: FORMS_CSV,
            mapping: [
              { column: 4, itemId: trust },
              { column: 7, itemId: heard },
            ],
          })
          .expect(200)
      ).body;
      expect(handMapped.mapping).toEqual([
        { column: 4, itemId: trust },
        { column: 7, itemId: heard },
      ]);
      expect(handMapped.columns.map((col: { itemId: string | null; match: string | null }) => [col.itemId, col.match])).toEqual([
        [null, null],
        [null, null],
        [null, null],
        [null, null],
        [trust, 'bracketed'],
        [null, null],
        [null, null],
        [heard, null],
      ]);
      expect(handMapped.badRows.map((r: { line: number }) => r.line)).toEqual([2, 5]);
      expect(handMapped.readyToImport).toBe(false);
      expect(handMapped.unmatchedItems.map((i: { text: string }) => i.text)).toEqual(expect.arrayContaining([BELONG]));
      // A refused answer is quoted (briefly) so the librarian can find it; names, emails and phone numbers never come back.
      expect(handMapped.badRows[1].reasons).toEqual(['"More Saturdays please" is not on the 1–5 scale (column 8, "Anything else you want to tell us?")']);
      for (const detail of PERSONAL.slice(0, 6)) expect(JSON.stringify(handMapped)).not.toContain(detail);

      const narrowed = (
        await lib()
          .post(survey('/imports/preview'), { csv: FORMS_CSV, mapping: [{ column: 4, itemId: trust }] })
          .expect(200)
      ).body;
      expect(narrowed).toMatchObject({ badRows: [], responses: 4, readyToImport: true });
      const personal = await lib()
        .post(survey('/imports/preview'), { csv: FORMS_CSV, mapping: [{ column: 2, itemId: trust }] })
        .expect(400);
      expect(personal.body.details[0]).toMatchObject({ field: 'mapping.0.column', problems: [expect.stringMatching(/patron details are never stored/)] });
    });

    it('refuses to map a column of names, email addresses or phone numbers, and an unreadable file', async () => {
      const res = await lib()
        .post(survey('/imports'), { csv: FORMS_CSV, cycleId, mapping: [{ column: 2, itemId: itemOf(TRUST).id }] })
        .expect(400);
      expect(res.body.details[0]).toMatchObject({ field: 'mapping.0.column', problems: [expect.stringMatching(/patron details are never stored/)] });
      await lib()
        .post(survey('/imports'), { csv: FORMS_CSV, cycleId, mapping: [{ column: 42, itemId: itemOf(TRUST).id }] })
        .expect(400);
      const broken = await lib().post(survey('/imports/preview'), { csv: 'Timestamp,Q\n"3/16/2026,4\n' }).expect(400);
      expect(broken.body.details[0]).toMatchObject({ field: 'csv', line: 2 });
      await lib()
        .post(survey('/imports'), { csv: FORMS_CSV, cycleId: pilot.initiativeId, mapping: [{ column: 4, itemId: itemOf(TRUST).id }] })
        .expect(400);
    });

    it('imports a clean file as one measurement per item: mean, response count as sample size, method survey', async () => {
      const preview = (await lib().post(survey('/imports/preview'), { csv: FORMS_CSV }).expect(200)).body;
      expect(preview).toMatchObject({ readyToImport: true, badRows: [], responses: 4 });
      const res = await lib()
        .post(survey('/imports'), { csv: FORMS_CSV, cycleId, mapping: mappingOf(preview) })
        .expect(201);
      expect(res.body.import).toMatchObject({ cycleId, source: 'google_forms', observedOn: '2026-03-17', responses: 4 });
      const byIndicator = (id: string) => res.body.evidence.find((e: { indicatorId: string }) => e.indicatorId === id);
      expect(res.body.evidence).toHaveLength(3);
      expect(byIndicator(itemOf(TRUST).indicatorId)).toMatchObject({
        kind: 'measurement',
        value: 4,
        sampleSize: 4,
        method: 'survey',
        source: 'Google Forms import 2026-03-20',
        observedOn: '2026-03-17',
      });
      // Labels and numbers alike: Agree (4), Strongly agree (5), Neither (3), 4.
      expect(byIndicator(itemOf(BELONG).indicatorId)).toMatchObject({ value: 4, sampleSize: 4, text: expect.stringContaining('3: 1 · 4: 2 · 5: 1') });
      // Lee left the last question blank: three answers.
      expect(byIndicator(itemOf(HEARD).indicatorId)).toMatchObject({ value: 4, sampleSize: 3 });

      const cycle = (await lib().get(`/api/v1/cycles/${cycleId}`).expect(200)).body;
      expect(cycle.evidence.filter((e: { method: string }) => e.method === 'survey')).toHaveLength(3);
      const listed = (await c.as(pilot.coach.token).get(survey('/imports')).expect(200)).body;
      expect(listed.items.map((i: { id: string }) => i.id)).toEqual([res.body.import.id]);
    });

    it('stores only the mapped columns: no name, email address, phone number or free-text answer anywhere', async () => {
      expect(await countOf('survey_answers')).toBe(11);
      for (const table of ['survey_imports', 'survey_answers', 'evidence', 'audit_entries', 'survey_items', 'survey_instruments']) {
        const stored = await everything(table);
        for (const detail of PERSONAL) expect({ table, found: stored.includes(detail) ? detail : null }).toEqual({ table, found: null });
      }
      const [row] = await db().query('SELECT columns FROM survey_imports');
      expect(JSON.parse(row.columns).map((col: { header: string }) => col.header)).toEqual([
        `How much do you agree? [${TRUST}]`,
        `How much do you agree? [${BELONG}]`,
        'The library listens to people like me',
      ]);
    });
  });

  describe('before and after per outcome', () => {
    it('imports a Microsoft Forms file into the next cycle and shows each outcome before and after, with n and the count per point', async () => {
      await move(cycleId, 'reflection');
      await lib()
        .put(`/api/v1/cycles/${cycleId}/reflection`, {
          outcome: 'partly_supported',
          insights: 'Names helped; belonging rose a little.',
          decision: 'adapt',
          nextSteps: 'Add a shared snack.',
        })
        .expect(200);
      await move(cycleId, 'review');
      await c.as(pilot.coach.token).post(`/api/v1/cycles/${cycleId}/reviews`, { verdict: 'approve', body: 'Approved.' }).expect(201);
      (t.clock as FixedClock).set('2026-04-22T16:00:00Z');
      const second = await cycleInEvidence('Names, places and a shared snack', '2026-04-13');
      await move(second, 'adaptation');
      await lib()
        .put(`/api/v1/cycles/${second}/adaptation`, { description: 'A shared snack after the round of names.', implementedOn: '2026-04-14' })
        .expect(200);
      await move(second, 'evidence');

      const preview = (await lib().post(survey('/imports/preview'), { csv: MICROSOFT_CSV }).expect(200)).body;
      // "Email" and "Name" are flagged by their header even when the form kept them anonymous.
      expect(preview).toMatchObject({
        source: 'microsoft_forms',
        responses: 3,
        readyToImport: true,
        responseDates: { first: '2026-04-20', last: '2026-04-21' },
      });
      expect(preview.privacyFlags.map((f: { header: string }) => f.header)).toEqual(['Email', 'Name']);
      const res = await lib().post(survey('/imports'), { csv: MICROSOFT_CSV, cycleId: second, mapping: preview.mapping, observedOn: '2026-04-21' }).expect(201);
      expect(res.body.evidence[0]).toMatchObject({ source: 'Microsoft Forms import 2026-04-22', observedOn: '2026-04-21', sampleSize: 3 });

      const outcomes = (await c.as(pilot.coach.token).get(survey('/outcomes')).expect(200)).body.outcomes;
      const belonging = outcomes.find((o: { outcome: string }) => o.outcome === 'Belonging');
      expect(belonging.before).toMatchObject({ cycleNumber: 1, mean: 4, n: 4, distribution: { 1: 0, 2: 0, 3: 1, 4: 2, 5: 1 } });
      expect(belonging.after).toMatchObject({ cycleNumber: 2, mean: 4.67, n: 3, distribution: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 2 } });
      expect(belonging.change).toBe(0.67);
      const trust = outcomes.find((o: { outcome: string }) => o.outcome === 'Trust in the library');
      expect(trust).toMatchObject({ before: { mean: 4, n: 4 }, after: { mean: 4.67, n: 3 } });
      const asOfFirst = (
        await lib()
          .get(survey(`/outcomes?cycleId=${cycleId}`))
          .expect(200)
      ).body.outcomes.find((o: { outcome: string }) => o.outcome === 'Belonging');
      expect(asOfFirst).toMatchObject({ before: null, after: { cycleNumber: 1 }, change: null });
    });

    it('puts each outcome’s before and after into the summary of the cycle that closes, with n and the count per point', async () => {
      const second = (await lib().get(`/api/v1/initiatives/${pilot.initiativeId}/cycles`).expect(200)).body.items.find(
        (x: { number: number }) => x.number === 2,
      ).id;
      await move(second, 'reflection');
      await lib()
        .put(`/api/v1/cycles/${second}/reflection`, {
          outcome: 'supported',
          insights: 'Belonging rose from 4 to 4.67 as we expected.',
          decision: 'continue',
          nextSteps: 'Keep the snack.',
        })
        .expect(200);
      await move(second, 'review');
      await c.as(pilot.coach.token).post(`/api/v1/cycles/${second}/reviews`, { verdict: 'approve', body: 'Approved.' }).expect(201);
      // No workers in this suite: compile the summary request the approval wrote, as the worker would.
      const [request] = await db().getRepository(SummaryRequest).findBy({ cycleId: second });
      await t.app.get(SummariesService).compile(request.id);

      const summary = (await lib().get(`/api/v1/cycles/${second}/summary?format=json`).expect(200)).body;
      const belonging = summary.outcomes.find((o: { outcome: string }) => o.outcome === 'Belonging');
      expect(belonging).toMatchObject({
        before: { cycleNumber: 1, mean: 4, n: 4 },
        after: { cycleNumber: 2, mean: 4.67, n: 3, distribution: { 4: 1, 5: 2 } },
        change: 0.67,
      });
      const markdown = (await lib().get(`/api/v1/cycles/${second}/summary?format=md`).expect(200)).text;
      expect(markdown).toContain('| Belonging | 4 (cycle 1, n=4) | 4.67 (cycle 2, n=3) | +0.67 | 1: 0 · 2: 0 · 3: 0 · 4: 1 · 5: 2 |');
    });

    it('refuses to remove an item that has imported answers (409)', async () => {
      const res = await lib()
        .delete(survey(`/items/${itemOf(TRUST).id}`))
        .expect(409);
      expect(res.body.message).toMatch(/imported answers/);
    });
  });

  describe('size quotas', () => {
    let quota: { initiativeId: string; librarian: Person };
    let trustItem: string;
    let quotaCycle: string;
    const as = () => c.as(quota.librarian.token);
    const quotaSurvey = (path: string) => `/api/v1/initiatives/${quota.initiativeId}/survey${path}`;
    /** A file of `rows` responses to one statement, built here rather than kept as a fixture. */
    const fileOf = (rows: number) =>
      [`Timestamp,${TRUST}`, ...Array.from({ length: rows }, (_, i) => `3/16/2026 18:${String(i % 60).padStart(2, '0')}:00,${(i % 5) + 1}`)].join('\n');
    const importOf = (csv: string) => as().post(quotaSurvey('/imports'), { csv, cycleId: quotaCycle, mapping: [{ column: 1, itemId: trustItem }] });
    const importedRows = async () => {
      const placeholder = db().options.type === 'postgres' ? '$1' : '?';
      return Number((await db().query(`SELECT COALESCE(SUM(responses), 0) AS n FROM survey_imports WHERE cycle_id = ${placeholder}`, [quotaCycle]))[0].n);
    };

    beforeAll(async () => {
      quota = await c.pilot();
      const adopted = (await as().post(quotaSurvey('/starter')).expect(201)).body.items;
      const trust = adopted.find((i: { text: string }) => i.text === TRUST);
      trustItem = trust.id;
      quotaCycle = (
        await as()
          .post(`/api/v1/initiatives/${quota.initiativeId}/cycles`, { title: 'Many voices', plannedStart: '2026-03-02', plannedEnd: '2026-06-30' })
          .expect(201)
      ).body.id;
      await as()
        .put(`/api/v1/cycles/${quotaCycle}/hypothesis`, {
          statement: 'If we ask every visitor, then we will hear from people who never come to meetings, because the survey meets them where they are.',
          expectedOutcome: 'Trust scores rise from 3.5 to 4',
          rationale: 'Meetings draw the same few people.',
          indicatorIds: [trust.indicatorId],
        })
        .expect(200);
      await as().post(`/api/v1/cycles/${quotaCycle}/transitions`, { to: 'adaptation' }).expect(200);
      await as()
        .put(`/api/v1/cycles/${quotaCycle}/adaptation`, { description: 'A tablet with the survey at the desk.', implementedOn: '2026-03-09' })
        .expect(200);
      await as().post(`/api/v1/cycles/${quotaCycle}/transitions`, { to: 'evidence' }).expect(200);
    });

    it('refuses a file of more than 5,000 answer rows in the preview and in the import, stating the cap (400); 5,000 is fine', async () => {
      const csv = fileOf(5214);
      const cap =
        'This file has 5,214 answer rows; one import takes at most 5,000. Split the file into parts of at most 5,000 rows, each with the header row, and import them one after the other.';
      const preview = await as().post(quotaSurvey('/imports/preview'), { csv }).expect(400);
      expect(preview.body.message).toBe(cap);
      expect(preview.body.details).toEqual([{ field: 'csv', problems: [cap] }]);
      expect((await importOf(csv).expect(400)).body.message).toBe(cap);
      expect(await importedRows()).toBe(0);
      expect(
        (
          await as()
            .post(quotaSurvey('/imports/preview'), { csv: fileOf(5000) })
            .expect(200)
        ).body,
      ).toMatchObject({ rows: 5000, responses: 5000 });
    });

    it('refuses, in the preview and in the import, a file that would take the open cycle past 20,000 answer rows, stating the cap (400)', async () => {
      for (let n = 0; n < 4; n += 1) await importOf(fileOf(5000)).expect(201);
      expect(await importedRows()).toBe(20000);
      const cap =
        'Cycle 1 already holds 20,000 imported answer rows and this file adds 3; one cycle takes at most 20,000. Import these answers into the next cycle.';
      const preview = await as()
        .post(quotaSurvey('/imports/preview'), { csv: fileOf(3) })
        .expect(400);
      expect(preview.body.message).toBe(cap);
      expect(preview.body.details).toEqual([{ field: 'csv', problems: [cap] }]);
      expect((await importOf(fileOf(3)).expect(400)).body.message).toBe(cap);
      expect(await importedRows()).toBe(20000);
    });
  });
});
