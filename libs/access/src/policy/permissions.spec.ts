import { accountStanding, decide, holds, memberRolesHolding, Permission, PERMISSION_RULES, PERMISSIONS, sharesSummary, Standing } from './permissions';

const OK = 'allowed';
const HIDDEN = 404;
const REFUSED = 403;
type Expected = typeof OK | typeof HIDDEN | typeof REFUSED;

describe('decide', () => {
  //                                                  admin  librarian  coach    outsider
  const rows: [Permission, [Expected, Expected, Expected, Expected]][] = [
    [Permission.UsersManage, [OK, REFUSED, REFUSED, REFUSED]],
    [Permission.InvitationsManage, [OK, REFUSED, REFUSED, REFUSED]],
    [Permission.UsersImport, [OK, REFUSED, REFUSED, REFUSED]],
    [Permission.LibrariesRead, [OK, OK, OK, OK]],
    [Permission.LibrariesManage, [OK, REFUSED, REFUSED, REFUSED]],
    [Permission.InitiativesCreate, [OK, REFUSED, REFUSED, REFUSED]],
    [Permission.InitiativesList, [OK, OK, OK, OK]],
    [Permission.AuditRead, [OK, REFUSED, OK, REFUSED]],
    [Permission.ReviewQueueRead, [OK, REFUSED, OK, REFUSED]],
    [Permission.DigestsRead, [OK, OK, OK, OK]],
    [Permission.DigestsRun, [OK, REFUSED, REFUSED, REFUSED]],
    [Permission.OutboxManage, [OK, REFUSED, REFUSED, REFUSED]],
    [Permission.RemindersRun, [OK, REFUSED, REFUSED, REFUSED]],
    [Permission.ExportCoalition, [OK, REFUSED, REFUSED, REFUSED]],
    [Permission.SummaryCompile, [OK, REFUSED, REFUSED, REFUSED]],
    [Permission.QueueDashboardOpen, [OK, REFUSED, REFUSED, REFUSED]],
    [Permission.ProgrammeRead, [OK, REFUSED, REFUSED, REFUSED]],
    [Permission.StrategyTagsManage, [OK, REFUSED, REFUSED, REFUSED]],
    [Permission.EvidenceBaseRead, [OK, OK, OK, OK]],
    [Permission.InitiativeRead, [OK, OK, OK, HIDDEN]],
    [Permission.InitiativeManage, [OK, REFUSED, REFUSED, HIDDEN]],
    [Permission.InitiativeShare, [OK, OK, REFUSED, HIDDEN]],
    [Permission.InitiativeContribute, [OK, OK, REFUSED, HIDDEN]],
    [Permission.ExportRun, [OK, OK, OK, HIDDEN]],
    [Permission.CycleContribute, [OK, OK, REFUSED, HIDDEN]],
    [Permission.CycleAdvance, [OK, OK, REFUSED, HIDDEN]],
    [Permission.CycleReturn, [OK, REFUSED, OK, HIDDEN]],
    [Permission.CycleReview, [OK, REFUSED, OK, HIDDEN]],
    [Permission.SummaryRead, [OK, OK, OK, HIDDEN]],
  ];
  const STANDINGS: Standing[] = ['admin', 'librarian', 'coach', 'outsider'];

  it('has a row for every permission', () => {
    expect(rows.map(([p]) => p).sort()).toEqual([...PERMISSIONS].sort());
  });

  it.each(rows.flatMap(([permission, expected]) => STANDINGS.map((standing, i) => [permission, standing, expected[i]] as const)))(
    '%s for %s: %s',
    (permission, standing, expected) => {
      const decision = decide(permission, standing);
      if (expected === OK) expect(decision).toEqual({ allowed: true });
      else expect(decision).toMatchObject({ allowed: false, status: expected, reason: expect.stringMatching(/^[A-Z].*\.$/) });
      expect(holds(permission, standing)).toBe(expected === OK);
    },
  );

  it('hides a cycle from an outsider as a cycle, and an initiative as an initiative', () => {
    expect(decide(Permission.CycleReview, 'outsider')).toMatchObject({ status: 404, reason: 'No cycle with this id.' });
    expect(decide(Permission.InitiativeRead, 'outsider')).toMatchObject({ status: 404, reason: 'No initiative with this id.' });
  });

  it('lets an outsider read a shared summary, and nothing else of the cycle', () => {
    expect(decide(Permission.SummaryRead, 'outsider', true)).toEqual({ allowed: true });
    for (const permission of PERMISSIONS.filter((p) => p !== Permission.SummaryRead && PERMISSION_RULES[p].about !== 'account')) {
      expect([permission, decide(permission, 'outsider', true).allowed]).toEqual([permission, false]);
    }
  });
});

describe('sharesSummary', () => {
  it.each([
    ['closed', 'everything', true],
    ['closed', 'closed_cycles', true],
    ['closed', 'nothing', false],
    ['closed', undefined, true],
    ['review', 'everything', false],
    ['hypothesis', 'closed_cycles', false],
    ['evidence', 'nothing', false],
  ] as const)('a %s cycle of an initiative sharing %s: %s', (phase, sharing, shared) => {
    expect(sharesSummary(phase, sharing)).toBe(shared);
  });
});

describe('accountStanding and memberRolesHolding', () => {
  it.each([
    ['admin', 'admin'],
    ['coach', 'coach'],
    ['librarian', 'librarian'],
    ['subscriber', 'outsider'],
  ] as const)('a %s account stands as %s', (role, standing) => {
    expect(accountStanding(role)).toBe(standing);
  });

  it.each([
    [Permission.InitiativeRead, ['librarian', 'coach']],
    [Permission.AuditRead, ['coach']],
    [Permission.CycleReview, ['coach']],
    [Permission.InitiativeContribute, ['librarian']],
    [Permission.UsersManage, []],
  ] as const)('%s is held on an initiative by %j', (permission, roles) => {
    expect(memberRolesHolding(permission)).toEqual(roles);
  });
});
