import { DataSource } from 'typeorm';
import { AuditService, PERMISSIONS } from '@r2c/access';
import { Library } from '@r2c/access/entities';
import { newId, Transactions } from '@r2c/core';
import { SummariesService } from '@r2c/reports';
import { SummaryRequest } from '@r2c/reports/entities';
import { ADMIN, ADMIN_ENV, Coalition, PASSWORD, Person } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { signingKeyOf, tokenSignedWith } from './support/tokens';

type Pilot = { libraryId: string; initiativeId: string; librarian: Person; coach: Person };

describe('people and access', () => {
  let t: TestApp;
  let c: Coalition;
  let own: Pilot;
  let other: Pilot;
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
      const key = signingKeyOf(t.app);
      const expired = tokenSignedWith(key, { sub: own.librarian.id, exp: Math.floor(Date.now() / 1000) - 60 });
      await c.as(expired).get('/api/v1/me').expect(401);
      const forged = tokenSignedWith('x'.repeat(40), { sub: own.librarian.id });
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
      await c
        .as(await c.login(p.email))
        .get('/api/v1/me')
        .expect(200);
    });

    it('shows the caller with their memberships on GET /me', async () => {
      const res = await c.as(own.coach.token).get('/api/v1/me').expect(200);
      expect(res.body).toMatchObject({ id: own.coach.id, role: 'coach', memberships: [{ initiativeId: own.initiativeId, role: 'coach' }] });
    });
  });

  describe('authorization matrix', () => {
    // Who asks, relative to the initiative a row is about ("here"); "elsewhere" people are members of another one.
    const WHO = ['admin', 'coach here', 'coach elsewhere', 'librarian here', 'librarian elsewhere', 'subscriber', 'anonymous'] as const;
    type Who = (typeof WHO)[number];
    type Expected = [
      admin: number,
      coachHere: number,
      coachElsewhere: number,
      librarianHere: number,
      librarianElsewhere: number,
      subscriber: number,
      anonymous: number,
    ];
    type Target = 'here' | 'closedOnly' | 'sharesNothing' | 'completed';
    type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
    interface Row {
      permission: string;
      route: string;
      on: Target;
      method: Method;
      path: () => string | Promise<string>;
      body?: () => object;
      expected: Expected;
      /** Run as admin after a case that changed state, so the next case finds the same state. */
      undo?: () => Promise<unknown>;
    }
    interface Scene extends Pilot {
      indicatorId: string;
      closedCycleId: string;
      openCycleId: string;
      openEvidenceId: string;
      adaptationId: string;
      surveyItemId: string;
    }

    const scenes = {} as Record<Target, Scene>;
    let elsewhere: Pilot;
    let spareCoach: Person;
    let n = 0;
    const unique = (prefix: string) => `${prefix} ${++n}-${Date.now()}`;
    const admin = () => c.as(c.adminToken);

    const tokenOf = (who: Who, on: Target) =>
      ({
        admin: c.adminToken,
        'coach here': scenes[on].coach.token,
        'coach elsewhere': elsewhere.coach.token,
        'librarian here': scenes[on].librarian.token,
        'librarian elsewhere': elsewhere.librarian.token,
        subscriber: subscriber.token,
        anonymous: '',
      })[who];

    const adaptation = () => ({
      madeOn: '2026-03-10',
      whatChanged: 'Moved to Saturday.',
      decidedBy: 'The librarian',
      planning: 'reactive',
      reason: 'Work shifts.',
      fidelityConsistent: 'yes',
      permanence: 'temporary',
    });

    async function compileSummaryOf(cycleId: string): Promise<void> {
      const request = await t.app.get(DataSource).getRepository(SummaryRequest).findOneByOrFail({ cycleId });
      await t.app.get(SummariesService).compile(request.id);
    }

    /** An initiative with a closed cycle and an open one in the evidence phase, both with a summary, and a survey statement. */
    async function scene(overrides: object = {}): Promise<Scene> {
      const p = await c.pilot(overrides);
      const as = c.as(p.librarian.token);
      const indicatorId = (
        await as.post(`/api/v1/initiatives/${p.initiativeId}/indicators`, { templateKey: 'trust_in_library', baseline: 3, target: 4 }).expect(201)
      ).body.id;
      const toEvidence = async (title: string) => {
        const id = (await as.post(`/api/v1/initiatives/${p.initiativeId}/cycles`, { title, plannedStart: '2026-03-02', plannedEnd: '2026-04-13' }).expect(201))
          .body.id;
        await as
          .put(`/api/v1/cycles/${id}/hypothesis`, {
            statement: 'If volunteers greet families at the door, more of them come back.',
            expectedOutcome: 'Trust rises from 3 to 4',
            rationale: 'Families felt unsure.',
            indicatorIds: [indicatorId],
          })
          .expect(200);
        await as.post(`/api/v1/cycles/${id}/transitions`, { to: 'adaptation' }).expect(200);
        await as.put(`/api/v1/cycles/${id}/adaptation`, { description: 'Two volunteers greet families.', implementedOn: '2026-03-09' }).expect(200);
        await as.post(`/api/v1/cycles/${id}/transitions`, { to: 'evidence' }).expect(200);
        const evidenceId = (
          await as.post(`/api/v1/cycles/${id}/evidence`, { kind: 'measurement', indicatorId, value: 4, observedOn: '2026-03-16', method: 'survey' }).expect(201)
        ).body.id;
        return [id, evidenceId];
      };
      const [closedCycleId] = await toEvidence('Closed cycle');
      await as.post(`/api/v1/cycles/${closedCycleId}/transitions`, { to: 'reflection' }).expect(200);
      await as
        .put(`/api/v1/cycles/${closedCycleId}/reflection`, { outcome: 'supported', insights: 'Trust rose.', decision: 'continue', nextSteps: 'Keep greeting.' })
        .expect(200);
      await as.post(`/api/v1/cycles/${closedCycleId}/transitions`, { to: 'review' }).expect(200);
      await c.as(p.coach.token).post(`/api/v1/cycles/${closedCycleId}/reviews`, { verdict: 'approve', body: 'Approved.' }).expect(201);
      await compileSummaryOf(closedCycleId);
      const [openCycleId, openEvidenceId] = await toEvidence('Open cycle');
      const adaptationId = (await as.post(`/api/v1/cycles/${openCycleId}/adaptations`, adaptation()).expect(201)).body.id;
      await admin().post(`/api/v1/cycles/${openCycleId}/summary`).expect(202);
      await compileSummaryOf(openCycleId);
      const surveyItemId = (
        await as.post(`/api/v1/initiatives/${p.initiativeId}/survey/items`, { text: 'I trust the library.', outcome: 'Trust', indicatorId }).expect(201)
      ).body.id;
      return { ...p, indicatorId, closedCycleId, openCycleId, openEvidenceId, adaptationId, surveyItemId };
    }

    beforeAll(async () => {
      elsewhere = await c.pilot();
      spareCoach = await c.person('coach');
      scenes.here = await scene();
      scenes.closedOnly = await scene();
      scenes.sharesNothing = await scene();
      scenes.completed = await scene();
      await admin().put(`/api/v1/initiatives/${scenes.closedOnly.initiativeId}/digest-sharing`, { digestSharing: 'closed_cycles' }).expect(200);
      await admin().put(`/api/v1/initiatives/${scenes.sharesNothing.initiativeId}/digest-sharing`, { digestSharing: 'nothing' }).expect(200);
      await admin().patch(`/api/v1/initiatives/${scenes.completed.initiativeId}`, { status: 'completed' }).expect(200);
    }, 120_000);

    const ini =
      (on: Target, rest = '') =>
      () =>
        `/api/v1/initiatives/${scenes[on].initiativeId}${rest}`;
    const openCycle =
      (on: Target, rest = '') =>
      () =>
        `/api/v1/cycles/${scenes[on].openCycleId}${rest}`;
    const closedCycle =
      (on: Target, rest = '') =>
      () =>
        `/api/v1/cycles/${scenes[on].closedCycleId}${rest}`;
    const moveOpenCycle = (on: Target, to: string) => () => admin().post(`/api/v1/cycles/${scenes[on].openCycleId}/transitions`, { to }).expect(200);
    const newEvidence = (on: Target) => async () => {
      const res = await admin()
        .post(`/api/v1/cycles/${scenes[on].openCycleId}/evidence`, { kind: 'quote', text: 'We felt expected.', observedOn: '2026-03-17', method: 'interview' })
        .expect(201);
      return `/api/v1/cycles/${scenes[on].openCycleId}/evidence/${res.body.id}`;
    };
    const removedEvidence = (on: Target) => async () => {
      const path = await newEvidence(on)();
      await admin().delete(path).expect(204);
      return `${path}/restore`;
    };
    const newAdaptation = (on: Target) => async () => {
      const res = await admin().post(`/api/v1/cycles/${scenes[on].openCycleId}/adaptations`, adaptation()).expect(201);
      return `/api/v1/cycles/${scenes[on].openCycleId}/adaptations/${res.body.id}`;
    };
    const newSurveyItem = (on: Target) => async () => {
      const res = await admin()
        .post(`/api/v1/initiatives/${scenes[on].initiativeId}/survey/items`, {
          text: unique('Staff listen to me.'),
          outcome: 'Feeling heard',
          indicatorId: scenes[on].indicatorId,
        })
        .expect(201);
      return `/api/v1/initiatives/${scenes[on].initiativeId}/survey/items/${res.body.id}`;
    };
    const newMembership = async () => {
      await admin().put(`/api/v1/initiatives/${scenes.here.initiativeId}/members/${spareCoach.id}`, { role: 'coach' }).expect(200);
      return `/api/v1/initiatives/${scenes.here.initiativeId}/members/${spareCoach.id}`;
    };
    const newInvitation = async () => {
      const email = `${unique('revokable').replace(/ /g, '')}@library.test`;
      const res = await admin().post('/api/v1/invitations', { email, name: 'Revokable Person', role: 'subscriber' }).expect(201);
      return `/api/v1/invitations/${res.body.id}`;
    };
    const hypothesis = (on: Target) => () => ({
      statement: 'If volunteers greet families at the door, more of them come back.',
      expectedOutcome: 'Trust rises from 3 to 4',
      rationale: 'Families felt unsure.',
      indicatorIds: [scenes[on].indicatorId],
    });
    const csv = 'Timestamp,I trust the library.\n3/16/2026 10:00:00,4\n3/16/2026 10:05:00,5\n';

    //                       admin  coach  coach     libr.  libr.     sub-   anony-
    //                              here   elsewhere here   elsewhere scriber mous
    const ADMIN_ONLY: Expected = [200, 403, 403, 403, 403, 403, 401];
    const SIGNED_IN: Expected = [200, 200, 200, 200, 200, 200, 401];
    const COACHES: Expected = [200, 200, 200, 403, 403, 403, 401];
    const MEMBERS: Expected = [200, 200, 404, 200, 404, 404, 401];
    const MANAGE: Expected = [200, 403, 404, 403, 404, 404, 401];
    const LIBRARIANS: Expected = [200, 403, 404, 200, 404, 404, 401];
    const LIBRARIANS_201: Expected = [201, 403, 404, 201, 404, 404, 401];
    const LIBRARIANS_204: Expected = [204, 403, 404, 204, 404, 404, 401];
    const REVIEWERS: Expected = [200, 200, 404, 403, 404, 404, 401];
    const REVIEWERS_201: Expected = [201, 201, 404, 403, 404, 404, 401];
    // On a completed initiative every write that the caller may otherwise make is 409.
    const COMPLETED_CONTRIBUTE: Expected = [409, 403, 404, 409, 404, 404, 401];
    const COMPLETED_REVIEW: Expected = [409, 409, 404, 403, 404, 404, 401];
    const with202 = (e: Expected): Expected => e.map((s) => (s === 200 ? 202 : s)) as Expected;
    const with201 = (e: Expected): Expected => e.map((s) => (s === 200 ? 201 : s)) as Expected;

    const rows: Row[] = [
      // role-level permissions
      {
        permission: 'users.manage',
        route: 'POST /users',
        on: 'here',
        method: 'post',
        path: () => '/api/v1/users',
        body: () => ({ email: `${unique('matrix').replace(/ /g, '')}@library.test`, name: 'Matrix User', role: 'subscriber', password: PASSWORD }),
        expected: with201(ADMIN_ONLY),
      },
      { permission: 'users.manage', route: 'GET /users', on: 'here', method: 'get', path: () => '/api/v1/users', expected: ADMIN_ONLY },
      {
        permission: 'users.import',
        route: 'POST /users/import',
        on: 'here',
        method: 'post',
        path: () => '/api/v1/users/import',
        body: () => ({ csv: `email,name\n${unique('import').replace(/ /g, '')}@library.test,Matrix Import\n`, dryRun: true }),
        expected: ADMIN_ONLY,
      },
      {
        permission: 'users.manage',
        route: 'PATCH /users/:id',
        on: 'here',
        method: 'patch',
        path: () => `/api/v1/users/${subscriber.id}`,
        body: () => ({ name: 'Sam Subscriber' }),
        expected: ADMIN_ONLY,
      },
      {
        permission: 'invitations.manage',
        route: 'POST /invitations',
        on: 'here',
        method: 'post',
        path: () => '/api/v1/invitations',
        body: () => ({ email: `${unique('invitee').replace(/ /g, '')}@library.test`, name: 'Invited Person', role: 'subscriber' }),
        expected: with201(ADMIN_ONLY),
      },
      { permission: 'invitations.manage', route: 'GET /invitations', on: 'here', method: 'get', path: () => '/api/v1/invitations', expected: ADMIN_ONLY },
      {
        permission: 'invitations.manage',
        route: 'DELETE /invitations/:id',
        on: 'here',
        method: 'delete',
        path: newInvitation,
        expected: [204, 403, 403, 403, 403, 403, 401],
      },
      { permission: 'libraries.read', route: 'GET /libraries', on: 'here', method: 'get', path: () => '/api/v1/libraries', expected: SIGNED_IN },
      {
        permission: 'libraries.read',
        route: 'GET /libraries/:id',
        on: 'here',
        method: 'get',
        path: () => `/api/v1/libraries/${scenes.here.libraryId}`,
        expected: SIGNED_IN,
      },
      {
        permission: 'libraries.manage',
        route: 'POST /libraries',
        on: 'here',
        method: 'post',
        path: () => '/api/v1/libraries',
        body: () => ({ name: unique('Matrix Library'), city: 'Gallup', state: 'NM', communityType: 'tribal', timezone: 'America/Denver' }),
        expected: with201(ADMIN_ONLY),
      },
      {
        permission: 'libraries.manage',
        route: 'PATCH /libraries/:id',
        on: 'here',
        method: 'patch',
        path: () => `/api/v1/libraries/${elsewhere.libraryId}`,
        body: () => ({ city: 'Gallup' }),
        expected: ADMIN_ONLY,
      },
      {
        permission: 'initiatives.create',
        route: 'POST /initiatives',
        on: 'here',
        method: 'post',
        path: () => '/api/v1/initiatives',
        body: () => ({
          libraryId: elsewhere.libraryId,
          title: unique('Matrix'),
          summary: 's',
          audience: 'a',
          learningQuestion: 'q',
          checkInCadenceDays: 7,
          startDate: '2026-03-02',
        }),
        expected: with201(ADMIN_ONLY),
      },
      { permission: 'initiatives.list', route: 'GET /initiatives', on: 'here', method: 'get', path: () => '/api/v1/initiatives', expected: SIGNED_IN },
      { permission: 'audit.read', route: 'GET /audit', on: 'here', method: 'get', path: () => '/api/v1/audit', expected: COACHES },
      { permission: 'reviewQueue.read', route: 'GET /review-queue', on: 'here', method: 'get', path: () => '/api/v1/review-queue', expected: COACHES },
      { permission: 'digests.read', route: 'GET /digests', on: 'here', method: 'get', path: () => '/api/v1/digests', expected: SIGNED_IN },
      {
        permission: 'digests.run',
        route: 'POST /digests/run',
        on: 'here',
        method: 'post',
        path: () => '/api/v1/digests/run',
        body: () => ({ periodStart: '2026-01-05' }),
        expected: with202(ADMIN_ONLY),
      },
      {
        permission: 'digests.run',
        route: 'POST /digests/preview',
        on: 'here',
        method: 'post',
        path: () => '/api/v1/digests/preview',
        body: () => ({ periodStart: '2026-01-05', periodEnd: '2026-01-11' }),
        expected: ADMIN_ONLY,
      },
      { permission: 'outbox.manage', route: 'GET /admin/outbox', on: 'here', method: 'get', path: () => '/api/v1/admin/outbox', expected: ADMIN_ONLY },
      {
        permission: 'reminders.run',
        route: 'POST /admin/reminders/run',
        on: 'here',
        method: 'post',
        path: () => '/api/v1/admin/reminders/run',
        expected: with202(ADMIN_ONLY),
      },
      {
        permission: 'export.coalition',
        route: 'GET /admin/export.json',
        on: 'here',
        method: 'get',
        path: () => '/api/v1/admin/export.json',
        expected: ADMIN_ONLY,
      },
      {
        permission: 'summary.compile',
        route: 'POST /cycles/:closed/summary',
        on: 'here',
        method: 'post',
        path: closedCycle('here', '/summary'),
        expected: with202(ADMIN_ONLY),
      },
      {
        permission: 'queueDashboard.open',
        route: 'POST /admin/queue-dashboard/session',
        on: 'here',
        method: 'post',
        path: () => '/api/v1/admin/queue-dashboard/session',
        expected: with201(ADMIN_ONLY),
      },
      { permission: 'programme.read', route: 'GET /programme', on: 'here', method: 'get', path: () => '/api/v1/programme', expected: ADMIN_ONLY },
      { permission: 'evidenceBase.read', route: 'GET /evidence-base', on: 'here', method: 'get', path: () => '/api/v1/evidence-base', expected: SIGNED_IN },
      { permission: 'evidenceBase.read', route: 'GET /strategy-tags', on: 'here', method: 'get', path: () => '/api/v1/strategy-tags', expected: SIGNED_IN },
      {
        permission: 'strategyTags.manage',
        route: 'POST /strategy-tags',
        on: 'here',
        method: 'post',
        path: () => '/api/v1/strategy-tags',
        body: () => ({ name: unique('Tag') }),
        expected: with201(ADMIN_ONLY),
      },
      {
        permission: 'strategyTags.manage',
        route: 'PATCH /strategy-tags/:id',
        on: 'here',
        method: 'patch',
        path: async () =>
          `/api/v1/strategy-tags/${
            (
              await admin()
                .post('/api/v1/strategy-tags', { name: unique('Tag') })
                .expect(201)
            ).body.id
          }`,
        body: () => ({ retired: true }),
        expected: ADMIN_ONLY,
      },

      // an initiative and what belongs to it
      { permission: 'initiative.read', route: 'GET /initiatives/:id', on: 'here', method: 'get', path: ini('here'), expected: MEMBERS },
      { permission: 'initiative.read', route: 'GET /initiatives/:id/cycles', on: 'here', method: 'get', path: ini('here', '/cycles'), expected: MEMBERS },
      {
        permission: 'initiative.read',
        route: 'GET /initiatives/:id/indicators',
        on: 'here',
        method: 'get',
        path: ini('here', '/indicators'),
        expected: MEMBERS,
      },
      { permission: 'initiative.read', route: 'GET /initiatives/:id/check-ins', on: 'here', method: 'get', path: ini('here', '/check-ins'), expected: MEMBERS },
      { permission: 'initiative.read', route: 'GET /initiatives/:id/survey', on: 'here', method: 'get', path: ini('here', '/survey'), expected: MEMBERS },
      {
        permission: 'initiative.read',
        route: 'GET /initiatives/:id/survey/imports',
        on: 'here',
        method: 'get',
        path: ini('here', '/survey/imports'),
        expected: MEMBERS,
      },
      {
        permission: 'initiative.read',
        route: 'GET /initiatives/:id/survey/imports/target',
        on: 'here',
        method: 'get',
        path: ini('here', '/survey/imports/target'),
        expected: MEMBERS,
      },
      {
        permission: 'initiative.read',
        route: 'GET /initiatives/:id/survey/outcomes',
        on: 'here',
        method: 'get',
        path: ini('here', '/survey/outcomes'),
        expected: MEMBERS,
      },
      { permission: 'initiative.read', route: 'GET /cycles/:id', on: 'here', method: 'get', path: openCycle('here'), expected: MEMBERS },
      {
        permission: 'initiative.read',
        route: 'GET /cycles/:id/summary/draft',
        on: 'here',
        method: 'get',
        path: openCycle('here', '/summary/draft'),
        expected: MEMBERS,
      },
      { permission: 'initiative.read', route: 'GET /cycles/:id/evidence', on: 'here', method: 'get', path: openCycle('here', '/evidence'), expected: MEMBERS },
      {
        permission: 'initiative.read',
        route: 'GET /cycles/:id/adaptations',
        on: 'here',
        method: 'get',
        path: openCycle('here', '/adaptations'),
        expected: MEMBERS,
      },
      { permission: 'export.run', route: 'GET /initiatives/:id/export.json', on: 'here', method: 'get', path: ini('here', '/export.json'), expected: MEMBERS },
      {
        permission: 'export.run',
        route: 'GET /initiatives/:id/evidence.csv',
        on: 'here',
        method: 'get',
        path: ini('here', '/evidence.csv'),
        expected: MEMBERS,
      },
      {
        permission: 'export.run',
        route: 'GET /initiatives/:id/calendar.ics',
        on: 'here',
        method: 'get',
        path: ini('here', '/calendar.ics'),
        expected: MEMBERS,
      },
      {
        permission: 'initiative.manage',
        route: 'PATCH /initiatives/:id',
        on: 'here',
        method: 'patch',
        path: ini('here'),
        body: () => ({ audience: 'Everyone' }),
        expected: MANAGE,
      },
      {
        permission: 'initiative.manage',
        route: 'PUT /initiatives/:id/members/:userId',
        on: 'here',
        method: 'put',
        path: () => `/api/v1/initiatives/${scenes.here.initiativeId}/members/${scenes.here.librarian.id}`,
        body: () => ({ role: 'librarian' }),
        expected: MANAGE,
      },
      {
        permission: 'initiative.manage',
        route: 'DELETE /initiatives/:id/members/:userId',
        on: 'here',
        method: 'delete',
        path: newMembership,
        expected: [204, 403, 404, 403, 404, 404, 401],
      },
      {
        permission: 'initiative.share',
        route: 'PUT /initiatives/:id/digest-sharing',
        on: 'here',
        method: 'put',
        path: ini('here', '/digest-sharing'),
        body: () => ({ digestSharing: 'everything' }),
        expected: LIBRARIANS,
      },
      {
        permission: 'initiative.contribute',
        route: 'POST /initiatives/:id/check-ins',
        on: 'here',
        method: 'post',
        path: ini('here', '/check-ins'),
        body: () => ({ note: 'Two sessions.' }),
        expected: LIBRARIANS_201,
      },
      {
        permission: 'initiative.contribute',
        route: 'POST /initiatives/:id/indicators',
        on: 'here',
        method: 'post',
        path: ini('here', '/indicators'),
        body: () => ({ name: unique('Visits'), unit: 'people', kind: 'count', direction: 'increase' }),
        expected: LIBRARIANS_201,
      },
      {
        permission: 'initiative.contribute',
        route: 'POST /initiatives/:id/cycles (one is open: 409)',
        on: 'here',
        method: 'post',
        path: ini('here', '/cycles'),
        body: () => ({ title: 'Next', plannedStart: '2026-05-01', plannedEnd: '2026-06-01' }),
        expected: [409, 403, 404, 409, 404, 404, 401],
      },
      {
        permission: 'initiative.contribute',
        route: 'PUT /initiatives/:id/survey',
        on: 'here',
        method: 'put',
        path: ini('here', '/survey'),
        body: () => ({ title: 'Trust survey' }),
        expected: LIBRARIANS,
      },
      {
        permission: 'initiative.contribute',
        route: 'POST /initiatives/:id/survey/items',
        on: 'here',
        method: 'post',
        path: ini('here', '/survey/items'),
        body: () => ({ text: unique('I feel welcome.'), outcome: 'Belonging', indicatorId: scenes.here.indicatorId }),
        expected: LIBRARIANS_201,
      },
      {
        permission: 'initiative.contribute',
        route: 'PATCH /initiatives/:id/survey/items/:itemId',
        on: 'here',
        method: 'patch',
        path: () => `/api/v1/initiatives/${scenes.here.initiativeId}/survey/items/${scenes.here.surveyItemId}`,
        body: () => ({ outcome: 'Trust in the library' }),
        expected: LIBRARIANS,
      },
      {
        permission: 'initiative.contribute',
        route: 'DELETE /initiatives/:id/survey/items/:itemId',
        on: 'here',
        method: 'delete',
        path: newSurveyItem('here'),
        expected: LIBRARIANS_204,
      },
      {
        permission: 'initiative.contribute',
        route: 'POST /initiatives/:id/survey/imports/preview',
        on: 'here',
        method: 'post',
        path: ini('here', '/survey/imports/preview'),
        body: () => ({ csv }),
        expected: LIBRARIANS,
      },

      // a cycle's work, moves and reviews
      {
        permission: 'cycle.contribute',
        route: 'PUT /cycles/:id/hypothesis',
        on: 'here',
        method: 'put',
        path: openCycle('here', '/hypothesis'),
        body: hypothesis('here'),
        expected: LIBRARIANS,
      },
      {
        permission: 'cycle.contribute',
        route: 'PUT /cycles/:closed/tags',
        on: 'here',
        method: 'put',
        path: closedCycle('here', '/tags'),
        body: () => ({ tagIds: [] }),
        expected: LIBRARIANS,
      },
      {
        permission: 'cycle.contribute',
        route: 'PUT /cycles/:id/adaptation',
        on: 'here',
        method: 'put',
        path: openCycle('here', '/adaptation'),
        body: () => ({ description: 'Two volunteers greet families.', implementedOn: '2026-03-09' }),
        expected: LIBRARIANS,
      },
      {
        permission: 'cycle.contribute',
        route: 'POST /cycles/:id/evidence',
        on: 'here',
        method: 'post',
        path: openCycle('here', '/evidence'),
        body: () => ({ kind: 'quote', text: 'I came back.', observedOn: '2026-03-18', method: 'interview' }),
        expected: LIBRARIANS_201,
      },
      {
        permission: 'cycle.contribute',
        route: 'DELETE /cycles/:id/evidence/:evidenceId',
        on: 'here',
        method: 'delete',
        path: newEvidence('here'),
        expected: LIBRARIANS_204,
      },
      {
        permission: 'cycle.contribute',
        route: 'PATCH /cycles/:id/evidence/:evidenceId',
        on: 'here',
        method: 'patch',
        path: newEvidence('here'),
        body: () => ({ text: 'We felt expected, and welcome.' }),
        expected: LIBRARIANS,
      },
      {
        permission: 'cycle.contribute',
        route: 'POST /cycles/:id/evidence/:evidenceId/restore',
        on: 'here',
        method: 'post',
        path: removedEvidence('here'),
        expected: LIBRARIANS,
      },
      {
        permission: 'cycle.contribute',
        route: 'POST /cycles/:id/adaptations',
        on: 'here',
        method: 'post',
        path: openCycle('here', '/adaptations'),
        body: adaptation,
        expected: LIBRARIANS_201,
      },
      {
        permission: 'cycle.contribute',
        route: 'DELETE /cycles/:id/adaptations/:adaptationId',
        on: 'here',
        method: 'delete',
        path: newAdaptation('here'),
        expected: LIBRARIANS_204,
      },
      {
        permission: 'cycle.advance',
        route: 'POST /cycles/:id/transitions (forward)',
        on: 'here',
        method: 'post',
        path: openCycle('here', '/transitions'),
        body: () => ({ to: 'reflection' }),
        expected: LIBRARIANS,
        undo: moveOpenCycle('here', 'evidence'),
      },
      {
        permission: 'cycle.return',
        route: 'POST /cycles/:id/transitions (back)',
        on: 'here',
        method: 'post',
        path: openCycle('here', '/transitions'),
        body: () => ({ to: 'adaptation' }),
        expected: REVIEWERS,
        undo: moveOpenCycle('here', 'evidence'),
      },
      {
        permission: 'cycle.review',
        route: 'POST /cycles/:id/reviews',
        on: 'here',
        method: 'post',
        path: openCycle('here', '/reviews'),
        body: () => ({ verdict: 'comment', body: 'Looks promising.' }),
        expected: REVIEWERS_201,
      },

      // summaries follow the initiative's sharing choice
      {
        permission: 'summary.read',
        route: 'GET /cycles/:closed/summary, shares everything',
        on: 'here',
        method: 'get',
        path: closedCycle('here', '/summary'),
        expected: SIGNED_IN,
      },
      {
        permission: 'summary.read',
        route: 'GET /cycles/:closed/summary?format=md, shares everything',
        on: 'here',
        method: 'get',
        path: closedCycle('here', '/summary?format=md'),
        expected: SIGNED_IN,
      },
      {
        permission: 'summary.read',
        route: 'GET /cycles/:open/summary, shares everything',
        on: 'here',
        method: 'get',
        path: openCycle('here', '/summary'),
        expected: MEMBERS,
      },
      {
        permission: 'summary.read',
        route: 'GET /cycles/:closed/summary, shares closed cycles',
        on: 'closedOnly',
        method: 'get',
        path: closedCycle('closedOnly', '/summary'),
        expected: SIGNED_IN,
      },
      {
        permission: 'summary.read',
        route: 'GET /cycles/:closed/summary?format=html, shares closed cycles',
        on: 'closedOnly',
        method: 'get',
        path: closedCycle('closedOnly', '/summary?format=html'),
        expected: SIGNED_IN,
      },
      {
        permission: 'summary.read',
        route: 'GET /cycles/:open/summary, shares closed cycles',
        on: 'closedOnly',
        method: 'get',
        path: openCycle('closedOnly', '/summary'),
        expected: MEMBERS,
      },
      {
        permission: 'summary.read',
        route: 'GET /cycles/:closed/summary, shares nothing',
        on: 'sharesNothing',
        method: 'get',
        path: closedCycle('sharesNothing', '/summary'),
        expected: MEMBERS,
      },
      {
        permission: 'summary.read',
        route: 'GET /cycles/:closed/summary?format=md, shares nothing',
        on: 'sharesNothing',
        method: 'get',
        path: closedCycle('sharesNothing', '/summary?format=md'),
        expected: MEMBERS,
      },
      {
        permission: 'summary.read',
        route: 'GET /cycles/:closed/summary?format=html, shares nothing',
        on: 'sharesNothing',
        method: 'get',
        path: closedCycle('sharesNothing', '/summary?format=html'),
        expected: MEMBERS,
      },
      {
        permission: 'summary.read',
        route: 'GET /cycles/:open/summary, shares nothing',
        on: 'sharesNothing',
        method: 'get',
        path: openCycle('sharesNothing', '/summary'),
        expected: MEMBERS,
      },

      // a completed initiative can be read, but its work no longer changes
      { permission: 'initiative.read', route: 'GET /cycles/:id, completed', on: 'completed', method: 'get', path: openCycle('completed'), expected: MEMBERS },
      {
        permission: 'summary.read',
        route: 'GET /cycles/:closed/summary, completed',
        on: 'completed',
        method: 'get',
        path: closedCycle('completed', '/summary'),
        expected: SIGNED_IN,
      },
      {
        permission: 'initiative.contribute',
        route: 'POST /initiatives/:id/check-ins, completed',
        on: 'completed',
        method: 'post',
        path: ini('completed', '/check-ins'),
        body: () => ({ note: 'Two sessions.' }),
        expected: COMPLETED_CONTRIBUTE,
      },
      {
        permission: 'initiative.contribute',
        route: 'POST /initiatives/:id/indicators, completed',
        on: 'completed',
        method: 'post',
        path: ini('completed', '/indicators'),
        body: () => ({ name: unique('Visits'), unit: 'people', kind: 'count', direction: 'increase' }),
        expected: COMPLETED_CONTRIBUTE,
      },
      {
        permission: 'initiative.contribute',
        route: 'POST /initiatives/:id/cycles, completed',
        on: 'completed',
        method: 'post',
        path: ini('completed', '/cycles'),
        body: () => ({ title: 'Next', plannedStart: '2026-05-01', plannedEnd: '2026-06-01' }),
        expected: COMPLETED_CONTRIBUTE,
      },
      {
        permission: 'initiative.contribute',
        route: 'PUT /initiatives/:id/survey, completed',
        on: 'completed',
        method: 'put',
        path: ini('completed', '/survey'),
        body: () => ({ title: 'Trust survey' }),
        expected: COMPLETED_CONTRIBUTE,
      },
      {
        permission: 'initiative.contribute',
        route: 'POST /initiatives/:id/survey/items, completed',
        on: 'completed',
        method: 'post',
        path: ini('completed', '/survey/items'),
        body: () => ({ text: unique('I feel welcome.'), outcome: 'Belonging', indicatorId: scenes.completed.indicatorId }),
        expected: COMPLETED_CONTRIBUTE,
      },
      {
        permission: 'initiative.contribute',
        route: 'PATCH /initiatives/:id/survey/items/:itemId, completed',
        on: 'completed',
        method: 'patch',
        path: () => `/api/v1/initiatives/${scenes.completed.initiativeId}/survey/items/${scenes.completed.surveyItemId}`,
        body: () => ({ outcome: 'Trust in the library' }),
        expected: COMPLETED_CONTRIBUTE,
      },
      {
        permission: 'initiative.contribute',
        route: 'POST /initiatives/:id/survey/starter, completed',
        on: 'completed',
        method: 'post',
        path: ini('completed', '/survey/starter'),
        expected: COMPLETED_CONTRIBUTE,
      },
      {
        permission: 'cycle.contribute',
        route: 'PUT /cycles/:id/hypothesis, completed',
        on: 'completed',
        method: 'put',
        path: openCycle('completed', '/hypothesis'),
        body: hypothesis('completed'),
        expected: COMPLETED_CONTRIBUTE,
      },
      {
        permission: 'cycle.contribute',
        route: 'POST /cycles/:id/evidence, completed',
        on: 'completed',
        method: 'post',
        path: openCycle('completed', '/evidence'),
        body: () => ({ kind: 'quote', text: 'I came back.', observedOn: '2026-03-18', method: 'interview' }),
        expected: COMPLETED_CONTRIBUTE,
      },
      {
        permission: 'cycle.contribute',
        route: 'POST /cycles/:id/adaptations, completed',
        on: 'completed',
        method: 'post',
        path: openCycle('completed', '/adaptations'),
        body: adaptation,
        expected: COMPLETED_CONTRIBUTE,
      },
      {
        permission: 'cycle.contribute',
        route: 'DELETE /cycles/:id/evidence/:evidenceId, completed',
        on: 'completed',
        method: 'delete',
        path: () => `/api/v1/cycles/${scenes.completed.openCycleId}/evidence/${scenes.completed.openEvidenceId}`,
        expected: COMPLETED_CONTRIBUTE,
      },
      {
        permission: 'cycle.contribute',
        route: 'DELETE /cycles/:id/adaptations/:adaptationId, completed',
        on: 'completed',
        method: 'delete',
        path: () => `/api/v1/cycles/${scenes.completed.openCycleId}/adaptations/${scenes.completed.adaptationId}`,
        expected: COMPLETED_CONTRIBUTE,
      },
      {
        permission: 'initiative.contribute',
        route: 'DELETE /initiatives/:id/survey/items/:itemId, completed',
        on: 'completed',
        method: 'delete',
        path: () => `/api/v1/initiatives/${scenes.completed.initiativeId}/survey/items/${scenes.completed.surveyItemId}`,
        expected: COMPLETED_CONTRIBUTE,
      },
      {
        permission: 'initiative.contribute',
        route: 'POST /initiatives/:id/survey/imports, completed',
        on: 'completed',
        method: 'post',
        path: ini('completed', '/survey/imports'),
        body: () => ({ csv, cycleId: scenes.completed.openCycleId, mapping: [{ column: 1, itemId: scenes.completed.surveyItemId }] }),
        expected: COMPLETED_CONTRIBUTE,
      },
      {
        permission: 'initiative.contribute',
        route: 'POST /initiatives/:id/survey/imports/preview (stores nothing), completed',
        on: 'completed',
        method: 'post',
        path: ini('completed', '/survey/imports/preview'),
        body: () => ({ csv }),
        expected: LIBRARIANS,
      },
      {
        permission: 'cycle.advance',
        route: 'POST /cycles/:id/transitions (forward), completed',
        on: 'completed',
        method: 'post',
        path: openCycle('completed', '/transitions'),
        body: () => ({ to: 'reflection' }),
        expected: COMPLETED_CONTRIBUTE,
        undo: moveOpenCycle('completed', 'evidence'),
      },
      {
        permission: 'cycle.return',
        route: 'POST /cycles/:id/transitions (back), completed',
        on: 'completed',
        method: 'post',
        path: openCycle('completed', '/transitions'),
        body: () => ({ to: 'adaptation' }),
        expected: COMPLETED_REVIEW,
        undo: moveOpenCycle('completed', 'evidence'),
      },
      {
        permission: 'cycle.review',
        route: 'POST /cycles/:id/reviews, completed',
        on: 'completed',
        method: 'post',
        path: openCycle('completed', '/reviews'),
        body: () => ({ verdict: 'comment', body: 'Looks promising.' }),
        expected: COMPLETED_REVIEW,
      },
    ];

    const cases = rows.flatMap((row) => WHO.map((who, i) => [row.permission, row.route, who, row.expected[i], row] as const));

    it('has rows for every permission of the access policy, and for no other', () => {
      expect([...new Set(rows.map((r) => r.permission))].sort()).toEqual([...PERMISSIONS].sort());
    });

    it.each(cases)('%s: %s as %s → %i', async (_permission, _route, who, status, row) => {
      const client = c.as(tokenOf(who, row.on));
      const path = await row.path();
      const res = await (row.method === 'get' || row.method === 'delete' ? client[row.method](path) : client[row.method](path, row.body?.()));
      expect({ status: res.status, body: res.status >= 400 ? res.body.statusCode : res.status }).toEqual({ status, body: status });
      if (res.status === 403) expect(res.body.message).toMatch(/^[A-Z].*\.$/);
      if (row.on === 'completed' && status === 409) expect(res.body.message).toMatch(/^This initiative is completed: .*\.$/);
      if (res.status < 300 && row.undo) await row.undo();
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

    it('shows a coach only the cycles in review of initiatives they coach', async () => {
      const p = scenes.here;
      await c.as(p.librarian.token).post(`/api/v1/cycles/${p.openCycleId}/transitions`, { to: 'reflection' }).expect(200);
      await c
        .as(p.librarian.token)
        .put(`/api/v1/cycles/${p.openCycleId}/reflection`, { outcome: 'supported', insights: 'Trust rose.', decision: 'continue', nextSteps: 'Keep greeting.' })
        .expect(200);
      await c.as(p.librarian.token).post(`/api/v1/cycles/${p.openCycleId}/transitions`, { to: 'review' }).expect(200);
      const inReview = async (tok: string) => (await c.as(tok).get('/api/v1/review-queue').expect(200)).body.cyclesInReview.map((r: { id: string }) => r.id);
      expect(await inReview(p.coach.token)).toEqual([p.openCycleId]);
      expect(await inReview(elsewhere.coach.token)).toEqual([]);
      expect(await inReview(c.adminToken)).toContain(p.openCycleId);
      await c.as(p.coach.token).post(`/api/v1/cycles/${p.openCycleId}/transitions`, { to: 'evidence' }).expect(200);
    });

    it('lets a completed initiative be reopened by an admin, and then takes check-ins again', async () => {
      const p = scenes.completed;
      await c.as(p.librarian.token).post(`/api/v1/initiatives/${p.initiativeId}/check-ins`, { note: 'Still meeting.' }).expect(409);
      await admin().patch(`/api/v1/initiatives/${p.initiativeId}`, { status: 'active' }).expect(200);
      await c.as(p.librarian.token).post(`/api/v1/initiatives/${p.initiativeId}/check-ins`, { note: 'Still meeting.' }).expect(201);
      await admin().patch(`/api/v1/initiatives/${p.initiativeId}`, { status: 'completed' }).expect(200);
    });
  });

  describe('input', () => {
    it('refuses an unknown time zone with 400 naming the field', async () => {
      const res = await c
        .as(c.adminToken)
        .post('/api/v1/libraries', { name: 'X', city: 'Y', state: 'ZZ', communityType: 'rural', timezone: 'America/Atlantis' })
        .expect(400);
      expect(res.body.details).toEqual([{ field: 'timezone', problems: [expect.stringContaining('IANA time zone')] }]);
    });

    it('refuses a duplicate email (any case) with 409', async () => {
      const res = await c
        .as(c.adminToken)
        .post('/api/v1/users', { email: own.coach.email.toUpperCase(), name: 'Dup', role: 'coach', password: PASSWORD })
        .expect(409);
      expect(res.body.message).toContain('already exists');
    });

    it('refuses a short password, a bad role and a non-UUID id with 400', async () => {
      const res = await c.as(c.adminToken).post('/api/v1/users', { email: 'short@library.test', name: 'S', role: 'boss', password: 'short' }).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['password', 'role']);
      await c.as(c.adminToken).get('/api/v1/libraries/not-a-uuid').expect(400);
    });

    it('refuses an impossible start date and an unknown library', async () => {
      await c
        .as(c.adminToken)
        .post('/api/v1/initiatives', {
          libraryId: own.libraryId,
          title: 'T',
          summary: 's',
          audience: 'a',
          learningQuestion: 'q',
          checkInCadenceDays: 14,
          startDate: '2026-02-30',
        })
        .expect(400);
      await c
        .as(c.adminToken)
        .post('/api/v1/initiatives', {
          libraryId: '00000000-0000-4000-8000-000000000000',
          title: 'T',
          summary: 's',
          audience: 'a',
          learningQuestion: 'q',
          checkInCadenceDays: 14,
          startDate: '2026-03-02',
        })
        .expect(400);
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
      expect(change).toMatchObject({
        actorId: admin.id,
        entityType: 'initiative',
        entityId: initiative,
        before: { status: 'active' },
        after: { status: 'paused' },
      });
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
