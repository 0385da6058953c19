import { DataSource } from 'typeorm';
import { AuditEntry } from '@r2c/access/entities';
import { ADMIN_ENV, Coalition, PASSWORD } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

const NEW_PASSWORD = 'lantern-orchard-velvet-42';

describe('account security: passwords, tokens and roles', () => {
  let t: TestApp;
  let c: Coalition;

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV, withWorkers: false });
    c = new Coalition(t);
    await c.signInAdmin();
  });
  afterAll(async () => t?.close());

  const audit = (entityType: string, entityId: string) =>
    t.app
      .get(DataSource)
      .getRepository(AuditEntry)
      .find({ where: { entityType: entityType as never, entityId }, order: { at: 'ASC' } });

  describe('PUT /me/password', () => {
    it('changes the password, answers a new token, and refuses every other token of the account', async () => {
      const p = await c.person('librarian');
      const second = await c.login(p.email);
      const res = await c.as(p.token).put('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }).expect(200);
      expect(res.body).toEqual({ accessToken: expect.any(String) });
      await c.as(res.body.accessToken).get('/api/v1/me').expect(200);
      await c.as(p.token).get('/api/v1/me').expect(401);
      await c.as(second).get('/api/v1/me').expect(401);
      await c.as('').post('/api/v1/auth/login', { email: p.email, password: PASSWORD }).expect(401);
      await c.as('').post('/api/v1/auth/login', { email: p.email, password: NEW_PASSWORD }).expect(200);
      const rows = await audit('user', p.id);
      expect(rows.at(-1)).toMatchObject({ actorId: p.id, action: 'password', after: { passwordChanged: true } });
      expect(JSON.stringify(rows)).not.toContain(NEW_PASSWORD);
    });

    it('refuses a wrong current password with a plain message, and keeps the old password and token', async () => {
      const p = await c.person('subscriber');
      const res = await c.as(p.token).put('/api/v1/me/password', { currentPassword: 'not-my-password', newPassword: NEW_PASSWORD }).expect(400);
      expect(res.body.message).toMatch(/current password is not right/i);
      expect(res.body.details).toEqual([{ field: 'currentPassword', problems: ['currentPassword is not your current password'] }]);
      await c.as(p.token).get('/api/v1/me').expect(200);
      await c.login(p.email, PASSWORD);
    });

    it('refuses a weak new password naming the field, and needs a signed-in caller', async () => {
      const p = await c.person('coach');
      const res = await c.as(p.token).put('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'aaaaaaaaaa' }).expect(400);
      expect(res.body.details).toEqual([
        {
          field: 'newPassword',
          problems: [expect.stringMatching(/^newPassword is too easy to guess\. Choose a longer password or one that is harder to guess: /)],
        },
      ]);
      await c.as('').put('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }).expect(401);
    });

    it('is described in the OpenAPI document', async () => {
      const doc = await t.http().get('/docs-json').expect(200);
      expect(doc.body.paths['/api/v1/me/password']?.put).toBeDefined();
    });
  });

  describe('revoking tokens', () => {
    it('an admin setting a new password signs the person out everywhere', async () => {
      const p = await c.person('librarian');
      await c.as(c.adminToken).patch(`/api/v1/users/${p.id}`, { password: NEW_PASSWORD }).expect(200);
      await c.as(p.token).get('/api/v1/me').expect(401);
      await c.login(p.email, NEW_PASSWORD);
    });

    it('reactivating an account does not revive the tokens it had before', async () => {
      const p = await c.person('librarian');
      await c.as(c.adminToken).patch(`/api/v1/users/${p.id}`, { active: false }).expect(200);
      await c.as(c.adminToken).patch(`/api/v1/users/${p.id}`, { active: true }).expect(200);
      await c.as(p.token).get('/api/v1/me').expect(401);
      await c
        .as(await c.login(p.email))
        .get('/api/v1/me')
        .expect(200);
    });

    it('a change of name leaves the tokens working', async () => {
      const p = await c.person('subscriber');
      await c.as(c.adminToken).patch(`/api/v1/users/${p.id}`, { name: 'Renamed Person' }).expect(200);
      await c.as(p.token).get('/api/v1/me').expect(200);
    });
  });

  describe('changing a role', () => {
    it('a coach made subscriber is no longer a member, cannot review, and is signed out', async () => {
      const pilot = await c.pilot();
      const cycle = await c
        .as(pilot.librarian.token)
        .post(`/api/v1/initiatives/${pilot.initiativeId}/cycles`, { title: 'Welcome table', plannedStart: '2026-03-02', plannedEnd: '2026-04-13' })
        .expect(201);
      await c.as(c.adminToken).patch(`/api/v1/users/${pilot.coach.id}`, { role: 'subscriber' }).expect(200);
      await c.as(pilot.coach.token).get('/api/v1/me').expect(401);
      const now = await c.login(pilot.coach.email);
      const me = await c.as(now).get('/api/v1/me').expect(200);
      expect(me.body).toMatchObject({ role: 'subscriber', memberships: [] });
      const review = await c.as(now).post(`/api/v1/cycles/${cycle.body.id}/reviews`, { verdict: 'comment', body: 'Still here?' });
      expect([403, 404]).toContain(review.status);
      const members = await c.as(c.adminToken).get(`/api/v1/initiatives/${pilot.initiativeId}`).expect(200);
      expect(members.body.members.map((m: { userId: string }) => m.userId)).not.toContain(pilot.coach.id);
      const ended = (await audit('membership', pilot.coach.id)).filter((r) => r.action === 'delete');
      expect(ended).toEqual([expect.objectContaining({ initiativeId: pilot.initiativeId, before: { userId: pilot.coach.id, role: 'coach' } })]);
    });

    it('a librarian made coach cannot write in the initiative and is signed out', async () => {
      const pilot = await c.pilot();
      await c.as(c.adminToken).patch(`/api/v1/users/${pilot.librarian.id}`, { role: 'coach' }).expect(200);
      await c.as(pilot.librarian.token).get('/api/v1/me').expect(401);
      const now = await c.login(pilot.librarian.email);
      const write = await c
        .as(now)
        .post(`/api/v1/initiatives/${pilot.initiativeId}/cycles`, { title: 'Still writing', plannedStart: '2026-03-02', plannedEnd: '2026-04-13' });
      expect([403, 404]).toContain(write.status);
      expect((await c.as(now).get('/api/v1/me').expect(200)).body.memberships).toEqual([]);
    });
  });

  describe('the password rule', () => {
    it.each([
      ['aaaaaaaaaa', /Choose a longer password or one that is harder to guess/],
      ['short', /at least 10 characters/],
      ['x'.repeat(201), /at most 200 characters/],
    ])('refuses %s when an admin creates or changes an account, naming the field', async (password, message) => {
      const created = await c
        .as(c.adminToken)
        .post('/api/v1/users', { email: `weak-${Date.now()}@library.test`, name: 'Weak', role: 'subscriber', password })
        .expect(400);
      expect(created.body.details).toEqual([{ field: 'password', problems: [expect.stringMatching(message)] }]);
      const p = await c.person('subscriber');
      const changed = await c.as(c.adminToken).patch(`/api/v1/users/${p.id}`, { password }).expect(400);
      expect(changed.body.details).toEqual([{ field: 'password', problems: [expect.stringMatching(message)] }]);
    });

    it('says what is wrong in zxcvbn’s words', async () => {
      const res = await c
        .as(c.adminToken)
        .post('/api/v1/users', { email: 'weak2@library.test', name: 'Weak', role: 'subscriber', password: 'aaaaaaaaaa' })
        .expect(400);
      expect(res.body.details[0].problems[0]).toMatch(/Repeated characters/);
    });
  });
});
