import type { Browser, Page } from 'playwright-core';
import { FixedClock } from '@r2c/core';
import { ADMIN_ENV, Coalition, PASSWORD, Person } from '../support/fixtures';
import { waitFor } from '../support/ports';
import { startTestApp, TestApp } from '../support/test-app';
import { checkScreen, DESKTOP, heading, launchBrowser, listen, openAs, PHONE } from './browser';

jest.setTimeout(120000);

const HOUR = 3600_000;

describe('the web app: the review loop between coach and librarian', () => {
  let t: TestApp;
  let c: Coalition;
  let clock: FixedClock;
  let browser: Browser;
  let base: string;
  let pilot: { initiativeId: string; librarian: Person; coach: Person };
  let initiativeTitle: string;
  let cycleId: string;
  let coach: Page;
  let librarian: Page;
  const cycleTitle = 'Story time with the school';

  /** A cycle walked into review over HTTP, sent back by the coach, reworked by the librarian and sent again. */
  async function resubmittedCycle(): Promise<string> {
    const lib = c.as(pilot.librarian.token);
    const indicatorId = (
      await lib.post(`/api/v1/initiatives/${pilot.initiativeId}/indicators`, { templateKey: 'attendance', baseline: 12, target: 18 }).expect(201)
    ).body.id;
    const id = (
      await lib
        .post(`/api/v1/initiatives/${pilot.initiativeId}/cycles`, { title: cycleTitle, plannedStart: '2026-03-02', plannedEnd: '2026-04-13' })
        .expect(201)
    ).body.id;
    const move = (to: string) => lib.post(`/api/v1/cycles/${id}/transitions`, { to }).expect(200);
    const measurement = (value: number, observedOn: string) =>
      lib.post(`/api/v1/cycles/${id}/evidence`, { kind: 'measurement', indicatorId, value, observedOn, method: 'sign_in' });
    await lib
      .put(`/api/v1/cycles/${id}/hypothesis`, {
        statement: 'If we hold story time at the school, more newcomer families will come to the library.',
        expectedOutcome: 'Attendance rises from 12 to 18',
        rationale: 'Families already trust the school.',
        indicatorIds: [indicatorId],
        predictions: [{ indicatorId, from: 12, to: 18 }],
      })
      .expect(200);
    await move('adaptation');
    await lib.put(`/api/v1/cycles/${id}/adaptation`, { description: 'Story time at the school on Thursdays.', implementedOn: '2026-03-09' }).expect(200);
    await move('evidence');
    await measurement(14, '2026-03-12').expect(201);
    await measurement(16, '2026-03-19').expect(201);
    await move('reflection');
    await lib
      .put(`/api/v1/cycles/${id}/reflection`, { outcome: 'partly_supported', insights: 'Some came.', decision: 'adapt', nextSteps: 'Keep going.' })
      .expect(200);
    await move('review');
    clock.advance(HOUR);
    await c
      .as(pilot.coach.token)
      .post(`/api/v1/cycles/${id}/reviews`, { verdict: 'request_changes', body: 'Say how many families came back.', returnTo: 'reflection' })
      .expect(201);
    clock.advance(HOUR);
    await lib
      .put(`/api/v1/cycles/${id}/reflection`, {
        outcome: 'partly_supported',
        insights: 'Nine of the fourteen families came back for a second session.',
        decision: 'adapt',
        nextSteps: 'Ask the school to send the invitation home in Dari.',
      })
      .expect(200);
    await measurement(19, '2026-03-26').expect(201);
    await move('review');
    return id;
  }

  beforeAll(async () => {
    clock = new FixedClock(new Date('2026-03-02T12:00:00Z'));
    t = await startTestApp({ env: ADMIN_ENV, clock });
    base = await listen(t);
    c = new Coalition(t);
    await c.signInAdmin();
    pilot = await c.pilot();
    initiativeTitle = (await c.as(pilot.librarian.token).get(`/api/v1/initiatives/${pilot.initiativeId}`).expect(200)).body.title;
    cycleId = await resubmittedCycle();
    browser = await launchBrowser();
    coach = (await openAs(browser, base, DESKTOP, clock.now())).page;
    librarian = (await openAs(browser, base, PHONE, clock.now())).page;
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the coach round 2, what changed since the request, and the predictions and run chart the librarian will see', async () => {
    await coach.goto(`/cycles/${cycleId}/review`);
    // Signed out: the sign-in screen first, then the page the link pointed to.
    expect(await heading(coach)).toBe('Sign in');
    await coach.getByLabel('Email address').fill(pilot.coach.email);
    await coach.getByLabel('Password').fill(PASSWORD);
    await coach.getByRole('button', { name: 'Sign in' }).click();
    await coach.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await heading(coach)).toBe(`Review Cycle 1: ${cycleTitle}`);
    expect(coach.url()).toBe(`${base}/cycles/${cycleId}/review`);

    await coach.getByRole('link', { name: 'Review queue' }).click();
    expect(await heading(coach)).toBe('Review queue');
    await coach.locator('.queue li', { hasText: cycleTitle }).locator('.round-badge', { hasText: 'Round 2' }).waitFor();
    await coach.getByRole('link', { name: `Review Cycle 1: ${cycleTitle}` }).click();
    expect(await heading(coach)).toBe(`Review Cycle 1: ${cycleTitle}`);

    await coach.locator('.round-badge', { hasText: 'Round 2' }).first().waitFor();
    const changes = coach.getByRole('note').filter({ hasText: 'What changed since changes were requested' });
    await changes.getByText('Say how many families came back.').waitFor();
    await changes.getByText('Reflection edited: insights, next steps').waitFor();
    await changes.getByText('Evidence: 1 entry added').waitFor();

    const predictions = coach.locator('table.prediction-table');
    await predictions
      .getByRole('row', { name: /Attendance/ })
      .getByText('Met')
      .waitFor();
    await coach.locator('figure.run-chart', { hasText: 'Attendance' }).waitFor();
    await checkScreen(coach, 'review-round-2');

    clock.advance(HOUR);
    await coach.getByLabel('Approve').check();
    await coach.getByLabel('Your note to the librarians').fill('Great work with the school');
    await coach.getByRole('button', { name: 'Approve and close the cycle' }).click();
    await coach.getByText('Approved. The cycle is closed').waitFor();
    await coach.getByRole('link', { name: 'Read its summary' }).waitFor();
  });

  it('lets the librarian follow the summary link from the email: sign in, land on the summary, read the coach’s note', async () => {
    await waitFor(async () => (await c.as(pilot.librarian.token).get(`/api/v1/cycles/${cycleId}/summary`)).status === 200, 20000, 'the summary to be compiled');
    await librarian.goto(`/cycles/${cycleId}/summary`);
    expect(await heading(librarian)).toBe('Sign in');
    await librarian.getByLabel('Email address').fill(pilot.librarian.email);
    await librarian.getByLabel('Password').fill(PASSWORD);
    await librarian.getByRole('button', { name: 'Sign in' }).click();
    await librarian.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await heading(librarian)).toBe(`${initiativeTitle}: Cycle 1: ${cycleTitle}`);
    expect(librarian.url()).toBe(`${base}/cycles/${cycleId}/summary`);
    const review = librarian.locator('section', { has: librarian.getByRole('heading', { name: 'Coach’s review' }) });
    await review.getByText('Great work with the school').waitFor();
    await review.getByText('Changes requested').waitFor();
    await review.getByText(/round 2/).waitFor();
    await checkScreen(librarian, 'summary-with-review');
  });

  it('shows the librarian the approval note and the summary link on the cycle’s own page, where the coach’s review address leads her too', async () => {
    await librarian.goto(`/cycles/${cycleId}/review`);
    await librarian.waitForURL(`${base}/cycles/${cycleId}`);
    expect(await heading(librarian)).toBe(`Cycle 1: ${cycleTitle}`);
    const approval = librarian.getByRole('note').filter({ hasText: 'Approved by' });
    await approval.getByText('Great work with the school').waitFor();
    const reviews = librarian.locator('ol.reviews');
    await reviews.getByText('Say how many families came back.').waitFor();
    await reviews.getByText(/round 1/).waitFor();
    await checkScreen(librarian, 'closed-cycle');
    await librarian.getByRole('link', { name: `Read the summary of cycle 1: ${cycleTitle.toLowerCase()}` }).click();
    expect(await heading(librarian)).toBe(`${initiativeTitle}: Cycle 1: ${cycleTitle}`);
  });

  it('lists the summary under Summaries right after approval, without any digest', async () => {
    await librarian.getByRole('link', { name: 'Summaries' }).click();
    expect(await heading(librarian)).toBe('Published summaries');
    await librarian.getByRole('link', { name: `${initiativeTitle}: Cycle 1: ${cycleTitle}` }).waitFor();
  });

  it('opens an open cycle’s address on its initiative’s page', async () => {
    const next = (
      await c
        .as(pilot.librarian.token)
        .post(`/api/v1/initiatives/${pilot.initiativeId}/cycles`, { title: 'Dari invitations', plannedStart: '2026-04-14', plannedEnd: '2026-05-25' })
        .expect(201)
    ).body.id;
    await librarian.goto(`/cycles/${next}`);
    await librarian.waitForURL(`${base}/initiatives/${pilot.initiativeId}#cycle-${next}`);
    expect(await heading(librarian)).toBe(initiativeTitle);
    await librarian.locator(`#cycle-${next}`).waitFor();
  });
});
