import { ADMIN_ENV, Coalition } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { Pilot, pilotTakingEvidence } from './faults/support/scenario';

/**
 * Every list of the API takes `?limit=&offset=`; an offset the database cannot take (beyond its
 * integers, or not a number at all) once reached the SQL and answered 500 on every one of them.
 */
describe('list pages: ?offset= and ?limit= out of range', () => {
  let t: TestApp;
  let c: Coalition;
  let pilot: Pilot;

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV, withWorkers: false });
    c = new Coalition(t);
    await c.signInAdmin();
    pilot = await pilotTakingEvidence(c);
  });
  afterAll(async () => t?.close());

  const paged: [string, () => string][] = [
    ['users', () => '/api/v1/users'],
    ['libraries', () => '/api/v1/libraries'],
    ['initiatives', () => '/api/v1/initiatives'],
    ['indicators', () => `/api/v1/initiatives/${pilot.initiativeId}/indicators`],
    ['cycles', () => `/api/v1/initiatives/${pilot.initiativeId}/cycles`],
    ['evidence', () => `/api/v1/cycles/${pilot.cycleId}/evidence`],
    ['adaptations', () => `/api/v1/cycles/${pilot.cycleId}/adaptations`],
    ['check-ins', () => `/api/v1/initiatives/${pilot.initiativeId}/check-ins`],
    ['survey imports', () => `/api/v1/initiatives/${pilot.initiativeId}/survey/imports`],
    ['digests', () => '/api/v1/digests'],
    ['audit', () => '/api/v1/audit'],
    ['outbox', () => '/api/v1/admin/outbox'],
  ];
  const badOffsets = ['99999999999999999999', '1e308', '1000000001', '-1', '1.5', 'NaN', 'Infinity', '-Infinity', 'abc'];

  it.each(paged)('%s: a bad offset is refused with 400 naming offset and its range; the largest allowed one answers an empty page', async (_name, path) => {
    for (const offset of badOffsets) {
      const res = await c.as(c.adminToken).get(`${path()}?offset=${encodeURIComponent(offset)}`);
      expect({ offset, status: res.status, message: res.body.message }).toEqual({
        offset,
        status: 400,
        message: 'offset must be a whole number from 0 to 1000000000',
      });
      expect(res.body.details).toEqual([{ field: 'offset', problems: ['offset must be a whole number from 0 to 1000000000'] }]);
    }
    const last = await c.as(c.adminToken).get(`${path()}?offset=1000000000`).expect(200);
    expect(last.body.items).toEqual([]);
    for (const limit of ['0', '101', '1e308', '2.5']) {
      const res = await c.as(c.adminToken).get(`${path()}?limit=${limit}`);
      expect({ limit, status: res.status, message: res.body.message }).toEqual({ limit, status: 400, message: 'limit must be a whole number from 1 to 100' });
    }
  });

  it('the review queue is not paged: it ignores an offset and answers 200', async () => {
    await c.as(c.adminToken).get('/api/v1/review-queue?offset=99999999999999999999').expect(200);
  });
});
