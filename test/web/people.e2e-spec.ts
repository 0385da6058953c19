import type { Browser, BrowserContext, Page } from 'playwright-core';
import { encode } from 'iconv-lite';
import { FixedClock } from '@r2c/core';
import { ADMIN, ADMIN_ENV, Coalition, PASSWORD, Person } from '../support/fixtures';
import { waitFor } from '../support/ports';
import { TestSmtp } from '../support/smtp-server';
import { startTestApp, TestApp } from '../support/test-app';
import { checkScreen, DESKTOP, heading, launchBrowser, listen, openAs, PHONE, signIn } from './browser';

// A real API, database, Redis and SMTP server on loopback: the links are taken from the emails as delivered.
jest.setTimeout(120000);

const APP_URL = 'http://r2c.test';
const NEW_PASSWORD = 'lantern-orchard-velvet-42';
const DAY = 24 * 60 * 60 * 1000;

/** A subscriber list as Excel saves it on Windows: Windows-1252 bytes, CRLF lines. */
const excelCsv = (lines: string[]) => encode(['email,name', ...lines].join('\r\n') + '\r\n', 'windows-1252');

describe('people at coalition scale, in the browser', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let c: Coalition;
  let browser: Browser;
  let base: string;
  let admin: Page;
  let pilot: Awaited<ReturnType<Coalition['pilot']>>;
  let pilotTitle: string;
  const contexts: BrowserContext[] = [];

  const open = async (viewport = PHONE) => {
    const opened = await openAs(browser, base, viewport, t.clock.now());
    contexts.push(opened.context);
    return opened.page;
  };
  /** The app's path and query of the link in the latest email to `address` that has one to `path`, from the SMTP copy (quoted-printable). */
  const linkIn = (address: string, path: string): Promise<string> =>
    waitFor(
      async () => {
        const texts = smtp
          .to(address)
          .map((m) => m.raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))));
        const token = texts
          .reverse()
          .map((text) => text.match(new RegExp(`${APP_URL}/${path}\\?token=([A-Za-z0-9_-]+)`))?.[1])
          .find(Boolean);
        return token ? `/${path}?token=${token}` : false;
      },
      15000,
      `an email to ${address} with a ${path} link`,
    );
  const mails = (address: string) => smtp.to(address).length;
  /** Nothing wider than the phone: no sideways scrolling. */
  const fitsThePhone = async (page: Page) => expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
  const account = async (email: string) =>
    (
      await c
        .as(c.adminToken)
        .get(`/api/v1/users?q=${encodeURIComponent(email)}`)
        .expect(200)
    ).body.items[0] as { id: string; role: string; name: string };
  const membersOfPilot = async () =>
    ((await c.as(c.adminToken).get(`/api/v1/initiatives/${pilot.initiativeId}`).expect(200)).body.members as { userId: string; role: string }[]).map(
      (m) => m.userId,
    );
  const goToPeople = async (page: Page) => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People', exact: true }).click();
    expect(await heading(page)).toBe('People');
  };

  beforeAll(async () => {
    smtp = await new TestSmtp().start();
    t = await startTestApp({ env: { ...ADMIN_ENV, SMTP_URL: smtp.url, APP_URL, OUTBOX_POLL_MS: '100', MAIL_BACKOFF_MS: '50' } });
    base = await listen(t);
    c = new Coalition(t);
    await c.signInAdmin();
    pilotTitle = 'Common Ground Nights';
    pilot = await c.pilot({ title: pilotTitle });
    browser = await launchBrowser();
    admin = await open(DESKTOP);
    await signIn(admin, ADMIN.email, ADMIN.password);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
    await smtp?.stop();
  });

  it('an admin invites a librarian, who accepts on a phone and lands signed in at the initiative', async () => {
    await goToPeople(admin);
    const invite = admin.locator('#invite');
    await invite.getByLabel('Name').fill('Maria Lopez');
    await invite.getByLabel('Email address').fill('maria.lopez@riverbend.lib.test');
    await invite.getByLabel('Role').selectOption('librarian');
    await invite.getByLabel('Initiative').selectOption({ label: pilotTitle });
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await invite.getByText(`Invitation sent to maria.lopez@riverbend.lib.test, to join ${pilotTitle} as its librarian.`).waitFor();
    await admin.locator('#invitations').getByRole('rowheader', { name: 'Maria Lopez' }).waitFor();
    await checkScreen(admin, 'people-admin');

    const link = await linkIn('maria.lopez@riverbend.lib.test', 'accept-invitation');
    const maria = await open(PHONE);
    await maria.goto(link);
    expect(await heading(maria)).toBe('Accept your invitation');
    // The link is checked on opening: the page greets the person it was sent to, and never shows the link's code.
    await maria.getByText('Welcome, Maria Lopez — choose a password for maria.lopez@riverbend.lib.test').waitFor();
    await maria.getByText(`You are invited as a librarian, to join the initiative “${pilotTitle}” as its librarian.`).waitFor();
    expect(await maria.locator('body').innerText()).not.toContain(link.split('token=')[1]);
    // The rule is said before anything is typed.
    await maria.getByText('At least 10 characters and hard to guess.').waitFor();
    await checkScreen(maria, 'accept-invitation-phone');
    await fitsThePhone(maria);

    await maria.getByLabel('Choose a password').fill('password12');
    await maria.getByLabel('Type it again').fill('password12');
    await maria.getByRole('button', { name: 'Set password and sign in' }).click();
    // The refusal stands beside the field, in the words of its label.
    expect(await maria.locator('#invitation-password-error').innerText()).toMatch(/Choose a password/);

    await maria.getByLabel('Choose a password').fill(NEW_PASSWORD);
    await maria.getByLabel('Type it again').fill(NEW_PASSWORD);
    await maria.getByRole('button', { name: 'Set password and sign in' }).click();
    await maria.getByRole('heading', { level: 1, name: pilotTitle }).waitFor();
    await maria.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(new URL(maria.url()).pathname).toBe(`/initiatives/${pilot.initiativeId}`);
    await fitsThePhone(maria);

    // The link works once; opened again it says what happened at once, as a page with no password to type, never raw JSON.
    const again = await open(PHONE);
    await again.goto(link);
    await again.getByRole('heading', { level: 1, name: 'This invitation cannot be used' }).waitFor();
    await again.getByText(/This invitation was already used on/).waitFor();
    await again.getByText('Ask the programme team for a new invitation').waitFor();
    expect(await again.locator('input[type="password"]').count()).toBe(0);
    await checkScreen(again, 'invitation-used-phone');
  });

  it('forgot password: the same answer for any address, the emailed link sets a new password, and the old session ends', async () => {
    const jo = await c.person('librarian');
    const before = await open(DESKTOP);
    await signIn(before, jo.email, PASSWORD);

    const phone = await open(PHONE);
    await phone.goto('/');
    await phone.getByRole('link', { name: 'Forgot password?' }).click();
    expect(await heading(phone)).toBe('Forgot your password?');
    await checkScreen(phone, 'forgot-password-phone');
    await fitsThePhone(phone);

    await phone.getByLabel('Email address').fill('nobody@nowhere.test');
    await phone.getByRole('button', { name: 'Email me a reset link' }).click();
    await phone.getByText('Check your email. If nobody@nowhere.test belongs to an account here').waitFor();
    await phone.getByLabel('Email address').fill(jo.email);
    await phone.getByRole('button', { name: 'Email me a reset link' }).click();
    await phone.getByText(`Check your email. If ${jo.email} belongs to an account here`).waitFor();

    const link = await linkIn(jo.email, 'reset-password');
    expect(mails('nobody@nowhere.test')).toBe(0);
    await phone.goto(link);
    expect(await heading(phone)).toBe('Choose a new password');
    await phone.getByText(`A new password for ${jo.email}.`).waitFor();
    await checkScreen(phone, 'reset-password-phone');
    await phone.getByLabel('New password').fill(NEW_PASSWORD);
    await phone.getByLabel('Type it again').fill(`${NEW_PASSWORD}x`);
    await phone.getByRole('button', { name: 'Save the new password' }).click();
    await phone.locator('#reset-password-again-error').getByText('The two passwords are not the same').waitFor();
    await phone.getByLabel('Type it again').fill(NEW_PASSWORD);
    await phone.getByRole('button', { name: 'Save the new password' }).click();
    await phone.getByRole('button', { name: 'Sign out' }).waitFor();

    // The session signed in before the reset is refused at its next request.
    await before.reload();
    await before.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await before.getByText('Your session has ended').waitFor();
    await signIn(before, jo.email, NEW_PASSWORD);

    // A used reset link says so on opening, with the way to a fresh one and no password to type.
    const used = await open(PHONE);
    await used.goto(link);
    await used.getByRole('heading', { level: 1, name: 'This reset link cannot be used' }).waitFor();
    await used.getByText(/This password reset link was already used on/).waitFor();
    await used.getByRole('link', { name: 'Ask for a new reset link' }).waitFor();
    expect(await used.locator('input[type="password"]').count()).toBe(0);
    await checkScreen(used, 'reset-link-used-phone');
  });

  it('too many wrong passwords on the sign-in page: a plain answer saying how long to wait', async () => {
    const kim = await c.person('librarian');
    const page = await open(PHONE);
    await page.goto('/');
    for (let attempt = 1; attempt <= 6; attempt++) {
      await page.getByLabel('Email address').fill(kim.email);
      await page.getByLabel('Password').fill(`wrong-password-${attempt}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').waitFor();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
    }
    await page.getByRole('alert').getByText('Too many failed sign-in attempts. Wait 15 minutes and try again').waitFor();
    await checkScreen(page, 'sign-in-too-many-attempts-phone');
  });

  it('change one’s own password in settings and stay signed in', async () => {
    const sam = await c.person('coach');
    const page = await open(DESKTOP);
    await signIn(page, sam.email, PASSWORD);
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    const form = page.locator('#change-password');
    await form.getByLabel('Current password').fill('not-my-password');
    await form.getByLabel('New password').fill(NEW_PASSWORD);
    await form.getByLabel('Type it again').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Change password' }).click();
    expect(await form.locator('#current-password-error').innerText()).toMatch(/Current password is not your current password/);
    await form.getByLabel('Current password').fill(PASSWORD);
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByText('Your password is changed.').waitFor();
    await checkScreen(page, 'settings-change-password');
    // The new token carries the session on.
    await page.reload();
    expect(await heading(page)).toBe('Settings');
    await c.login(sam.email, NEW_PASSWORD);
  });

  it('bulk import: a file with a bad line shows the line and imports nobody; the fixed file is previewed, then imported', async () => {
    await goToPeople(admin);
    const section = admin.locator('#import');
    const file = admin.getByLabel('Member list (.csv)');
    await file.setInputFiles({
      name: 'members.csv',
      mimeType: 'text/csv',
      buffer: excelCsv(['zoe.martin@members.test,Zo\u00eb Martin', 'not-an-email,Bad Line']),
    });
    await section.getByText('Line 3:', { exact: true }).waitFor();
    expect(await section.locator('.bad-rows').innerText()).toContain('not an email address');
    await checkScreen(admin, 'people-import-refused');
    expect((await account('zoe.martin@members.test')) ?? null).toBeNull();

    await file.setInputFiles({
      name: 'members-fixed.csv',
      mimeType: 'text/csv',
      buffer: excelCsv([
        'zoe.martin@members.test,Zo\u00eb Martin',
        'ana.obrien@members.test,Ana O\u2019Brien \u2013 Main Branch',
        `${pilot.librarian.email},Already Here`,
      ]),
    });
    await section.getByRole('heading', { name: 'What members-fixed.csv holds' }).waitFor();
    expect(await section.locator('.import-preview').innerText()).toMatch(/2\s+new subscribers[\s\S]*1\s+already has an account/);
    await section.getByText('Read as Windows-1252 text.').waitFor();
    expect((await account('zoe.martin@members.test')) ?? null).toBeNull();
    await checkScreen(admin, 'people-import-preview');

    await section.getByRole('button', { name: 'Import 2 subscribers' }).click();
    await section.getByText('2 subscribers imported from members-fixed.csv; 1 address already had an account').waitFor();
    expect(await account('zoe.martin@members.test')).toMatchObject({ name: 'Zoë Martin', role: 'subscriber' });
    // The apostrophe and the dash are bytes Windows-1252 has and Latin-1 lacks (0x92, 0x96).
    expect(await account('ana.obrien@members.test')).toMatchObject({ name: 'Ana O’Brien – Main Branch', role: 'subscriber' });

    // The imported people are found by name, with the accented letter as typed.
    const accounts = admin.locator('#accounts');
    await accounts.getByLabel('Name or email contains').fill('Zoë');
    await accounts.getByRole('button', { name: 'Search' }).click();
    await accounts.getByRole('rowheader', { name: 'Zoë Martin' }).waitFor();
    await accounts.getByText('1–1 of 1 person').waitFor();
  });

  it('a role change asks first, saying what the person loses: cancel changes nothing, confirm changes the role', async () => {
    const librarian: Person = pilot.librarian;
    const { name } = await account(librarian.email);
    await goToPeople(admin);
    const accounts = admin.locator('#accounts');
    await accounts.getByLabel('Name or email contains').fill(librarian.email);
    await accounts.getByRole('button', { name: 'Search' }).click();
    await accounts.getByText('1–1 of 1 person').waitFor();
    const role = accounts.getByLabel(`Role of ${name}`);

    await role.selectOption('coach');
    const confirm = accounts.getByRole('group', { name: `Make ${name} a coach?` });
    expect(await confirm.innerText()).toContain(`${name} will leave every initiative they are part of as a librarian`);
    await checkScreen(admin, 'people-role-confirm');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(await role.inputValue()).toBe('librarian');
    expect((await account(librarian.email)).role).toBe('librarian');
    expect(await membersOfPilot()).toContain(librarian.id);

    await role.selectOption('admin');
    const toStaff = accounts.getByRole('group', { name: `Make ${name} programme staff?` });
    expect(await toStaff.innerText()).toContain('Programme staff have every power');
    await toStaff.getByRole('button', { name: `Make ${name} programme staff` }).click();
    await accounts.getByText(`${name} is now programme staff.`).waitFor();
    expect((await account(librarian.email)).role).toBe('admin');
    expect(await membersOfPilot()).not.toContain(librarian.id);
  });

  it('the People screen finds people by role and state a page at a time, and deactivates and reactivates an account', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `pager${String(i).padStart(2, '0')}@members.test,Pager Reader ${String(i).padStart(2, '0')}`);
    await c
      .as(c.adminToken)
      .post('/api/v1/users/import', { csv: ['email,name', ...rows].join('\r\n') })
      .expect(200);
    const dana = { email: 'dana.okafor@coaches.test', name: 'Dana Okafor' };
    await c
      .as(c.adminToken)
      .post('/api/v1/users', { ...dana, role: 'coach', password: PASSWORD })
      .expect(201);
    const danaToken = await c.login(dana.email);

    await admin.goto('/admin/people');
    const accounts = admin.locator('#accounts');
    const search = async (q: string, role = '', active = '') => {
      await accounts.getByLabel('Name or email contains').fill(q);
      await accounts.getByLabel('Role', { exact: true }).selectOption(role);
      await accounts.getByLabel('Account', { exact: true }).selectOption(active);
      await accounts.getByRole('button', { name: 'Search' }).click();
    };

    await search('pager');
    await accounts.getByText('1–25 of 30 people').waitFor();
    await accounts.getByRole('button', { name: 'Next 25' }).click();
    await accounts.getByText('26–30 of 30 people').waitFor();
    await accounts.getByRole('rowheader', { name: 'Pager Reader 29' }).waitFor();
    await accounts.getByRole('button', { name: 'Previous 25' }).click();
    await accounts.getByText('1–25 of 30 people').waitFor();

    await search('Dana Okafor');
    await accounts.getByRole('button', { name: 'Deactivate Dana Okafor' }).click();
    await accounts.getByText('Dana Okafor’s account is deactivated: they are signed out and cannot sign in.').waitFor();
    await c.as(danaToken).get('/api/v1/me').expect(401);
    await c.as('').post('/api/v1/auth/login', { email: dana.email, password: PASSWORD }).expect(401);

    // Deactivated coaches: Dana is among them, and everyone listed is a deactivated coach.
    await search('', 'coach', 'false');
    await accounts.getByRole('rowheader', { name: 'Dana Okafor' }).waitFor();
    for (const state of await accounts.locator('td[data-label="Account"]').allInnerTexts()) expect(state).toMatch(/^Deactivated/);
    for (const select of await accounts.locator('td[data-label="Role"] select').all()) expect(await select.inputValue()).toBe('coach');
    await checkScreen(admin, 'people-deactivated-coaches');

    await accounts.getByRole('button', { name: 'Reactivate Dana Okafor' }).click();
    await accounts.getByText('Dana Okafor can sign in again.').waitFor();
    await c.login(dana.email);
  });

  it('a revoked invitation and an expired one: the link says what happened and how to get a new one', async () => {
    const invite = async (email: string, name: string) => {
      await c.as(c.adminToken).post('/api/v1/invitations', { email, name, role: 'subscriber' }).expect(201);
      return linkIn(email, 'accept-invitation');
    };
    const refusedOnOpening = async (link: string) => {
      const page = await open(PHONE);
      await page.goto(link);
      await page.getByRole('heading', { level: 1, name: 'This invitation cannot be used' }).waitFor();
      await page.getByText('Ask the programme team for a new invitation').waitFor();
      expect(await page.locator('input[type="password"]').count()).toBe(0);
      return page;
    };

    // Revoked while its page is open: choosing the password is refused the same way.
    const revokedLink = await invite('rui.costa@members.test', 'Rui Costa');
    const revoked = await open(PHONE);
    await revoked.goto(revokedLink);
    await revoked.getByText('Welcome, Rui Costa — choose a password for rui.costa@members.test').waitFor();
    await admin.goto('/admin/people');
    const pending = admin.locator('#invitations');
    await pending.getByRole('rowheader', { name: 'Rui Costa' }).waitFor();
    await pending.getByRole('button', { name: 'Revoke the invitation to rui.costa@members.test' }).click();
    await pending.getByText('The invitation to rui.costa@members.test is revoked: its link no longer works.').waitFor();
    await revoked.getByLabel('Choose a password').fill(NEW_PASSWORD);
    await revoked.getByLabel('Type it again').fill(NEW_PASSWORD);
    await revoked.getByRole('button', { name: 'Set password and sign in' }).click();
    await revoked.getByRole('heading', { level: 1, name: 'This invitation cannot be used' }).waitFor();
    await revoked.getByText(/This invitation was revoked on .* by the programme staff/).waitFor();
    await checkScreen(revoked, 'invitation-revoked-phone');
    // Opened again, it says so at once.
    await (await refusedOnOpening(revokedLink)).getByText(/This invitation was revoked on/).waitFor();

    const lateLink = await invite('lea.weber@members.test', 'Lea Weber');
    const clock = t.clock as FixedClock;
    clock.advance(8 * DAY);
    try {
      const expired = await refusedOnOpening(lateLink);
      await expired.getByText(/This invitation expired on .*: ask the programme staff for a new one/).waitFor();
      await checkScreen(expired, 'invitation-expired-phone');
    } finally {
      clock.advance(-8 * DAY);
    }
    expect(await account('lea.weber@members.test')).toBeUndefined();

    // A link cut short on the way is told in plain words, not as the API's field rule.
    const cut = await refusedOnOpening(lateLink.slice(0, -5));
    await cut.getByText('The code in this link is incomplete or changed').waitFor();
  });

  it('pending invitations at coalition scale: fifty to a page, newest first, the older ones a page on', async () => {
    const clock = t.clock as FixedClock;
    for (let i = 0; i < 55; i++) {
      clock.advance(1000); // one a second, so that "newest first" has an order to show
      await c
        .as(c.adminToken)
        .post('/api/v1/invitations', { email: `cohort${i}@members.test`, name: `Cohort Member ${String(i).padStart(2, '0')}`, role: 'librarian' })
        .expect(201);
    }
    clock.advance(-55 * 1000);
    await admin.goto('/admin/people');
    const pending = admin.locator('#invitations');
    await pending.getByText(/^1–50 of \d+ pending invitations, newest first$/).waitFor();
    await pending.getByRole('rowheader', { name: 'Cohort Member 54' }).waitFor();
    expect(await pending.getByRole('rowheader', { name: 'Cohort Member 00' }).count()).toBe(0);
    await pending.getByRole('button', { name: 'Next 50' }).click();
    await pending.getByText(/^51–\d+ of \d+ pending invitations, newest first$/).waitFor();
    await pending.getByRole('rowheader', { name: 'Cohort Member 00' }).waitFor();
    expect(await pending.getByRole('rowheader', { name: 'Cohort Member 54' }).count()).toBe(0);
    await checkScreen(admin, 'people-invitations-page-2');
    await pending.getByRole('button', { name: 'Previous 50' }).click();
    await pending.getByRole('rowheader', { name: 'Cohort Member 54' }).waitFor();
  });

  it('the People screen fits a phone: the list becomes cards, with nothing to scroll sideways', async () => {
    const phone = await open(PHONE);
    await signIn(phone, ADMIN.email, ADMIN.password);
    await phone.goto('/admin/people');
    expect(await heading(phone)).toBe('People');
    await phone.locator('#accounts tbody tr').first().waitFor();
    await fitsThePhone(phone);
    await checkScreen(phone, 'people-admin-phone');
  });

  it('anyone signs up for the digest on a phone and confirms from the email; a used link says so', async () => {
    const phone = await open(PHONE);
    await phone.goto('/subscribe');
    expect(await heading(phone)).toBe('Get the coalition digest');
    await phone.getByRole('button', { name: 'Sign me up' }).click();
    await phone.locator('#subscribe-email-error').getByText('Enter your email address.').waitFor();
    await checkScreen(phone, 'subscribe-phone');
    await fitsThePhone(phone);
    await phone.getByLabel('Your name').fill('Priya Nair');
    await phone.getByLabel('Email address').fill('priya.nair@members.test');
    await phone.getByRole('button', { name: 'Sign me up' }).click();
    await phone.getByText('Check your email. We sent a message to priya.nair@members.test').waitFor();

    const link = await linkIn('priya.nair@members.test', 'confirm-subscription');
    await phone.goto(link);
    expect(await heading(phone)).toBe('Confirm your subscription');
    await checkScreen(phone, 'confirm-subscription-phone');
    await phone.getByRole('button', { name: 'Confirm my subscription' }).click();
    await phone.getByRole('heading', { level: 1, name: 'You are subscribed' }).waitFor();
    expect(await account('priya.nair@members.test')).toMatchObject({ role: 'subscriber' });

    await phone.goto(link);
    await phone.getByRole('button', { name: 'Confirm my subscription' }).click();
    await phone.getByRole('heading', { level: 1, name: 'This confirmation link cannot be used' }).waitFor();
    await phone.getByText(/already been used/).waitFor();
    await phone.getByRole('link', { name: 'Sign up again' }).waitFor();
    await checkScreen(phone, 'confirm-subscription-used-phone');
  });

  describe('with DIGEST_SIGNUP=closed', () => {
    let closed: TestApp;
    let closedBase: string;
    beforeAll(async () => {
      closed = await startTestApp({ env: { ...ADMIN_ENV, DIGEST_SIGNUP: 'closed' }, withWorkers: false });
      closedBase = await listen(closed);
    });
    afterAll(async () => closed?.close());

    it('the sign-up page says plainly that signing up is closed', async () => {
      const { context, page } = await openAs(browser, closedBase, PHONE, closed.clock.now());
      contexts.push(context);
      await page.goto('/subscribe');
      await page.getByLabel('Your name').fill('Priya Nair');
      await page.getByLabel('Email address').fill('priya.nair@members.test');
      await page.getByRole('button', { name: 'Sign me up' }).click();
      await page.getByText('Signing up for the digest is closed here: ask the coalition staff to add you as a subscriber.').waitFor();
      expect(await page.getByRole('button', { name: 'Sign me up' }).count()).toBe(0);
      await checkScreen(page, 'subscribe-closed-phone');
    });
  });
});
