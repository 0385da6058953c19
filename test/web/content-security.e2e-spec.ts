import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { OutboxMessage } from '@r2c/notify/entities';
import { CompileDigest } from '@r2c/reports';
import { ADMIN, ADMIN_ENV, Coalition, Person } from '../support/fixtures';
import { withBody } from '../support/outbox-mail';
import { waitFor } from '../support/ports';
import { webAppDir } from '../../apps/api/src/web-app';
import { startTestApp, TestApp } from '../support/test-app';
import { DESKTOP, heading, launchBrowser, listen, openAs, pageErrors, signIn } from './browser';

jest.setTimeout(90000);

const APP_URL = 'http://r2c.test';
const WEEK = { start: '2026-03-01', end: '2026-03-07' };

/** A Content-Security-Policy header as directive → its sources. */
function policyOf(header: string | undefined): Map<string, string[]> {
  const policy = new Map<string, string[]>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) policy.set(name.toLowerCase(), sources);
  }
  return policy;
}

/**
 * The web app keeps the session's token in localStorage, so no script but its own may run on its
 * pages, and the HTML the API writes (digests, summaries, the pages behind email links) runs none.
 */
describe('content security policy, and what the server ships', () => {
  let t: TestApp;
  let c: Coalition;
  let browser: Browser;
  let base: string;
  let pilot: { initiativeId: string; librarian: Person; coach: Person };
  let reader: Person;
  let cycleId: string;
  let digestId: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { ...ADMIN_ENV, APP_URL } });
    base = await listen(t);
    c = new Coalition(t);
    await c.signInAdmin();
    pilot = await c.pilot({ title: 'Common Ground Nights' });
    reader = await c.person('subscriber');
    const lib = c.as(pilot.librarian.token);
    const attendance = (await lib.post(`/api/v1/initiatives/${pilot.initiativeId}/indicators`, { templateKey: 'attendance', baseline: 10 }).expect(201)).body
      .id;
    cycleId = (
      await lib
        .post(`/api/v1/initiatives/${pilot.initiativeId}/cycles`, { title: 'Named invitations', plannedStart: '2026-01-12', plannedEnd: '2026-02-23' })
        .expect(201)
    ).body.id;
    const move = (to: string) => lib.post(`/api/v1/cycles/${cycleId}/transitions`, { to }).expect(200);
    await lib
      .put(`/api/v1/cycles/${cycleId}/hypothesis`, {
        statement: 'If we invite families by name, then more of them will come, because they will feel expected.',
        expectedOutcome: 'Attendance rises',
        indicatorIds: [attendance],
      })
      .expect(200);
    await move('adaptation');
    await lib
      .put(`/api/v1/cycles/${cycleId}/adaptation`, { description: 'Volunteers phone each family the week before.', implementedOn: '2026-01-19' })
      .expect(200);
    await move('evidence');
    await lib
      .post(`/api/v1/cycles/${cycleId}/evidence`, { kind: 'measurement', indicatorId: attendance, value: 16, observedOn: '2026-01-26', method: 'sign_in' })
      .expect(201);
    await move('reflection');
    await lib
      .put(`/api/v1/cycles/${cycleId}/reflection`, {
        outcome: 'supported',
        insights: 'A personal invitation matters.',
        decision: 'continue',
        nextSteps: 'Keep phoning.',
      })
      .expect(200);
    await move('review');
    await c.as(pilot.coach.token).post(`/api/v1/cycles/${cycleId}/reviews`, { verdict: 'approve', body: 'Approved.' }).expect(201);
    await waitFor(async () => (await c.as(pilot.librarian.token).get(`/api/v1/cycles/${cycleId}/summary`)).status === 200, 30000, 'the summary');
    digestId = (await t.app.get(CompileDigest).run(WEEK, null)).digest.id;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const linksOf = async (person: Person) => {
    const mail = await withBody(
      t.app.get(DataSource),
      await t.app
        .get(DataSource)
        .getRepository(OutboxMessage)
        .findOneByOrFail({ idempotencyKey: `digest:${WEEK.start}_${WEEK.end}:${person.id}` }),
    );
    return {
      unsubscribe: mail.headers!['List-Unsubscribe'].slice(APP_URL.length + 1, -1),
      preferences: mail.textBody.match(/Choose weekly, monthly or no digest:\s*(\S+)/)![1].slice(APP_URL.length),
    };
  };

  describe('headers', () => {
    it('serves the web app with a policy that runs its own scripts only, and index.html has no inline script', async () => {
      for (const path of ['/', `/summaries/${cycleId}`, '/digests']) {
        const res = await t.http().get(path).expect(200);
        expect(res.headers['content-type']).toMatch(/^text\/html/);
        const policy = policyOf(res.headers['content-security-policy']);
        expect({ path, script: policy.get('script-src') }).toEqual({ path, script: ["'self'"] });
        expect(policy.get('default-src')).toEqual(["'self'"]);
        expect(policy.get('object-src')).toEqual(["'none'"]);
        expect(policy.get('base-uri')).toEqual(["'none'"]);
        expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
        expect(policy.get('form-action')).toEqual(["'self'"]);
        expect(policy.get('style-src')).toEqual(["'self'"]);
        expect(res.text.match(/<script\b[^>]*>/g)!.every((tag) => / src="\/assets\/[\w-]+\.js"/.test(tag))).toBe(true);
      }
    });

    it('sends helmet’s other headers on every answer, and no X-Powered-By', async () => {
      for (const res of [await t.http().get('/').expect(200), await t.http().get('/api/v1/me').set('authorization', `Bearer ${c.adminToken}`).expect(200)]) {
        expect(res.headers).toMatchObject({
          'x-frame-options': 'SAMEORIGIN',
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
          'strict-transport-security': 'max-age=31536000; includeSubDomains',
          'cross-origin-opener-policy': 'same-origin',
          'cross-origin-resource-policy': 'same-origin',
          'origin-agent-cluster': '?1',
          'x-dns-prefetch-control': 'off',
          'x-download-options': 'noopen',
          'x-permitted-cross-domain-policies': 'none',
          'x-xss-protection': '0',
        });
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('serves the HTML the API writes as documents with a policy that allows no script at all', async () => {
      const links = await linksOf(reader);
      const documents: [string, string, string?][] = [
        ['digest', `/api/v1/digests/${digestId}?format=html`, c.adminToken],
        ['summary', `/api/v1/cycles/${cycleId}/summary?format=html`, pilot.librarian.token],
        ['unsubscribe page', links.unsubscribe],
        ['how-often page', links.preferences],
        ['refused link page', `${links.unsubscribe}x`],
        ['JSON', '/api/v1/me', c.adminToken],
      ];
      for (const [what, path, token] of documents) {
        const res = await (token ? t.http().get(path).set('authorization', `Bearer ${token}`) : t.http().get(path)).set('accept', 'text/html');
        const policy = policyOf(res.headers['content-security-policy']);
        expect({ what, default: policy.get('default-src'), script: policy.get('script-src'), style: policy.get('style-src') }).toEqual({
          what,
          default: ["'none'"],
          script: undefined,
          style: ["'unsafe-inline'"],
        });
        // A page with buttons posts to its own origin; the summary sets a stricter policy of its own, with no form at all.
        expect({ what, base: policy.get('base-uri'), frames: policy.get('frame-ancestors'), forms: policy.get('form-action') }).toEqual({
          what,
          base: ["'none'"],
          frames: ["'none'"],
          forms: what === 'summary' ? ["'none'"] : ["'self'"],
        });
      }
    });
  });

  it('does not ship the source map: /assets/*.map is 404, and the script names none', async () => {
    const index = (await t.http().get('/').expect(200)).text;
    const script = index.match(/<script[^>]* src="(\/assets\/[\w-]+\.js)"/)![1];
    const js = await t.http().get(script).expect(200);
    expect(/sourceMappingURL/.test(js.text)).toBe(false);
    await t.http().get(`${script}.map`).expect(404);
    await t.http().get('/assets/index.js.map').expect(404);
    // Nor one left in the build by hand.
    const leftBehind = join(webAppDir()!, 'assets', `left-behind-${process.pid}.js.map`);
    writeFileSync(leftBehind, '{"version":3,"sources":["secret.ts"]}');
    try {
      await t.http().get(`/assets/left-behind-${process.pid}.js.map`).expect(404);
    } finally {
      rmSync(leftBehind);
    }
  });

  describe('in a browser', () => {
    /** Every CSP violation the page and its frames report, besides script errors. */
    const violations = async (page: Page) => pageErrors(page).filter((e) => /Content.Security.Policy|securitypolicyviolation/i.test(e));

    it('the app works under its policy: signing in, a summary, a digest and its HTML preview, settings; nothing is blocked', async () => {
      const { page } = await openAs(browser, base, DESKTOP, t.clock.now());
      await signIn(page, ADMIN.email, ADMIN.password);
      await page.goto(`/summaries/${cycleId}`);
      expect(await heading(page)).toMatch(/Named invitations/);
      await page.goto(`/digests/${digestId}`);
      await heading(page);
      await page.getByRole('button', { name: 'Preview the HTML email' }).click();
      await page.frameLocator('iframe[title="The digest email as subscribers see it"]').getByText('Named invitations').first().waitFor();
      await page.getByRole('banner').getByRole('link', { name: 'Settings', exact: true }).click();
      expect(await heading(page)).toBe('Settings');
      // A violation is reported asynchronously; give it a moment to arrive.
      await page.waitForTimeout(300);
      expect(pageErrors(page)).toEqual([]);
    });

    it('the pages behind the email links work under theirs: the button unsubscribes', async () => {
      const { page } = await openAs(browser, base, DESKTOP, t.clock.now());
      const links = await linksOf(reader);
      await page.goto(links.unsubscribe);
      await page.getByRole('button', { name: 'Unsubscribe' }).click();
      await page.getByRole('heading', { name: 'You are unsubscribed' }).waitFor();
      await page.goto(links.preferences);
      await page.getByRole('button', { name: 'Every week' }).click();
      await page.getByText(/Saved: .* gets every week/).waitFor();
      await page.waitForTimeout(300);
      expect(await violations(page)).toEqual([]);
      expect(pageErrors(page)).toEqual([]);
    });

    it('the API documentation (/docs) loads under its own policy', async () => {
      const { page } = await openAs(browser, base, DESKTOP, t.clock.now());
      await page.goto('/docs');
      await page.getByRole('heading', { name: /R2C Tracker API/ }).waitFor();
      await page.getByText('/api/v1/unsubscribe').first().waitFor();
      await page.waitForTimeout(300);
      expect(pageErrors(page)).toEqual([]);
    });

    it('the queue dashboard loads under its own policy', async () => {
      const { page } = await openAs(browser, base, DESKTOP, t.clock.now());
      const session = await c.as(c.adminToken).post('/api/v1/admin/queue-dashboard/session').expect(201);
      await page.goto(session.body.url);
      await page.getByText('R2C Tracker queues').first().waitFor();
      await page.waitForTimeout(300);
      expect(await violations(page)).toEqual([]);
    });
  });
});
