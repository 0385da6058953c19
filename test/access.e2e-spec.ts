import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { AuditService, Library } from '@r2c/access';
import { newId, Transactions } from '@r2c/core';
import { ADMIN, ADMIN_ENV, Coalition, PASSWORD, Person } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

describe('people and access', () => {
  let t: TestApp;
  let c: Coalition;
  let own: { libraryId: string; initiativeId: string; librarian: Person; coach: Person };
  let other: { libraryId: string; initiativeId: string; librarian: Person; coach: Person };
  let subscriber: Person;

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV, withWorkers: false });
    c = new Coalition(t);
    await c.signInAdmin();
    own = await c.pilot();
    other = await c.pilot();
    subscriber = await c.person('subscriber');
  });
  afterAll(async () => t?.close());

  describe('signing in', () => {
    it('returns a token and the user for the right password', async () => {
      const res = await c.as('').post('/api/v1/auth/login', { email: ADMIN.email.toUpperCase(), password: ADMIN.password }).expect(200);
      expect(res.body).toMatchObject({ accessToken: expect.any(String), user: { email: ADMIN.email, role: 'admin' } });
      expect(JSON.stringify(res.body)).not.toContain('password');
    });

    it('refuses a wrong password with 401 in the one error shape', async () => {
      const res = await c.as('').post('/api/v1/auth/login', { email: own.librarian.email, password: 'wrong-password-x' }).expect(401);
      expect(res.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'The email or password is not right.', details: [] });
    });

    it('throttles repeated wrong passwords for one email with 429, and still accepts the right one', async () => {
      const victim = await c.person('librarian');
      for (let i = 0; i < 5; i++) await c.as('').post('/api/v1/auth/login', { email: victim.email, password: 'wrong-password-x' }).expect(401);
      const res = await c.as('').post('/api/v1/auth/login', { email: victim.email, password: 'wrong-password-x' }).expect(429);
      expect(res.body.message).toMatch(/Too many failed sign-in attempts/);
      await c.as('').post('/api/v1/auth/login', { email: victim.email, password: PASSWORD }).expect(200);
    });

    it('refuses unknown fields in the login body with 400 naming them', async () => {
      const res = await c.as('').post('/api/v1/auth/login', { email: ADMIN.email, password: ADMIN.password, isAdmin: true }).expect(400);
      expect(res.body.details).toEqual([{ field: 'isAdmin', problems: ['property isAdmin should not exist'] }]);
    });

    it('refuses a missing, malformed, tampered or expired token with 401', async () => {
      await c.as('').get('/api/v1/me').expect(401);
      await c.as('not-a-token').get('/api/v1/me').expect(401);
      const [h, p, s] = own.librarian.token.split('.');
      const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
      const tampered = [h, Buffer.from(JSON.stringify({ ...payload, sub: own.coach.id })).toString('base64url'), s].join('.');
      await c.as(tampered).get('/api/v1/me').expect(401);
      const jwt = t.app.get(JwtService);
      const expired = await jwt.signAsync({ sub: own.librarian.id, exp: Math.floor(Date.now() / 1000) - 60 });
      await c.as(expired).get('/api/v1/me').expect(401);
      const forged = await new JwtService({ secret: 'x'.repeat(40) }).signAsync({ sub: own.librarian.id });
      await c.as(forged).get('/api/v1/me').expect(401);
    });

    it('stops a deactivated user’s token at once, and reactivation does not revive it', async () => {
      const p = await c.person('librarian');
      await c.as(p.token).get('/api/v1/me').expect(200);
      await c.as(c.adminToken).patch(`/api/v1/users/${p.id}`, { active: false }).expect(200);
      await c.as(p.token).get('/api/v1/me').expect(401);
      await c.as('').post('/api/v1/auth/login', { email: p.email, password: PASSWORD }).expect(401);
      await c.as(c.adminToken).patch(`/api/v1/users/${p.id}`, { active: true }).expect(200);
      await c.as(p.token).get('/api/v1/me').expect(401);
      await c.as(await c.login(p.email)).get('/api/v1/me').expect(200);
    });

    it('shows the caller with their memberships on GET /me', async () => {
      const res = await c.as(own.coach.token).get('/api/v1/me').expect(200);
      expect(res.body).toMatchObject({ id: own.coach.id, role: 'coach', memberships: [{ initiativeId: own.initiativeId, role: 'coach' }] });
    });
  });

  describe('authorization matrix', () => {
    type Who = 'admin' | 'coach' | 'librarian' | 'subscriber' | 'anonymous';
    type Row = [label: string, method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: () => string, body: () => object | undefined, expected: Record<Who, number>];
    const token = (who: Who) => ({ admin: c.adminToken, coach: own.coach.token, librarian: own.librarian.token, subscriber: subscriber.token, anonymous: '' })[who];
    let n = 0;
    const newUser = () => ({ email: `matrix${++n}-${Date.now()}@library.test`, name: 'Matrix User', role: 'subscriber', password: PASSWORD });
    const newLibrary = () => ({ name: 'Matrix Library', city: 'Gallup', state: 'NM', communityType: 'tribal', timezone: 'America/Denver' });
    const newInitiative = () => ({ libraryId: own.libraryId, title: 'Matrix', summary: 's', audience: 'a', learningQuestion: 'q', checkInCadenceDays: 7, startDate: '2026-03-02' });

    // "own" = the initiative where the coach and librarian are members; "other" = one where they are not.
    // An initiative the caller may not see is 404; an action they may not take on one they see is 403.
    const rows: Row[] = [
      ['GET /me', 'get', () => '/api/v1/me', () => undefined, { admin: 200, coach: 200, librarian: 200, subscriber: 200, anonymous: 401 }],
      ['POST /users', 'post', () => '/api/v1/users', newUser, { admin: 201, coach: 403, librarian: 403, subscriber: 403, anonymous: 401 }],
      ['GET /users', 'get', () => '/api/v1/users', () => undefined, { admin: 200, coach: 403, librarian: 403, subscriber: 403, anonymous: 401 }],
      ['PATCH /users/:id', 'patch', () => `/api/v1/users/${subscriber.id}`, () => ({ name: 'Sam Subscriber' }), { admin: 200, coach: 403, librarian: 403, subscriber: 403, anonymous: 401 }],
      ['POST /libraries', 'post', () => '/api/v1/libraries', newLibrary, { admin: 201, coach: 403, librarian: 403, subscriber: 403, anonymous: 401 }],
      ['GET /libraries', 'get', () => '/api/v1/libraries', () => undefined, { admin: 200, coach: 200, librarian: 200, subscriber: 200, anonymous: 401 }],
      ['GET /libraries/:id', 'get', () => `/api/v1/libraries/${own.libraryId}`, () => undefined, { admin: 200, coach: 200, librarian: 200, subscriber: 200, anonymous: 401 }],
      ['POST /initiatives', 'post', () => '/api/v1/initiatives', newInitiative, { admin: 201, coach: 403, librarian: 403, subscriber: 403, anonymous: 401 }],
      ['GET /initiatives', 'get', () => '/api/v1/initiatives', () => undefined, { admin: 200, coach: 200, librarian: 200, subscriber: 200, anonymous: 401 }],
      ['GET /initiatives/:own', 'get', () => `/api/v1/initiatives/${own.initiativeId}`, () => undefined, { admin: 200, coach: 200, librarian: 200, subscriber: 404, anonymous: 401 }],
      ['GET /initiatives/:other', 'get', () => `/api/v1/initiatives/${other.initiativeId}`, () => undefined, { admin: 200, coach: 404, librarian: 404, subscriber: 404, anonymous: 401 }],
      ['PATCH /initiatives/:own', 'patch', () => `/api/v1/initiatives/${own.initiativeId}`, () => ({ audience: 'Everyone' }), { admin: 200, coach: 403, librarian: 403, subscriber: 404, anonymous: 401 }],
      ['PATCH /initiatives/:other', 'patch', () => `/api/v1/initiatives/${other.initiativeId}`, () => ({ audience: 'Everyone' }), { admin: 200, coach: 404, librarian: 404, subscriber: 404, anonymous: 401 }],
      ['PUT /initiatives/:own/members/:userId', 'put', () => `/api/v1/initiatives/${own.initiativeId}/members/${own.librarian.id}`, () => ({ role: 'librarian' }), { admin: 200, coach: 403, librarian: 403, subscriber: 404, anonymous: 401 }],
      ['PUT /initiatives/:other/members/:userId', 'put', () => `/api/v1/initiatives/${other.initiativeId}/members/${other.librarian.id}`, () => ({ role: 'librarian' }), { admin: 200, coach: 404, librarian: 404, subscriber: 404, anonymous: 401 }],
      ['DELETE /initiatives/:own/members/:userId', 'delete', () => `/api/v1/initiatives/${own.initiativeId}/members/${other.coach.id}`, () => undefined, { admin: 204, coach: 403, librarian: 403, subscriber: 404, anonymous: 401 }],
      ['DELETE /initiatives/:other/members/:userId', 'delete', () => `/api/v1/initiatives/${other.initiativeId}/members/${own.coach.id}`, () => undefined, { admin: 204, coach: 404, librarian: 404, subscriber: 404, anonymous: 401 }],
      ['GET /audit', 'get', () => '/api/v1/audit', () => undefined, { admin: 200, coach: 200, librarian: 403, subscriber: 403, anonymous: 401 }],
    ];

    const cases = rows.flatMap(([label, method, path, body, expected]) =>
      (Object.keys(expected) as Who[]).map((who) => [label, who, expected[who], method, path, body] as const),
    );

    it.each(cases)('%s as %s → %i', async (_label, who, status, method, path, body) => {
      if (method === 'delete' && status === 204) {
        // deletion needs a membership to delete: add it first (as admin)
        const [, , initiativeId, , userId] = path().split('/').slice(2);
        const role = userId === own.coach.id || userId === other.coach.id ? 'coach' : 'librarian';
        await c.as(c.adminToken).put(`/api/v1/initiatives/${initiativeId}/members/${userId}`, { role }).expect(200);
      }
      const client = c.as(token(who));
      const res = await (method === 'get' || method === 'delete' ? client[method](path()) : client[method](path(), body()));
      expect({ status: res.status, body: res.status >= 400 ? res.body.statusCode : res.status }).toEqual({ status, body: status });
    });

    it('scopes GET /initiatives to what the caller may see', async () => {
      const ids = async (tok: string) => (await c.as(tok).get('/api/v1/initiatives?limit=100').expect(200)).body.items.map((i: { id: string }) => i.id);
      expect(await ids(own.coach.token)).toEqual([own.initiativeId]);
      expect(await ids(own.librarian.token)).toEqual([own.initiativeId]);
      expect(await ids(subscriber.token)).toEqual([]);
      expect(await ids(c.adminToken)).toEqual(expect.arrayContaining([own.initiativeId, other.initiativeId]));
    });

    it('shows a coach only the audit rows of initiatives they coach', async () => {
      const res = await c.as(own.coach.token).get('/api/v1/audit?limit=100').expect(200);
      expect(res.body.items.length).toBeGreaterThan(0);
      expect(new Set(res.body.items.map((a: { initiativeId: string }) => a.initiativeId))).toEqual(new Set([own.initiativeId]));
    });
  });

  describe('input', () => {
    it('refuses an unknown time zone with 400 naming the field', async () => {
      const res = await c.as(c.adminToken).post('/api/v1/libraries', { name: 'X', city: 'Y', state: 'ZZ', communityType: 'rural', timezone: 'America/Atlantis' }).expect(400);
      expect(res.body.details).toEqual([{ field: 'timezone', problems: [expect.stringContaining('IANA time zone')] }]);
    });

    it('refuses a duplicate email (any case) with 409', async () => {
      const res = await c.as(c.adminToken).post('/api/v1/users', { email: own.coach.email.toUpperCase(), name: 'Dup', role: 'coach', password: PASSWORD }).expect(409);
      expect(res.body.message).toContain('already exists');
    });

    it('refuses a short password, a bad role and a non-UUID id with 400', async () => {
      const res = await c.as(c.adminToken).post('/api/v1/users', { email: 'short@library.test', name: 'S', role: 'boss', password: 'short' }).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['password', 'role']);
      await c.as(c.adminToken).get('/api/v1/libraries/not-a-uuid').expect(400);
    });

    it('refuses an impossible start date and an unknown library', async () => {
      await c.as(c.adminToken).post('/api/v1/initiatives', { libraryId: own.libraryId, title: 'T', summary: 's', audience: 'a', learningQuestion: 'q', checkInCadenceDays: 14, startDate: '2026-02-30' }).expect(400);
      await c.as(c.adminToken).post('/api/v1/initiatives', { libraryId: '00000000-0000-4000-8000-000000000000', title: 'T', summary: 's', audience: 'a', learningQuestion: 'q', checkInCadenceDays: 14, startDate: '2026-03-02' }).expect(400);
    });

    it('refuses to make a subscriber account a coach of an initiative (409)', async () => {
      const res = await c.as(c.adminToken).put(`/api/v1/initiatives/${own.initiativeId}/members/${subscriber.id}`, { role: 'coach' }).expect(409);
      expect(res.body.message).toContain('subscriber account');
    });

    it('pages lists with limit and offset, and refuses limit over 100', async () => {
      const page = await c.as(c.adminToken).get('/api/v1/users?limit=2&offset=1').expect(200);
      expect(page.body.items).toHaveLength(2);
      expect(page.body.total).toBeGreaterThan(3);
      await c.as(c.adminToken).get('/api/v1/users?limit=101').expect(400);
    });
  });

  describe('audit log', () => {
    it('records each change with actor, before and after (changed fields only)', async () => {
      const lib = await c.library({ name: 'Audit Branch' });
      await c.as(c.adminToken).get(`/api/v1/audit?entityType=library&entityId=${lib}`).expect(200);
      const admin = (await c.as(c.adminToken).get('/api/v1/me')).body;
      const initiative = await c.initiative(lib);
      await c.as(c.adminToken).patch(`/api/v1/initiatives/${initiative}`, { status: 'paused' }).expect(200);
      const res = await c.as(c.adminToken).get(`/api/v1/audit?entityType=initiative&entityId=${initiative}`).expect(200);
      expect(res.body.total).toBe(2);
      const change = res.body.items.find((a: { action: string }) => a.action === 'status:paused');
      expect(change).toMatchObject({ actorId: admin.id, entityType: 'initiative', entityId: initiative, before: { status: 'active' }, after: { status: 'paused' } });
      expect(Object.keys(change.after).sort()).toEqual(['status']); // the test clock stands still, so updatedAt did not change
    });

    it('never puts a password or its hash into the audit log', async () => {
      const p = await c.person('coach');
      await c.as(c.adminToken).patch(`/api/v1/users/${p.id}`, { password: 'a-brand-new-password' }).expect(200);
      const res = await c.as(c.adminToken).get(`/api/v1/audit?entityType=user&entityId=${p.id}`).expect(200);
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain('a-brand-new-password');
      expect(text).not.toContain('argon2');
    });

    it('leaves no audit row when the change fails (same transaction)', async () => {
      const tx = t.app.get(Transactions);
      const audit = t.app.get(AuditService);
      const id = newId();
      await expect(
        tx.run(async (em) => {
          const now = new Date();
          await em.insert(Library, { id, name: 'Doomed', city: 'X', state: 'XX', communityType: 'urban', timezone: 'UTC', createdAt: now, updatedAt: now });
          await audit.record(em, null, { action: 'create', entityType: 'library', entityId: id, after: { name: 'Doomed' } });
          throw new Error('injected failure after the audit insert');
        }),
      ).rejects.toThrow('injected failure');
      const ds = t.app.get(DataSource);
      expect(await ds.getRepository(Library).count({ where: { id } })).toBe(0);
      expect((await c.as(c.adminToken).get(`/api/v1/audit?entityId=${id}`)).body.total).toBe(0);
    });

    it('refuses a duplicate user without writing an audit row', async () => {
      const before = (await c.as(c.adminToken).get('/api/v1/audit?entityType=user')).body.total;
      await c.as(c.adminToken).post('/api/v1/users', { email: own.librarian.email, name: 'Dup', role: 'librarian', password: PASSWORD }).expect(409);
      expect((await c.as(c.adminToken).get('/api/v1/audit?entityType=user')).body.total).toBe(before);
    });
  });

  it('keeps no plaintext password at rest: every stored password is an argon2id hash', async () => {
    const ds = t.app.get(DataSource);
    const rows: { password_hash: string }[] = await ds.query('SELECT password_hash FROM users');
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const everything = JSON.stringify([await ds.query('SELECT * FROM users'), await ds.query('SELECT * FROM audit_entries')]);
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain(ADMIN.password);
  });
});
