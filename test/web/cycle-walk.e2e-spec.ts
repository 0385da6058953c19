import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { FixedClock } from '@r2c/core';
import { ADMIN_ENV, Coalition, PASSWORD, Person } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { checkScreen, DESKTOP, heading, launchBrowser, listen, openAs, PHONE, screenshot, signIn, signOut } from './browser';
import { signingKeyOf, tokenSignedWith } from '../support/tokens';

jest.setTimeout(90000);

/** The phase the stepper marks as current. */
const currentPhase = (page: Page) => page.locator('.stepper [aria-current="step"] .step-name').innerText();

/** The problem shown right beside a field: inside its field, and named by the control's aria-describedby. */
async function problemBeside(page: Page, fieldId: string): Promise<string> {
  const error = page.locator(`.field:has(#${fieldId}) > #${fieldId}-error, fieldset#${fieldId} > #${fieldId}-error`);
  await error.waitFor();
  const describedBy = (await page.locator(`#${fieldId}`).getAttribute('aria-describedby')) ?? '';
  expect(describedBy.split(' ')).toContain(`${fieldId}-error`);
  return (await error.textContent()) ?? '';
}

async function chooseOption(page: Page, selectId: string, text: string): Promise<void> {
  const value = await page.locator(`#${selectId} option`, { hasText: text }).first().getAttribute('value');
  await page.locator(`#${selectId}`).selectOption(value);
}

/** A pilot with the names people would see, since its screenshots are shown in the README. */
async function riverbendPilot(c: Coalition, title: string): Promise<{ initiativeId: string; librarian: Person; coach: Person }> {
  const initiativeId = await c.initiative(await c.library({ name: 'Riverbend Public Library' }), { title });
  const person = async (name: string, email: string, role: 'librarian' | 'coach'): Promise<Person> => {
    const res = await c.as(c.adminToken).post('/api/v1/users', { email, name, role, password: PASSWORD }).expect(201);
    const member: Person = { id: res.body.id, email, token: '' };
    await c.member(initiativeId, member, role);
    return member;
  };
  return {
    initiativeId,
    librarian: await person('Maria Lopez', 'maria.lopez@riverbend.lib.test', 'librarian'),
    coach: await person('Sam Whitehorse', 'sam.whitehorse@r2c-coaches.test', 'coach'),
  };
}

