import type { Browser, Locator, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { OutboxMessage } from '@r2c/notify/entities';
import { ADMIN, ADMIN_ENV, Coalition, PASSWORD, Person } from '../support/fixtures';
import { withBody } from '../support/outbox-mail';
import { waitFor } from '../support/ports';
import { startTestApp, TestApp } from '../support/test-app';
import { checkScreen, DESKTOP, heading, launchBrowser, listen, openAs, PHONE, signIn } from './browser';

jest.setTimeout(90000);

type Pilot = { initiativeId: string; librarian: Person; coach: Person };

/** The week holding the test clock's day (2 March 2026), when both pilots close a cycle. */
const WEEK = { periodStart: '2026-03-01', periodEnd: '2026-03-07' };

/** Cycle 1 of a pilot, taken through every phase and approved by its coach, through the API. */
async function closedCycle(c: Coalition, pilot: Pilot, title: string): Promise<void> {
  const lib = c.as(pilot.librarian.token);
  const attendance = (await lib.post(`/api/v1/initiatives/${pilot.initiativeId}/indicators`, { templateKey: 'attendance', baseline: 10 }).expect(201)).body.id;
  const cycle = (
    await lib.post(`/api/v1/initiatives/${pilot.initiativeId}/cycles`, { title, plannedStart: '2026-01-12', plannedEnd: '2026-02-23' }).expect(201)
  ).body.id;
  const move = (to: string) => lib.post(`/api/v1/cycles/${cycle}/transitions`, { to }).expect(200);
  await lib
    .put(`/api/v1/cycles/${cycle}/hypothesis`, {
      statement: 'If we invite families by name, then more of them will come, because they will feel expected.',
      expectedOutcome: 'Attendance rises',
      indicatorIds: [attendance],
    })
    .expect(200);
  await move('adaptation');
  await lib
    .put(`/api/v1/cycles/${cycle}/adaptation`, { description: 'Volunteers phone each family the week before.', implementedOn: '2026-01-19' })
    .expect(200);
  await move('evidence');
  await lib
    .post(`/api/v1/cycles/${cycle}/evidence`, { kind: 'measurement', indicatorId: attendance, value: 16, observedOn: '2026-01-26', method: 'sign_in' })
    .expect(201);
  await move('reflection');
  await lib
    .put(`/api/v1/cycles/${cycle}/reflection`, {
      outcome: 'supported',
      insights: 'A personal invitation matters.',
      decision: 'continue',
      nextSteps: 'Keep phoning.',
    })
    .expect(200);
  await move('review');
  await c.as(pilot.coach.token).post(`/api/v1/cycles/${cycle}/reviews`, { verdict: 'approve', body: 'Approved.' }).expect(201);
}

describe('the web app: what reaches the coalition digest, and how often', () => {
  let t: TestApp;
  let c: Coalition;
  let browser: Browser;
  let base: string;
  let sharing: Pilot;
  let private_: Pilot;
  let monthlyReader: Person;
  let linkReader: Person;

  const TITLES = { sharing: 'Common Ground Nights', private: 'Quiet Reading Hour' };
  const frequency = async (person: Person) => (await c.as(person.token).get('/api/v1/me/digest-preferences').expect(200)).body.frequency as string;
  const radio = (within: Page | Locator, label: string) => within.getByRole('radio', { name: new RegExp(`^${label}`) });
  const pageFor = async (viewport: typeof PHONE, email: string, password = PASSWORD) => {
    const { page } = await openAs(browser, base, viewport, t.clock.now());
    await signIn(page, email, password);
    return page;
  };
  const openSettings = async (page: Page) => {
    await page.getByRole('banner').getByRole('link', { name: 'Settings', exact: true }).click();
    expect(await heading(page)).toBe('Settings');
  };

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
    base = await listen(t);
    c = new Coalition(t);
    await c.signInAdmin();
    sharing = await c.pilot({ title: TITLES.sharing });
    private_ = await c.pilot({ title: TITLES.private });
    await closedCycle(c, sharing, 'Named invitations');
    await closedCycle(c, private_, 'Reading buddies');
    [monthlyReader, linkReader] = [await c.person('subscriber'), await c.person('subscriber')];
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a subscriber on a phone switches from weekly to monthly, and it holds after a reload', async () => {
    const page = await pageFor(PHONE, monthlyReader.email);
    await openSettings(page);
    expect(await radio(page, 'Every week').isChecked()).toBe(true);
    await page.getByText('One digest on the 1st of each month, covering the whole calendar month before').waitFor();
    await checkScreen(page, 'settings-subscriber');

    await radio(page, 'Once a month').check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved. You will get the digest once a month.' }).waitFor();
    await page.reload();
    expect(await heading(page)).toBe('Settings');
    expect(await radio(page, 'Once a month').isChecked()).toBe(true);
    expect(await radio(page, 'Every week').isChecked()).toBe(false);
    expect(await frequency(monthlyReader)).toBe('monthly');
  });

  it('programme staff are told in plain words that their account is not emailed the digest', async () => {
    const page = await pageFor(DESKTOP, ADMIN.email, ADMIN.password);
    await openSettings(page);
    await page.getByText('Programme staff accounts are not emailed the digest, whatever is chosen here.').waitFor();
    expect(await radio(page, 'Every week').isChecked()).toBe(true);

    // A refusal (none can be made with these three choices) is shown like every other form's.
    await page.route('**/api/v1/me/digest-preferences', (route) =>
      route.request().method() === 'PUT'
        ? route.fulfill({
            status: 400,
            json: { message: 'Choose how often.', details: [{ field: 'frequency', problems: ['frequency must be one of weekly, monthly, none'] }] },
          })
        : route.fallback(),
    );
    await radio(page, 'No digest').check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Your choice was not saved' }).waitFor();
    expect(await page.locator('#frequency-error').innerText()).toContain('frequency must be one of weekly, monthly, none');
    expect(await page.getByRole('group', { name: 'How often do you want the digest?' }).getAttribute('aria-describedby')).toBe('frequency-error');
  });

  it('a librarian chooses that their initiative shares nothing with the coalition digest', async () => {
    const page = await pageFor(DESKTOP, private_.librarian.email);
    await page.goto(`/initiatives/${private_.initiativeId}`);
    expect(await heading(page)).toBe(TITLES.private);
    const section = page.getByRole('region', { name: 'Coalition digest' });
    expect(await radio(section, 'Everything').isChecked()).toBe(true);
    await radio(section, 'Nothing').check();
    await section.getByRole('button', { name: 'Save sharing' }).click();
    await section.getByRole('status').filter({ hasText: 'Saved. This initiative shares nothing with the coalition digest.' }).waitFor();
    await checkScreen(page, 'initiative-digest-sharing');

    await page.reload();
    expect(await heading(page)).toBe(TITLES.private);
    expect(await radio(page.getByRole('region', { name: 'Coalition digest' }), 'Nothing').isChecked()).toBe(true);
    expect((await c.as(private_.librarian.token).get(`/api/v1/initiatives/${private_.initiativeId}`).expect(200)).body.digestSharing).toBe('nothing');
  });

  it('then a digest of the week leaves that initiative out and keeps the one that shares everything', async () => {
    const admin = c.as(c.adminToken);
    expect((await admin.post('/api/v1/digests/run', WEEK).expect(202)).body.status).toBe('queued');
    const id = await waitFor(
      async () =>
        (await admin.get('/api/v1/digests?limit=100').expect(200)).body.items.find((d: { periodStart: string }) => d.periodStart === WEEK.periodStart)?.id as
          string | undefined,
      20000,
      'the digest',
    );
    const digest = (await admin.get(`/api/v1/digests/${id}`).expect(200)).body;
    expect(digest.content.closedCycles.map((n: { initiativeTitle: string }) => n.initiativeTitle)).toEqual([TITLES.sharing]);
    for (const format of ['text', 'html']) {
      const shown = (await admin.get(`/api/v1/digests/${id}?format=${format}`).expect(200)).text;
      expect(shown).toContain(TITLES.sharing);
      expect(shown).not.toContain(TITLES.private);
    }
  });

  it("the initiative's coach sees the choice but cannot change it", async () => {
    const page = await pageFor(PHONE, private_.coach.email);
    await page.goto(`/initiatives/${private_.initiativeId}`);
    expect(await heading(page)).toBe(TITLES.private);
    const section = page.getByRole('region', { name: 'Coalition digest' });
    expect(await section.innerText()).toContain(
      'What this initiative shares with the coalition digest: Nothing. This initiative does not appear in the digest at all.',
    );
    expect(await section.getByRole('radio').count()).toBe(0);
    expect(await section.getByRole('button').count()).toBe(0);
    await checkScreen(page, 'initiative-digest-sharing-coach');
  });

  it("the digest email's link chooses monthly without signing in, and the web app shows the same choice", async () => {
    const mail = await waitFor(
      () =>
        t.app
          .get(DataSource)
          .getRepository(OutboxMessage)
          .findOneBy({ toAddress: linkReader.email, kind: 'digest' })
          .then((m) => withBody(t.app.get(DataSource), m ?? undefined)),
      15000,
      'the digest email',
    );
    const link = mail.textBody.match(/\/api\/v1\/digest-preferences\?token=\S+/)![0];
    const { page } = await openAs(browser, base, PHONE, t.clock.now());
    await page.goto(link);
    await page.getByRole('button', { name: 'Once a month' }).click();
    await page.getByText(/Saved: .* gets once a month/).waitFor();
    expect(await frequency(linkReader)).toBe('monthly');

    await signIn(page, linkReader.email, PASSWORD);
    await openSettings(page);
    expect(await radio(page, 'Once a month').isChecked()).toBe(true);
  });

  it('a librarian on a phone copies a calendar address that works without signing in, and gets a new one after confirming', async () => {
    const page = await pageFor(PHONE, sharing.librarian.email);
    await openSettings(page);
    const address = page.getByLabel('Your calendar address');
    const first = await address.inputValue();
    expect(first).toMatch(/\/api\/v1\/calendar-feeds\/[\w-]+\.ics$/);
    const path = new URL(first).pathname;
    expect((await t.http().get(path).expect(200)).text).toContain(`Check-in due: ${TITLES.sharing}`);
    await checkScreen(page, 'settings-calendar');

    await page.getByRole('button', { name: 'Get a new address' }).click();
    await page.getByRole('button', { name: 'Keep it' }).click();
    expect(await address.inputValue()).toBe(first);
    await page.getByRole('button', { name: 'Get a new address' }).click();
    await page.getByRole('button', { name: 'Yes, stop the old address' }).click();
    await page.getByText('A new address is ready. The old one no longer works').waitFor();
    const second = await address.inputValue();
    expect(second).not.toBe(first);
    await t.http().get(path).expect(404);
    await t.http().get(new URL(second).pathname).expect(200);
  });
});
