import { ADMIN_ENV, Coalition } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

describe('the queue dashboard at /api/v1/admin/queues', () => {
  let t: TestApp;
  let c: Coalition;
  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV, withWorkers: false });
    c = new Coalition(t);
    await c.signInAdmin();
  });
  afterAll(async () => t?.close());

  it('refuses a visitor without a token (401) and a librarian (403)', async () => {
    const anonymous = await t.http().get('/api/v1/admin/queues').expect(401);
    expect(anonymous.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    const librarian = await c.person('librarian');
    await t.http().get(`/api/v1/admin/queues?token=${librarian.token}`).expect(403);
    await t.http().get('/api/v1/admin/queues').set('authorization', `Bearer ${librarian.token}`).expect(403);
  });

  it('shows an admin every queue, keeping the token in an HttpOnly cookie for the page’s own requests', async () => {
    const page = await t.http().get(`/api/v1/admin/queues?token=${c.adminToken}`).expect(200);
    expect(page.text).toContain('R2C Tracker queues');
    const cookie = page.headers['set-cookie'][0];
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Path=\/api\/v1\/admin\/queues/);
    const queues = await t.http().get('/api/v1/admin/queues/api/queues').set('cookie', cookie.split(';')[0]).expect(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['digests', 'mail', 'outbox-relay', 'reminders', 'summaries']);
  });
});
