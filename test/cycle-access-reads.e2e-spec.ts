import { DataSource } from 'typeorm';
import { AccessPolicy, Permission } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { CycleAccessPolicy } from '@r2c/cycles';
import { ADMIN_ENV, Coalition } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { Pilot, pilotTakingEvidence } from './faults/support/scenario';

/**
 * The access check on a cycle reads it with its initiative and the caller's membership: inside a write
 * transaction through TypeORM, outside one as SQL on the read-only connection. Both must answer the
 * same entities and decide the same way.
 */
describe('access to a cycle: the same answer inside and outside a transaction', () => {
  let t: TestApp;
  let c: Coalition;
  let pilot: Pilot;
  let cycles: CycleAccessPolicy;

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV, withWorkers: false });
    c = new Coalition(t);
    await c.signInAdmin();
    pilot = await pilotTakingEvidence(c);
    cycles = t.app.get(CycleAccessPolicy);
  });
  afterAll(async () => t?.close());

  const principal = (person: { id: string }, role: Principal['role']): Principal => ({ id: person.id, email: 'x@example.org', name: 'X', role });
  const both = async (actor: Principal, permission: Permission, cycleId = pilot.cycleId) => {
    const outside = await cycles.cycle(actor, cycleId, permission).then(
      (found) => ({ found }),
      (error: Error) => ({ refused: `${error.constructor.name}: ${error.message}` }),
    );
    const inside = await t.app
      .get(DataSource)
      .transaction((em) => cycles.cycle(actor, cycleId, permission, em))
      .then(
        (found) => ({ found }),
        (error: Error) => ({ refused: `${error.constructor.name}: ${error.message}` }),
      );
    return { outside, inside };
  };

  it('answers the same cycle (instants, dates, JSON sections), initiative and standing', async () => {
    const { outside, inside } = await both(principal(pilot.librarian, 'librarian'), Permission.InitiativeRead);
    expect(outside).toEqual(inside);
    const { cycle, initiative, standing } = (outside as { found: Awaited<ReturnType<CycleAccessPolicy['cycle']>> }).found;
    expect(standing).toBe('librarian');
    expect(cycle.hypothesis).toEqual(expect.objectContaining({ statement: expect.any(String) }));
    expect(cycle.createdAt).toBeInstanceOf(Date);
    expect(typeof cycle.plannedStart).toBe('string');
    expect(initiative.id).toBe(pilot.initiativeId);
    expect(Object.getPrototypeOf(cycle)).toBe(Object.getPrototypeOf((inside as { found: { cycle: object } }).found.cycle));
  });

  it('refuses the same way: no such cycle, an outsider, a coach asked to contribute', async () => {
    const outsider = await c.person('librarian');
    for (const [actor, permission, id] of [
      [principal(pilot.librarian, 'librarian'), Permission.InitiativeRead, '00000000-0000-4000-8000-000000000000'],
      [principal(outsider, 'librarian'), Permission.InitiativeRead, pilot.cycleId],
      [principal(pilot.coach, 'coach'), Permission.CycleContribute, pilot.cycleId],
      [principal(pilot.coach, 'admin'), Permission.CycleContribute, pilot.cycleId],
    ] as const) {
      const { outside, inside } = await both(actor, permission, id);
      expect(outside).toEqual(inside);
    }
    expect((await both(principal(outsider, 'librarian'), Permission.InitiativeRead)).outside).toEqual({
      refused: expect.stringMatching(/^NotFoundException: /),
    });
  });

  it('is one query on the read-only connection outside a transaction', async () => {
    const policy = t.app.get(AccessPolicy);
    const spy = jest.spyOn(policy['reads'], 'select');
    await cycles.cycle(principal(pilot.librarian, 'librarian'), pilot.cycleId, Permission.InitiativeRead);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });
});
