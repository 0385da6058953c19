import { canChangeWork, COMPLETED_REASON } from './initiative-rules';

describe('canChangeWork', () => {
  it.each([
    ['active', { allowed: true }],
    ['paused', { allowed: true }],
    ['completed', { allowed: false, reason: COMPLETED_REASON }],
  ] as const)('an initiative that is %s: %j', (status, verdict) => {
    expect(canChangeWork({ status })).toEqual(verdict);
  });

  it('says plainly why, and what would change it', () => {
    expect(COMPLETED_REASON).toMatch(/^This initiative is completed: .*an admin can reopen it.*\.$/);
  });
});
