import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { newId } from '@r2c/core';
import { OutboxMessage } from '@r2c/notify/entities';
import { ADMIN, ADMIN_ENV, Coalition, PASSWORD, Person } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { checkScreen, DESKTOP, heading, launchBrowser, listen, openAs, PHONE, signIn } from './browser';

jest.setTimeout(90000);

/** Cycle 1 of a pilot, closed by its coach on the test clock's day (2 March 2026), through the API. */
async function closedCycle(c: Coalition, pilot: { initiativeId: string; librarian: Person; coach: Person }): Promise<string> {
  const lib = c.as(pilot.librarian.token);
  const attendance = (
    await lib.post(`/api/v1/initiatives/${pilot.initiativeId}/indicators`, { templateKey: 'attendance', baseline: 12, target: 18 }).expect(201)
  ).body.id;
  const cycle = (
    await lib
      .post(`/api/v1/initiatives/${pilot.initiativeId}/cycles`, { title: 'Conversation cards', plannedStart: '2026-01-12', plannedEnd: '2026-02-23' })
      .expect(201)
  ).body.id;
  const move = (to: string) => lib.post(`/api/v1/cycles/${cycle}/transitions`, { to }).expect(200);
  await lib
    .put(`/api/v1/cycles/${cycle}/hypothesis`, {
      statement: 'If hosts bring conversation cards, then strangers will talk across groups, because the cards break the ice.',
      expectedOutcome: 'More cross-group conversations',
      indicatorIds: [attendance],
    })
    .expect(200);
  await move('adaptation');
  await lib
    .put(`/api/v1/cycles/${cycle}/adaptation`, { description: 'Hosts bring conversation cards to every table.', implementedOn: '2026-01-19' })
    .expect(200);
  await move('evidence');
  await lib
    .post(`/api/v1/cycles/${cycle}/evidence`, { kind: 'measurement', indicatorId: attendance, value: 21, observedOn: '2026-01-26', method: 'sign_in' })
    .expect(201);
  await lib
    .post(`/api/v1/cycles/${cycle}/evidence`, {
      kind: 'quote',
      text: 'I sat with a teenager and we talked about the bus lines for an hour.',
      observedOn: '2026-02-02',
      method: 'interview',
    })
    .expect(201);
  await move('reflection');
  await lib
    .put(`/api/v1/cycles/${cycle}/reflection`, {
      outcome: 'supported',
      insights: 'The cards made it easy to start talking. Regulars brought friends.',
      decision: 'scale',
      nextSteps: 'Run it at the second branch too.',
    })
    .expect(200);
  await move('review');
  await c.as(pilot.coach.token).post(`/api/v1/cycles/${cycle}/reviews`, { verdict: 'approve', body: 'A clear cycle.' }).expect(201);
  return cycle;
}

