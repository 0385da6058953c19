import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { webAppDir } from '../../apps/api/src/web-app';
import { builtWebApp } from '../support/built';
import type { TestApp } from '../support/test-app';

/**
 * The system's Chrome or Chromium (Debian's chromium, which `npm run setup` and .ci/run install), not a
 * browser build playwright would download: those cannot be fetched here. CHROMIUM_PATH names another.
 */
const BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];
const CHROMIUM = process.env.CHROMIUM_PATH || (BROWSERS.find((path) => existsSync(path)) ?? BROWSERS[0]);
export const ARTIFACTS = join(__dirname, '../../test-artifacts/web');

export const PHONE = { width: 375, height: 812 };
export const DESKTOP = { width: 1280, height: 900 };

/**
 * Serves the app on a loopback port; the web files come from `npm run build:web` (part of
 * `npm test`'s build), the same files `npm start` serves.
 */
export async function listen(t: TestApp): Promise<string> {
  builtWebApp(webAppDir() ?? join(__dirname, '../../apps/web/dist'));
  await t.app.listen(0, '127.0.0.1');
  return (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
}

/** Headless chromium; playwright starts it with a fresh temporary --user-data-dir of its own. */
export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `No Chrome or Chromium at ${CHROMIUM}: run npm run setup (Debian/Ubuntu: apt-get install -y chromium), or set CHROMIUM_PATH to a Chrome or Chromium binary.`,
    );
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A browser context of its own per person, so their sessions (localStorage) never mix. Its clock
 * shows the test clock's day, so "today" in the screens is the server's today.
 */
export async function openAs(
  browser: Browser,
  baseURL: string,
  viewport: { width: number; height: number },
  now: Date,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, viewport, locale: 'en-US', timezoneId: 'UTC' });
  await context.clock.setFixedTime(now);
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  // Content-Security-Policy violations, of the page and of its frames (the digest preview runs no script to report them itself).
  await context.addInitScript({
    content:
      "document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));",
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) problems.push(message.text());
  });
  const devtools = await context.newCDPSession(page);
  await devtools.send('Log.enable');
  devtools.on('Log.entryAdded', ({ entry }) => {
    if (/Content Security Policy/i.test(entry.text)) problems.push(`${entry.text} (${entry.url ?? 'the page'})`);
  });
  (page as Page & { problems?: string[] }).problems = problems;
  return { context, page };
}

/** Script errors the page threw (React render errors included) and what its Content-Security-Policy blocked: a screen must have none. */
export function pageErrors(page: Page): string[] {
  return (page as Page & { problems?: string[] }).problems ?? [];
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
}

/** The page's main heading, once the screen has loaded. */
export async function heading(page: Page): Promise<string> {
  const h1 = page.locator('h1');
  await h1.waitFor();
  await page
    .locator('.loading')
    .first()
    .waitFor({ state: 'detached' })
    .catch(() => undefined);
  return (await h1.innerText()).trim();
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's WCAG 2.1 A/AA rules and best practices; the serious and critical violations, described. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page
    .locator('.loading')
    .first()
    .waitFor({ state: 'detached' })
    .catch(() => undefined);
  // Evaluated through the devtools protocol: the app's policy refuses an inline <script> tag, as it should.
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(axeSource);
  const result = await page.evaluate<{ violations: AxeViolation[] }>(
    `axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })`,
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A full-page screenshot in test-artifacts/web/, for people to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** What a main screen must pass: no serious or critical axe violation, no script error; and a screenshot of it. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect({ screen: name, violations: await seriousViolations(page), errors: pageErrors(page) }).toEqual({ screen: name, violations: [], errors: [] });
}