describe('the web app: one whole cycle through the screens', () => {
  let t: TestApp;
  let c: Coalition;
  let browser: Browser;
  let base: string;
  let pilot: { initiativeId: string; librarian: Person; coach: Person };
  let librarian: Page;
  let coach: Page;
  const title = 'Bilingual Story Time';

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
    base = await listen(t);
    c = new Coalition(t);
    await c.signInAdmin();
    pilot = await riverbendPilot(c, title);
    browser = await launchBrowser();
    librarian = (await openAs(browser, base, PHONE, t.clock.now())).page;
    coach = (await openAs(browser, base, DESKTOP, t.clock.now())).page;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  describe('the librarian, on a phone', () => {
    it('signs in and lands on their initiative’s page', async () => {
      await librarian.goto('/');
      expect(await heading(librarian)).toBe('Sign in');
      await checkScreen(librarian, 'sign-in');
      await librarian.getByLabel('Email address').fill(pilot.librarian.email);
      await librarian.getByLabel('Password').fill('not the password');
      await librarian.getByRole('button', { name: 'Sign in' }).click();
      await expect(librarian.getByRole('alert').innerText()).resolves.toContain('The email or password is not right.');

      await signIn(librarian, pilot.librarian.email, PASSWORD);
      await librarian.waitForURL(`${base}/initiatives/${pilot.initiativeId}`);
      expect(await heading(librarian)).toBe(title);
    });

    it('stays signed in across a reload', async () => {
      await librarian.reload();
      expect(await heading(librarian)).toBe(title);
    });

    it('starts cycle 1 in the hypothesis phase', async () => {
      await librarian.getByLabel('Title').fill('Bilingual welcome');
      await librarian.getByRole('button', { name: 'Start cycle 1' }).click();
      await librarian.getByRole('heading', { name: 'Cycle 1: Bilingual welcome' }).waitFor();
      expect(await currentPhase(librarian)).toBe('Hypothesis');
    });

    it('shows why the cycle cannot move on beside each field the API names', async () => {
      await librarian.getByRole('button', { name: 'Save and move on to adaptation' }).click();
      const summary = librarian.getByRole('alert');
      await expect(summary.innerText()).resolves.toContain('Cannot move to adaptation: the hypothesis has no statement, no expected outcome and no indicator.');
      expect(await problemBeside(librarian, 'hypothesis-statement')).toContain('no statement');
      expect(await problemBeside(librarian, 'hypothesis-expectedOutcome')).toContain('no expected outcome');
      expect(await problemBeside(librarian, 'hypothesis-indicatorIds')).toContain('no indicator');
      expect(await librarian.locator('#hypothesis-statement').getAttribute('aria-invalid')).toBe('true');
      expect(await currentPhase(librarian)).toBe('Hypothesis');
      await checkScreen(librarian, 'librarian-hypothesis-refused');
    });

    it('adopts two catalogue indicators, states the hypothesis and moves to adaptation', async () => {
      await librarian.getByText('Add an indicator from the catalogue').click();
      for (const [key, name, baseline, target] of [
        ['attendance', 'Attendance', '12', '18'],
        ['trust_in_library', 'I trust the library', '3.4', '4'],
      ]) {
        await librarian.getByLabel('Indicator', { exact: true }).selectOption(key);
        await librarian.getByLabel('Baseline').fill(baseline);
        await librarian.getByLabel('Target').fill(target);
        await librarian.getByRole('button', { name: 'Add indicator' }).click();
        await librarian.getByText(`${name} added and chosen.`).waitFor();
      }
      expect(await librarian.locator('#hypothesis-indicatorIds input:checked').count()).toBe(2);
      await librarian
        .getByLabel('Hypothesis', { exact: true })
        .fill('If volunteers greet newcomer families in Spanish and Dari at the door, then more of them will come back, because they will feel expected.');
      await librarian.getByLabel('Expected outcome').fill('Attendance rises from 12 to 18 and trust scores rise.');
      await librarian.getByRole('button', { name: 'Save and move on to adaptation' }).click();
      await librarian.getByText('The cycle moved on to adaptation').waitFor();
      expect(await currentPhase(librarian)).toBe('Adaptation');
    });

    it('names the missing implementation date beside the date field', async () => {
      await librarian.getByLabel('What you changed this time').fill('Two volunteers greet families at the door and walk them in.');
      await librarian.getByRole('button', { name: 'Save and move on to evidence' }).click();
      expect(await problemBeside(librarian, 'adaptation-implementedOn')).toBe('Problem: Cannot move to evidence: the adaptation has no implementation date.');
      expect(await librarian.locator('#adaptation-description-error').count()).toBe(0);
      await checkScreen(librarian, 'librarian-adaptation-refused');

      await librarian.getByLabel('Date it was put in place').fill('2026-03-02');
      await librarian.getByLabel('Sessions held').fill('4');
      await librarian.getByLabel('Participants reached').fill('57');
      await librarian.getByRole('button', { name: 'Save and move on to evidence' }).click();
      await librarian.getByText('The cycle moved on to evidence').waitFor();
      expect(await currentPhase(librarian)).toBe('Evidence');
    });

    it('checks a value against the indicator’s kind before sending it', async () => {
      await chooseOption(librarian, 'evidence-indicatorId', 'I trust the library');
      await librarian.locator('#evidence-value').fill('6');
      await librarian.locator('#evidence-value').press('Enter');
      expect(await problemBeside(librarian, 'evidence-value')).toContain('A 1–5 score must be between 1 and 5, not 6.');
      await expect(librarian.getByRole('heading', { name: 'Evidence so far (0)' }).count()).resolves.toBe(1);
    });

    it('adds evidence in a few keystrokes: the value, Enter, the next value', async () => {
      await librarian.locator('#evidence-value').fill('4.2');
      await librarian.getByLabel('People asked').fill('11');
      await librarian.locator('#evidence-value').press('Enter');
      await librarian.getByText('Added: I trust the library 4.2').waitFor();

      await chooseOption(librarian, 'evidence-indicatorId', 'Attendance');
      expect(await librarian.locator('#evidence-method').inputValue()).toBe('sign_in');
      await librarian.locator('#evidence-value').fill('16');
      await librarian.locator('#evidence-value').press('Enter');
      await librarian.getByText('Added: Attendance 16 people').waitFor();
      expect(await librarian.evaluate('document.activeElement.id')).toBe('evidence-value');
      await librarian.keyboard.type('18');
      await librarian.keyboard.press('Enter');
      await librarian.getByText('Added: Attendance 18 people').waitFor();

      await librarian.getByLabel('Participant quote').check();
      await librarian.locator('#evidence-text').fill('“I didn’t know we could just come in.”');
      await librarian.getByRole('button', { name: 'Add evidence' }).click();
      await librarian.getByRole('heading', { name: 'Evidence so far (4)' }).waitFor();
      await checkScreen(librarian, 'librarian-evidence');
      await librarian.setViewportSize(DESKTOP);
      // From the top, without the pinned message: a whole-page picture draws what is fixed or sticky where the window was.
      await librarian.getByRole('button', { name: 'Dismiss' }).click();
      await librarian.evaluate('window.scrollTo(0, 0)');
      await screenshot(librarian, 'librarian-cycle-page');
      await librarian.setViewportSize(PHONE);
    });

    it('moves to reflection and lists every part missing before review beside its field', async () => {
      await librarian.getByRole('button', { name: 'Move on to reflection' }).click();
      await librarian.getByText('The cycle moved on to reflection').waitFor();
      await librarian.locator('#reflection-outcome-partly_supported').check();
      await librarian.getByRole('button', { name: 'Save and send for review' }).click();
      expect(await problemBeside(librarian, 'reflection-insights')).toContain('no insights, no decision and no next steps');
      expect(await problemBeside(librarian, 'reflection-decision')).toContain('no decision');
      expect(await problemBeside(librarian, 'reflection-nextSteps')).toContain('no next steps');

      await librarian.getByLabel('Insights').fill('Attendance rose to 17 a session. Trust rose a little.');
      await librarian.locator('#reflection-decision-adapt').check();
      await librarian.getByLabel('Next steps').fill('Add a Dari-speaking volunteer on Saturdays.');
      await librarian.getByRole('button', { name: 'Save and send for review' }).click();
      await librarian.getByText('Sent for review. A coach').first().waitFor();
      expect(await currentPhase(librarian)).toBe('Review');
    });

    it('posts a check-in and shows when the next one is due', async () => {
      await librarian.getByLabel('What happened').fill('Second story time: 14 families, 5 of them new.');
      await librarian.getByLabel('Blockers').fill('Our Dari-speaking volunteer moves away in April.');
      await librarian.getByRole('button', { name: 'Post check-in' }).click();
      // The test clock stands at 2 March 2026 and the cadence is 14 days.
      await librarian.getByText('Check-in posted. The next one is due Mon, Mar 16, 2026.').waitFor();
      await librarian.getByText('Second story time: 14 families, 5 of them new.').waitFor();
    });
  });

  describe('the coach reviews it', () => {
    it('finds the cycle in their review queue', async () => {
      await signIn(coach, pilot.coach.email, PASSWORD);
      expect(await heading(coach)).toBe('Review queue');
      await coach.getByRole('link', { name: 'Review Cycle 1: Bilingual welcome' }).waitFor();
      await checkScreen(coach, 'coach-queue');
    });

    it('requests changes, sending the cycle back to adaptation', async () => {
      await coach.getByRole('link', { name: 'Review Cycle 1: Bilingual welcome' }).click();
      expect(await heading(coach)).toBe('Review Cycle 1: Bilingual welcome');
      await coach.getByText('Two volunteers greet families at the door and walk them in.').waitFor();
      await checkScreen(coach, 'coach-review');
      await coach.getByLabel('Request changes').check();
      await coach.getByLabel('Send it back to').selectOption('adaptation');
      await coach.getByLabel('What should change').fill('Say how many volunteers took part, and who.');
      await coach.getByRole('button', { name: 'Request changes' }).click();
      await coach.getByText('Changes requested. The librarians have been sent back to adaptation.').waitFor();
      await coach.getByText('now in the adaptation phase').waitFor();
    });

    it('shows the librarian the coach’s request, and the librarian sends the cycle back for review', async () => {
      await librarian.reload();
      await librarian.getByRole('heading', { name: 'Your coach asked for changes' }).waitFor();
      await librarian.getByText('Say how many volunteers took part, and who.').first().waitFor();
      expect(await currentPhase(librarian)).toBe('Adaptation');
      await librarian.getByLabel('What you changed this time').fill('Two volunteers, Ana and Farid, greet families at the door and walk them in.');
      await librarian.getByRole('button', { name: 'Save and move on to evidence' }).click();
      await librarian.getByRole('button', { name: 'Move on to reflection' }).click();
      await librarian.getByText('The cycle moved on to reflection').waitFor();
      await librarian.getByRole('button', { name: 'Save and send for review' }).click();
      await librarian.getByText('Sent for review. A coach').first().waitFor();
    });

    it('approves the cycle, which closes it', async () => {
      (t.clock as FixedClock).advance(60_000);
      await coach.reload();
      await coach.getByText('now in the review phase').waitFor();
      await coach.getByLabel('Approve').check();
      await coach.getByLabel('Your note to the librarians').fill('Approved: a real cycle, with numbers and voices.');
      await coach.getByRole('button', { name: 'Approve and close the cycle' }).click();
      await coach.getByText('Approved. The cycle is closed').waitFor();
      await coach.getByText('now in the closed phase').waitFor();
      expect(await coach.getByRole('heading', { name: 'Your review' }).count()).toBe(0);
    });
  });

  describe('after the cycle closed', () => {
    it('shows the librarian cycle 1 among the past cycles, with a run chart per indicator from its summary', async () => {
      await librarian.reload();
      await librarian.getByRole('button', { name: 'Start cycle 2' }).waitFor();
      await librarian.getByRole('link', { name: 'Cycle 1: Bilingual welcome' }).waitFor();
      // The summary is compiled by a worker job right after the approval commits.
      for (let tries = 0; (await librarian.locator('figure.run-chart').count()) < 2 && tries < 40; tries++) {
        await librarian.waitForTimeout(250);
        if (await librarian.getByText('still being compiled').count()) await librarian.reload();
      }
      const charts = librarian.locator('figure.run-chart');
      expect(await charts.count()).toBe(2);
      expect(await charts.first().locator('svg desc').textContent()).toMatch(
        /^Each measured day's mean: \w+ \d+, \d{4}: 17 \(2 measured\)\. Baseline 12\. Target 18\. Fewer than 3 points, so no line or median is drawn\.$/,
      );
      await checkScreen(librarian, 'librarian-after-approval');
    });

    it('downloads every evidence entry as CSV with the session’s token', async () => {
      const [download] = await Promise.all([
        librarian.waitForEvent('download'),
        librarian.getByRole('button', { name: 'Download all evidence (CSV)' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`evidence-${title}.csv`);
      const csv = readFileSync(await download.path(), 'utf8');
      expect(csv.trim().split('\n')).toHaveLength(5);
      expect(csv).toContain('1,Bilingual welcome,closed,');
    });

    it('opens the cycle’s summary', async () => {
      await librarian.getByRole('link', { name: 'Cycle 1: Bilingual welcome' }).click();
      expect(await heading(librarian)).toBe(`${title}: Cycle 1: Bilingual welcome`);
      await librarian.getByText('Add a Dari-speaking volunteer on Saturdays.').waitFor();
      await librarian.getByText('I didn’t know we could just come in.').waitFor();
      await checkScreen(librarian, 'summary');
    });

    it('starts cycle 2 from cycle 1’s decision and next steps', async () => {
      const page = (await openAs(browser, base, DESKTOP, t.clock.now())).page;
      await signIn(page, pilot.librarian.email, PASSWORD);
      await page.getByLabel('Title').fill('Saturday welcome');
      await page.getByRole('button', { name: 'Start cycle 2' }).click();
      await page.getByText('Carried over from cycle 1').waitFor();
      await page.getByText('Next steps: Add a Dari-speaking volunteer on Saturdays.').waitFor();
      await page.context().close();
    });
  });

  describe('the session', () => {
    it('brings the sign-in back when the token has expired, then returns to the same page', async () => {
      const key = signingKeyOf(t.app);
      const expired = tokenSignedWith(key, { sub: pilot.librarian.id, role: 'librarian', exp: Math.floor(Date.now() / 1000) - 60 });
      await librarian.goto(`/initiatives/${pilot.initiativeId}`);
      expect(await heading(librarian)).toBe(title);
      await librarian.evaluate(`(() => {
        const session = JSON.parse(localStorage.getItem('r2c.session'));
        localStorage.setItem('r2c.session', JSON.stringify({ ...session, token: ${JSON.stringify(expired)} }));
      })()`);
      await librarian.reload();
      await librarian.getByRole('heading', { name: 'Sign in' }).waitFor();
      await librarian.getByText('Your session has ended. Sign in again to carry on where you were.').waitFor();
      await signIn(librarian, pilot.librarian.email, PASSWORD);
      expect(librarian.url()).toBe(`${base}/initiatives/${pilot.initiativeId}`);
      expect(await heading(librarian)).toBe(title);
    });

    it('signs out, and a reload stays signed out', async () => {
      await signOut(librarian);
      await librarian.getByText('You have signed out.').waitFor();
      await librarian.reload();
      expect(await heading(librarian)).toBe('Sign in');
    });
  });
});
