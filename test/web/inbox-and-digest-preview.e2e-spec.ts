import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { FixedClock } from '@r2c/core';
import { ADMIN, ADMIN_ENV, Coalition, PASSWORD, Person } from '../support/fixtures';
import { waitFor } from '../support/ports';
import { startTestApp, TestApp } from '../support/test-app';
import { checkScreen, DESKTOP, heading, launchBrowser, listen, openAs, signIn } from './browser';

jest.setTimeout(120000);

const HOUR = 3600_000;

/**
 * The screens over the notification inbox (GET /me/notifications, POST /me/notifications/read, the
 * review-email choice) and the digest preview (POST /digests/preview, the run's 409 and skip), as
 * api.md's v1.1 rows define them.
 */
describe('the web app: the inbox and the digest preview', () => {
  let t: TestApp;
  let c: Coalition;
  let clock: FixedClock;
  let browser: Browser;
  let base: string;
  let pilot: { initiativeId: string; librarian: Person; coach: Person };
  let cycleId: string;

  /** A cycle walked into review over HTTP and sent back by the coach: one event in the librarian's inbox. */
  async function cycleSentBack(): Promise<string> {
    const lib = c.as(pilot.librarian.token);
    const id = (
      await lib
        .post(`/api/v1/initiatives/${pilot.initiativeId}/cycles`, { title: 'Story time', plannedStart: '2026-03-02', plannedEnd: '2026-04-13' })
        .expect(201)
    ).body.id;
    const move = (to: string) => lib.post(`/api/v1/cycles/${id}/transitions`, { to }).expect(200);
    const indicatorId = (await lib.post(`/api/v1/initiatives/${pilot.initiativeId}/indicators`, { templateKey: 'attendance' }).expect(201)).body.id;
    await lib
      .put(`/api/v1/cycles/${id}/hypothesis`, {
        statement: 'If we hold story time at the school, more newcomer families will come to the library.',
        expectedOutcome: 'Attendance rises from 12 to 18',
        rationale: 'Families already trust the school.',
        indicatorIds: [indicatorId],
      })
      .expect(200);
    await move('adaptation');
    await lib.put(`/api/v1/cycles/${id}/adaptation`, { description: 'Story time at the school on Thursdays.', implementedOn: '2026-03-03' }).expect(200);
    await move('evidence');
    await lib.post(`/api/v1/cycles/${id}/evidence`, { kind: 'measurement', indicatorId, value: 14, observedOn: '2026-03-04', method: 'sign_in' }).expect(201);
    await move('reflection');
    await lib
      .put(`/api/v1/cycles/${id}/reflection`, { outcome: 'supported', insights: 'Families came.', decision: 'continue', nextSteps: 'Go on.' })
      .expect(200);
    await move('review');
    clock.advance(HOUR);
    await c
      .as(pilot.coach.token)
      .post(`/api/v1/cycles/${id}/reviews`, { verdict: 'request_changes', body: 'Say how many families came.', returnTo: 'reflection' })
      .expect(201);
    return id;
  }

  beforeAll(async () => {
    clock = new FixedClock(new Date('2026-03-05T12:00:00Z'));
    t = await startTestApp({ env: ADMIN_ENV, clock });
    base = await listen(t);
    c = new Coalition(t);
    await c.signInAdmin();
    pilot = await c.pilot();
    cycleId = await cycleSentBack();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  describe('the librarian’s inbox', () => {
    let page: Page;

    beforeAll(async () => {
      page = (await openAs(browser, base, DESKTOP, clock.now())).page;
      await signIn(page, pilot.librarian.email, PASSWORD);
    });

    it('counts the unread notification in the header and lists it with a link to the cycle', async () => {
      const link = page.getByRole('link', { name: /^Notifications 1 unread$/ });
      await link.waitFor();
      await link.click();
      expect(await heading(page)).toBe('Notifications');
      await page.locator('.inbox-item.unread', { hasText: 'Changes requested' }).waitFor();
      await checkScreen(page, 'notifications');
      const toCycle = page.locator('.inbox-item').first().getByRole('link');
      expect(await toCycle.getAttribute('href')).toBe(`/cycles/${cycleId}`);
    });

    it('marks everything as read, and the header stops counting', async () => {
      await page.getByRole('button', { name: 'Mark all as read' }).click();
      await page.getByText('Everything is marked as read.').waitFor();
      await page.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
      expect(await page.locator('.inbox-item.unread').count()).toBe(0);
    });

    it('saves the choice of review emails', async () => {
      await page.getByRole('radio', { name: /^Once a day/ }).check();
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText('Saved: once a day.').waitFor();
      await page.reload();
      // The choice is read again after the page loads: wait for it rather than read the radio before it arrives.
      await page.getByRole('radio', { name: /^Once a day/, checked: true }).waitFor();
    });
  });

  describe('the admin’s digest', () => {
    let admin: Page;

    beforeAll(async () => {
      // A closed cycle in the first week of March, so that week has something to report.
      await c.as(pilot.librarian.token).post(`/api/v1/cycles/${cycleId}/transitions`, { to: 'review' }).expect(200);
      await c.as(pilot.coach.token).post(`/api/v1/cycles/${cycleId}/reviews`, { verdict: 'approve', body: 'Well done.' }).expect(201);
      clock.set('2026-03-20T12:00:00Z');
      admin = (await openAs(browser, base, DESKTOP, clock.now())).page;
      await signIn(admin, ADMIN.email, ADMIN.password);
    });

    const preview = async (start: string, end: string) => {
      await admin.goto('/digests');
      expect(await heading(admin)).toBe('Coalition digests');
      await admin.getByLabel('First day').fill(start);
      await admin.getByLabel('Last day').fill(end);
      await admin.getByRole('button', { name: 'Preview', exact: true }).click();
    };

    it('previews a week first (subject, recipients, the email itself), then sends it on confirmation', async () => {
      const digestEmails = async () => Number((await t.app.get(DataSource).query("SELECT COUNT(*) AS n FROM outbox_messages WHERE kind = 'digest'"))[0].n);
      const expected = (await c.as(c.adminToken).post('/api/v1/digests/preview', { periodStart: '2026-03-01', periodEnd: '2026-03-07' }).expect(200)).body;
      const people = `${expected.recipients} ${expected.recipients === 1 ? 'person' : 'people'}`;
      await preview('2026-03-01', '2026-03-07');
      await admin.getByRole('heading', { name: /^Preview: / }).waitFor();
      expect(await admin.getByRole('heading', { name: /^Preview: / }).innerText()).toBe(`Preview: ${expected.subject}`);
      await admin.getByText(`1 cycle closed in Mar 1, 2026 – Mar 7, 2026 · it would go to ${people}.`).waitFor();
      await admin.frameLocator('iframe[title="The digest email, as it would be sent"]').getByText('Story time').first().waitFor();
      await checkScreen(admin, 'digest-preview');
      expect(await admin.getByRole('link', { name: /^Digest of Mar 1, 2026/ }).count()).toBe(0);
      expect(await digestEmails()).toBe(0);
      const send = admin.getByRole('button', { name: `Send to ${people}` });
      // Clicked where it rests after the preview's frame has loaded.
      await send.scrollIntoViewIfNeeded();
      await send.click();
      await admin.getByText(/^The digest of Mar 1, 2026 – Mar 7, 2026 (is compiled|is being compiled)/).waitFor();
      await waitFor(async () => (await digestEmails()) === expected.recipients, 20000, 'one digest email per person the preview counted');
    });

    it('shows the overlapping digest’s message when a period overlaps one already sent, and offers no send button', async () => {
      await preview('2026-03-05', '2026-03-11');
      await admin
        .getByRole('alert')
        .getByText(/overlaps the weekly digest for 1–7 March 2026, already sent/)
        .waitFor();
      expect(await admin.getByRole('button', { name: /^Send to/ }).count()).toBe(0);
    });

    it('says a period with nothing to report would send nothing, and offers no send button', async () => {
      await preview('2026-01-05', '2026-01-11');
      await admin
        .getByText(/^Nothing to report for .*: no cycle closed, no evidence was logged and no check-in was held, so the weekly digest is not sent\./)
        .waitFor();
      expect(await admin.getByRole('button', { name: /^Send to/ }).count()).toBe(0);
    });
  });
});
