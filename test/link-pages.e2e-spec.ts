import { ADMIN_ENV } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('pages behind email links: a cut-short link is a page that says what happened, on a phone, with a way back', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV, withWorkers: false });
  });
  afterAll(async () => t?.close());

  it.each(['/api/v1/unsubscribe?token=', '/api/v1/unsubscribe', '/api/v1/digest-preferences?token=', '/api/v1/digest-preferences'])('%s', async (path) => {
    const page = await t.http().get(path).set('accept', BROWSER_ACCEPT).expect(400);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page.text).toContain('This link is not complete');
    expect(page.text).toMatch(/latest digest email/);
    expect(page.text).toContain('<a href="/">Go to R2C Tracker</a>');
    expect(page.text).not.toMatch(/statusCode|"message"|token must/);
    const json = await t.http().get(path).set('accept', 'application/json').expect(400);
    expect(json.body.details).toEqual([expect.objectContaining({ field: 'token' })]);
  });
});