describe('the web app for programme staff and subscribers', () => {
  let t: TestApp;
  let c: Coalition;
  let browser: Browser;
  let base: string;
  let admin: Page;
  let subscriber: Person;
  let pilotTitle: string;

  const go = async (page: Page, link: string) => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
    return heading(page);
  };

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
    base = await listen(t);
    c = new Coalition(t);
    await c.signInAdmin();
    pilotTitle = 'Common Ground Nights';
    const pilot = await c.pilot({ title: pilotTitle });
    await closedCycle(c, pilot);
    await c.pilot({ title: 'Story Walks', startDate: '2026-01-05' });
    subscriber = await c.person('subscriber');
    const now = new Date();
    await t.app
      .get(DataSource)
      .getRepository(OutboxMessage)
      .insert({
        id: newId(),
        idempotencyKey: `web-test:${newId()}`,
        kind: 'reminder',
        toAddress: 'gone@library.test',
        subject: 'Your check-in is due',
        textBody: 'Time for a check-in.',
        htmlBody: null,
        headers: null,
        status: 'dead',
        attempts: 5,
        generation: 0,
        lastError: '550 5.1.1 Mailbox unavailable',
        enqueuedAt: null,
        sentAt: null,
        createdAt: now,
        updatedAt: now,
      });
    browser = await launchBrowser();
    admin = (await openAs(browser, base, DESKTOP, t.clock.now())).page;
    await signIn(admin, ADMIN.email, ADMIN.password);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  describe('programme staff', () => {
    it('start at the review queue across every active initiative, overdue check-ins included', async () => {
      expect(await heading(admin)).toBe('Review queue');
      await admin.locator('#all').getByRole('link', { name: pilotTitle }).waitFor();
      // Started 5 January with a 14-day cadence and no check-in since; the test clock says 2 March.
      expect(await admin.locator('#overdue li', { hasText: 'Story Walks' }).innerText()).toContain('due Jan 19, 2026 · 42 days overdue');
      expect(await admin.locator('#overdue li', { hasText: pilotTitle }).count()).toBe(0);
      await checkScreen(admin, 'admin-queue');
    });

    it('add a library', async () => {
      expect(await go(admin, 'Libraries')).toBe('Libraries');
      await admin.getByLabel('Name').fill('Prairie Hills Library');
      await admin.getByLabel('City or town').fill('Prairie Hills');
      await admin.getByLabel('State').fill('SD');
      await admin.getByLabel('Community').selectOption('tribal');
      await admin.getByLabel('Time zone').selectOption('America/Chicago');
      await admin.getByRole('button', { name: 'Add library' }).click();
      await admin.getByText('Prairie Hills Library added.').waitFor();
      await admin.getByRole('rowheader', { name: 'Prairie Hills Library' }).waitFor();
      await checkScreen(admin, 'admin-libraries');
    });

    it('add a person, with the refusal shown beside the field at fault', async () => {
      expect(await go(admin, 'People')).toBe('People');
      const add = admin.locator('#add-person');
      await add.getByLabel('Name').fill('Jo Reyes');
      await add.getByLabel('Email address').fill('jo.reyes@prairiehills.lib.test');
      await add.getByLabel('Role', { exact: true }).selectOption('librarian');
      await add.getByLabel('First password').fill('short');
      await admin.getByRole('button', { name: 'Add person' }).click();
      await admin.locator('.field:has(#person-password) #person-password-error').waitFor();
      expect(await admin.locator('#person-name-error').count()).toBe(0);
      await add.getByLabel('First password').fill('a-long-enough-password');
      await admin.getByRole('button', { name: 'Add person' }).click();
      await admin.getByText('Jo Reyes can now sign in as jo.reyes@prairiehills.lib.test.').waitFor();
      await admin.getByRole('rowheader', { name: 'Jo Reyes' }).waitFor();
      await checkScreen(admin, 'admin-people');
    });

    it('add an initiative and make Jo Reyes its librarian', async () => {
      expect(await go(admin, 'Initiatives')).toBe('Initiatives');
      await admin.getByLabel('Library').selectOption({ label: 'Prairie Hills Library' });
      await admin.getByLabel('Title').fill('Talking Circles');
      await admin.getByLabel('Summary').fill('Monthly talking circles with elders and young people.');
      await admin.getByLabel('Audience').fill('Elders and teenagers');
      await admin.getByLabel('Learning question').fill('What helps young people and elders listen to each other?');
      await admin.getByRole('button', { name: 'Add initiative' }).click();
      await admin.getByText('Talking Circles added.').waitFor();
      await checkScreen(admin, 'admin-initiatives');

      await admin.getByRole('link', { name: 'Talking Circles' }).click();
      expect(await heading(admin)).toBe('Talking Circles');
      await admin.getByLabel('Person').selectOption({ label: 'Jo Reyes (librarian)' });
      await admin.getByRole('button', { name: 'Add member' }).click();
      await admin.getByText('Jo Reyes added as librarian.').waitFor();
      await admin.locator('.people li', { hasText: 'Jo Reyes' }).waitFor();
      await checkScreen(admin, 'admin-initiative-members');
    });

    it('retry an email that gave up', async () => {
      expect(await go(admin, 'Outbox')).toBe('Mail outbox');
      await admin.getByRole('button', { name: 'Gave up' }).click();
      await admin.getByText('Last error: 550 5.1.1 Mailbox unavailable').waitFor();
      await checkScreen(admin, 'admin-outbox');
      await admin.getByRole('button', { name: 'Retry the email to gone@library.test' }).click();
      await admin.getByText('The email to gone@library.test will be sent again.').waitFor();
      await admin.getByText('No emails here.').waitFor();
    });

    it('open the job queues from the outbox screen, with a dashboard token of their own', async () => {
      expect(await go(admin, 'Outbox')).toBe('Mail outbox');
      await admin.getByRole('button', { name: 'Open the job queues' }).click();
      // The dashboard takes the token into its cookie and drops it from the address.
      await admin.waitForURL(`${base}/api/v1/admin/queues`);
      expect(await admin.content()).toContain('R2C Tracker queues');
      await admin.goBack();
      expect(await heading(admin)).toBe('Mail outbox');
    });

    it('preview the digest of a week, send it, and read its HTML', async () => {
      expect(await go(admin, 'Digests')).toBe('Coalition digests');
      await admin.getByLabel('First day').fill('2026-03-01');
      await admin.getByLabel('Last day').fill('2026-03-07');
      await admin.getByRole('button', { name: 'Preview', exact: true }).click();
      const send = admin.getByRole('button', { name: /^Send to \d+ (person|people)$/ });
      // Clicked where it rests after the preview's frame has loaded.
      await send.scrollIntoViewIfNeeded();
      await send.click();
      await admin.getByText('The digest of Mar 1, 2026 – Mar 7, 2026').waitFor();
      const link = admin.getByRole('link', { name: 'Digest of Mar 1, 2026 – Mar 7, 2026' });
      // A worker compiles it; the archive shows it once it is there.
      for (let tries = 0; !(await link.count()) && tries < 40; tries++) {
        await admin.waitForTimeout(250);
        await admin.reload();
        await heading(admin);
      }
      await checkScreen(admin, 'admin-digests');
      await link.click();
      expect(await heading(admin)).toBe('Digest of Mar 1, 2026 – Mar 7, 2026');
      await admin.getByRole('link', { name: `${pilotTitle}: Cycle 1: Conversation cards` }).waitFor();
      await admin.getByRole('button', { name: 'Preview the HTML email' }).click();
      const email = admin.frameLocator('iframe[title="The digest email as subscribers see it"]');
      await email.getByText('Conversation cards').first().waitFor();
      await checkScreen(admin, 'digest');
      await admin.getByRole('button', { name: 'Show the plain text' }).click();
      await admin.locator('pre.email-text', { hasText: 'Conversation cards' }).waitFor();
    });
  });

  describe('a subscriber, on a phone', () => {
    let page: Page;

    beforeAll(async () => {
      page = (await openAs(browser, base, PHONE, t.clock.now())).page;
      await signIn(page, subscriber.email, PASSWORD);
    });

    it('starts at the digest archive and reads a digest', async () => {
      expect(await heading(page)).toBe('Coalition digests');
      expect(await page.getByRole('heading', { name: 'Compile a digest now' }).count()).toBe(0);
      await checkScreen(page, 'subscriber-digests');
      await page.getByRole('link', { name: 'Digest of Mar 1, 2026 – Mar 7, 2026' }).click();
      await page.getByText('The cards made it easy to start talking.').waitFor();
    });

    it('reads the published summaries, with the run chart of each indicator', async () => {
      expect(await go(page, 'Summaries')).toBe('Published summaries');
      await checkScreen(page, 'subscriber-summaries');
      await page.getByRole('link', { name: `${pilotTitle}: Cycle 1: Conversation cards` }).click();
      expect(await heading(page)).toBe(`${pilotTitle}: Cycle 1: Conversation cards`);
      await page.locator('figure.run-chart', { hasText: 'Attendance' }).waitFor();
      await page.getByText('I sat with a teenager and we talked about the bus lines for an hour.').waitFor();
      await checkScreen(page, 'subscriber-summary');
    });

    it('cannot open programme staff screens', async () => {
      await page.goto('/admin/people');
      expect(await heading(page)).toBe('Page not found');
      expect(await page.getByRole('link', { name: 'People' }).count()).toBe(0);
    });
  });
});
