import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Reads, Transactions } from '@r2c/core';
import { ADMIN_ENV, Coalition, PASSWORD } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { observation, Pilot, pilotTakingEvidence } from './faults/support/scenario';
import { signingKeyOf, tokenSignedWith } from './support/tokens';

/**
 * An evidence entry is written in one trip to the database (on SQLite one prepared statement, an
 * INSERT into a TEMP view whose trigger writes the entry and its audit row; on PostgreSQL one
 * statement) after its checks ran on facts read
 * outside the transaction; the entry's insert holds only while those facts are unchanged. These tests
 * show the one trip is the path taken, that it writes what the usual transaction writes, and that
 * facts changed between the read and the write leave the decision to the usual transaction. The
 * route reads the caller's account with those facts, not in the auth guard: a token it no longer
 * admits is refused as on every other route, whenever the account changed.
 */
/** The entry's NOT NULL cycle refused: the facts changed after they were read. */
const FACTS_CHANGED = /NOT NULL constraint failed: evidence.cycle_id|null value in column "cycle_id" of relation "evidence"/;

describe('evidence: the write path', () => {
  let t: TestApp;
  let c: Coalition;
  let db: DataSource;
  let tx: Transactions;
  let pilot: Pilot;
  const lib = () => c.as(pilot.librarian.token);
  const p = (i: number) => (db.options.type === 'postgres' ? `$${i}` : '?');
  const entryRow = async (id: string) => (await db.query(`SELECT * FROM evidence WHERE id = ${p(1)}`, [id]))[0] as Record<string, unknown>;
  const auditRows = async (id: string) =>
    db.query<Record<string, unknown>[]>(
      `SELECT actor_id, action, entity_type, entity_id, initiative_id, "before", "after", at FROM audit_entries WHERE entity_id = ${p(1)}`,
      [id],
    );
  const measurement = (value: number) => ({
    kind: 'measurement',
    indicatorId: pilot.indicatorId,
    value,
    observedOn: '2026-03-16',
    method: 'sign_in',
    source: `Sign-in sheet: "Tuesday" story time; it's the one after lunch`,
    sampleSize: value,
  });

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV, withWorkers: false });
    c = new Coalition(t);
    await c.signInAdmin();
    pilot = await pilotTakingEvidence(c);
    db = t.app.get(DataSource);
    tx = t.app.get(Transactions);
  });
  afterEach(() => jest.restoreAllMocks());
  /** The one trip's write: Transactions#runPrepared on SQLite, Transactions#runInOneTrip on PostgreSQL. */
  const spyOnOneTrip = (): jest.SpyInstance<Promise<void>> => (db.options.type === 'postgres' ? jest.spyOn(tx, 'runInOneTrip') : jest.spyOn(tx, 'runPrepared'));
  afterAll(async () => t?.close());

  it('writes the entry and its audit row in one trip, the same rows as the usual transaction', async () => {
    const oneTrip = spyOnOneTrip();
    const transaction = jest.spyOn(tx, 'run');
    const quick = (await lib().post(`/api/v1/cycles/${pilot.cycleId}/evidence`, measurement(14)).expect(201)).body;
    expect(oneTrip).toHaveBeenCalledTimes(1);
    await expect(oneTrip.mock.results[0].value).resolves.toBeUndefined();
    expect(transaction).not.toHaveBeenCalled();

    jest.spyOn(tx, 'oneTrip', 'get').mockReturnValue(false);
    const usual = (await lib().post(`/api/v1/cycles/${pilot.cycleId}/evidence`, measurement(14)).expect(201)).body;
    expect({ ...quick, id: 'x', createdAt: 'x' }).toEqual({ ...usual, id: 'x', createdAt: 'x' });

    const same = (row: Record<string, unknown>) => ({ ...row, id: 'x', created_at: typeof row.created_at });
    expect(same(await entryRow(quick.id))).toEqual(same(await entryRow(usual.id)));
    expect(await entryRow(quick.id)).toMatchObject({ source: measurement(14).source, value: 14, sample_size: 14, removed_at: null });
    const audits = await Promise.all([auditRows(quick.id), auditRows(usual.id)]);
    expect(audits.map((rows) => rows.length)).toEqual([1, 1]);
    const sameAudit = (row: Record<string, unknown>) => ({
      ...row,
      entity_id: 'x',
      at: typeof row.at,
      after: { ...(JSON.parse(String(row.after)) as object), id: 'x', createdAt: 'x' },
    });
    expect(sameAudit(audits[0][0])).toEqual(sameAudit(audits[1][0]));
    expect(audits[0][0]).toMatchObject({ action: 'create', entity_type: 'evidence', actor_id: pilot.librarian.id, before: null });
    expect(JSON.parse(String(audits[0][0].after))).toEqual(quick);
  });

  it('answers the same refusals, worded by the usual transaction, and writes nothing for them', async () => {
    const oneTrip = spyOnOneTrip();
    const outsider = await c.person('librarian');
    expect((await c.as(outsider.token).post(`/api/v1/cycles/${pilot.cycleId}/evidence`, observation(1)).expect(404)).body.message).toBe(
      'No cycle with this id.',
    );
    const noValue = await lib()
      .post(`/api/v1/cycles/${pilot.cycleId}/evidence`, { ...measurement(3), value: undefined })
      .expect(400);
    expect(noValue.body.details).toEqual([expect.objectContaining({ field: 'value' })]);
    const otherIndicator = await lib()
      .post(`/api/v1/cycles/${pilot.cycleId}/evidence`, { ...measurement(3), indicatorId: '00000000-0000-4000-8000-000000000000' })
      .expect(400);
    expect(otherIndicator.body.message).toBe('The indicator chosen is not one of this initiative’s indicators.');
    expect(oneTrip).not.toHaveBeenCalled();
  });

  /** Reads answers what `pretend` makes of each row: the facts as they were a moment before the change this test then makes. */
  const readFactsAsBefore = (pretend: (row: Record<string, unknown>) => Record<string, unknown>) => {
    const reads = t.app.get(Reads);
    const read = reads.select.bind(reads);
    jest.spyOn(reads, 'select').mockImplementation(async (sql: string, parameters: unknown[]) => {
      const rows = await read<Record<string, unknown>>(sql, parameters);
      return rows.map((row) => ('memberRole' in row ? pretend(row) : row));
    });
  };
  const count = async () => Number((await db.query(`SELECT COUNT(*) AS n FROM evidence WHERE cycle_id = ${p(1)}`, [pilot.cycleId]))[0].n);

  it('writes nothing in one trip when the caller lost access after the facts were read, and the usual transaction refuses', async () => {
    const helper = await c.person('librarian');
    await c.member(pilot.initiativeId, helper, 'librarian');
    await c.as(helper.token).post(`/api/v1/cycles/${pilot.cycleId}/evidence`, observation(3)).expect(201);
    // The facts were read while the helper was a member; then an admin ended the membership.
    await c.as(c.adminToken).delete(`/api/v1/initiatives/${pilot.initiativeId}/members/${helper.id}`).expect(204);
    readFactsAsBefore((row) => ({ ...row, memberRole: 'librarian' }));
    const oneTrip = spyOnOneTrip();
    const before = await count();
    const refused = await c.as(helper.token).post(`/api/v1/cycles/${pilot.cycleId}/evidence`, observation(4));
    expect(refused.status).toBe(404);
    expect(refused.body.message).toBe('No cycle with this id.');
    await expect(oneTrip.mock.results[0].value).rejects.toThrow(FACTS_CHANGED);
    expect(await count()).toBe(before);
  });

  it('writes nothing in one trip when the cycle moved on after the facts were read, and the usual transaction writes the entry', async () => {
    await lib().post(`/api/v1/cycles/${pilot.cycleId}/transitions`, { to: 'reflection' }).expect(200);
    readFactsAsBefore((row) => ({ ...row, phase: 'evidence' }));
    const oneTrip = spyOnOneTrip();
    const transaction = jest.spyOn(tx, 'run');
    const before = await count();
    await lib().post(`/api/v1/cycles/${pilot.cycleId}/evidence`, observation(5)).expect(201);
    await expect(oneTrip.mock.results[0].value).rejects.toThrow(FACTS_CHANGED);
    expect(transaction).toHaveBeenCalledTimes(1);
    expect(await count()).toBe(before + 1);
  });

  const SIGN_IN_AGAIN = 'Your session token is invalid or has expired. Sign in again.';

  it('refuses with 401, writing nothing, a token whose account was deactivated, signed out or given a new role, or is not there', async () => {
    const refusedWith401 = async (token: string) => {
      const before = await count();
      const res = await c.as(token).post(`/api/v1/cycles/${pilot.cycleId}/evidence`, observation(7)).expect(401);
      expect(res.body.message).toBe(SIGN_IN_AGAIN);
      expect(await count()).toBe(before);
    };
    const memberOfThePilot = async () => {
      const person = await c.person('librarian');
      await c.member(pilot.initiativeId, person, 'librarian');
      await c.as(person.token).post(`/api/v1/cycles/${pilot.cycleId}/evidence`, observation(6)).expect(201);
      return person;
    };
    const deactivated = await memberOfThePilot();
    await c.as(c.adminToken).patch(`/api/v1/users/${deactivated.id}`, { active: false }).expect(200);
    await refusedWith401(deactivated.token);
    await c.as(c.adminToken).patch(`/api/v1/users/${deactivated.id}`, { active: true }).expect(200);
    await refusedWith401(deactivated.token);

    const newPassword = await memberOfThePilot();
    await c.as(newPassword.token).put('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'another-horse-battery-staple' }).expect(200);
    await refusedWith401(newPassword.token);

    const promoted = await memberOfThePilot();
    await c.as(c.adminToken).patch(`/api/v1/users/${promoted.id}`, { role: 'coach' }).expect(200);
    await refusedWith401(promoted.token);

    const key = signingKeyOf(t.app);
    await refusedWith401(tokenSignedWith(key, { sub: randomUUID(), role: 'librarian', ver: 0 }));
    await refusedWith401(tokenSignedWith(key, { sub: pilot.librarian.id, exp: Math.floor(Date.now() / 1000) - 60 }));
    await refusedWith401(tokenSignedWith('x'.repeat(40), { sub: pilot.librarian.id }));
    await c.as('').post(`/api/v1/cycles/${pilot.cycleId}/evidence`, observation(7)).expect(401);
    await lib().post(`/api/v1/cycles/${randomUUID()}/evidence`, observation(7)).expect(404);
  });

  it('writes nothing in one trip when the account was deactivated after the facts were read, and answers 401', async () => {
    const helper = await c.person('librarian');
    await c.member(pilot.initiativeId, helper, 'librarian');
    await c.as(helper.token).post(`/api/v1/cycles/${pilot.cycleId}/evidence`, observation(8)).expect(201);
    // The facts, the account among them, were read while the helper was active; then an admin deactivated them.
    await c.as(c.adminToken).patch(`/api/v1/users/${helper.id}`, { active: false }).expect(200);
    readFactsAsBefore((row) => ({ ...row, accountActive: 1, accountTokenVersion: 0 }));
    const oneTrip = spyOnOneTrip();
    const before = await count();
    const refused = await c.as(helper.token).post(`/api/v1/cycles/${pilot.cycleId}/evidence`, observation(9));
    expect(refused.status).toBe(401);
    expect(refused.body.message).toBe(SIGN_IN_AGAIN);
    await expect(oneTrip.mock.results[0].value).rejects.toThrow(FACTS_CHANGED);
    expect(await count()).toBe(before);
  });

  it('keeps every one of 60 entries sent at once (the cycle now in reflection, where evidence is still taken), each with its audit row', async () => {
    const [before] = await db.query(`SELECT COUNT(*) AS n FROM evidence WHERE cycle_id = ${p(1)}`, [pilot.cycleId]);
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => lib().post(`/api/v1/cycles/${pilot.cycleId}/evidence`, measurement(i + 1))));
    expect(answers.map((res) => res.status)).toEqual(Array(60).fill(201));
    const ids = answers.map((res) => res.body.id as string);
    const [after] = await db.query(`SELECT COUNT(*) AS n FROM evidence WHERE cycle_id = ${p(1)}`, [pilot.cycleId]);
    expect(Number(after.n) - Number(before.n)).toBe(60);
    const audited = await db.query(`SELECT entity_id FROM audit_entries WHERE entity_type = 'evidence' AND action = 'create'`);
    expect(ids.filter((id) => !audited.some((row: { entity_id: string }) => row.entity_id === id))).toEqual([]);
  });
});
