import { principalOf } from './account-row';
import type { AccountRow } from './account-row';

describe('principalOf', () => {
  const holder = { id: 'u-1', tokenVersion: 2 };
  const account: AccountRow = {
    accountId: 'u-1',
    accountEmail: 'maria@riverside.example',
    accountName: 'Maria Lopez',
    accountRole: 'librarian',
    accountActive: 1,
    accountTokenVersion: 2,
  };

  it('accepts an active account with the token’s version, as SQLite and PostgreSQL answer it', () => {
    const caller = { id: 'u-1', email: 'maria@riverside.example', name: 'Maria Lopez', role: 'librarian' };
    expect(principalOf(holder, account)).toEqual(caller);
    expect(principalOf(holder, { ...account, accountActive: true, accountTokenVersion: '2' })).toEqual(caller);
  });

  it('refuses an account that is not there, another one, a deactivated one, or one signed out since the token', () => {
    expect(principalOf(holder, undefined)).toBeNull();
    expect(principalOf(holder, { ...account, accountId: null })).toBeNull();
    expect(principalOf(holder, { ...account, accountId: 'u-2' })).toBeNull();
    expect(principalOf(holder, { ...account, accountActive: 0 })).toBeNull();
    expect(principalOf(holder, { ...account, accountActive: false })).toBeNull();
    expect(principalOf(holder, { ...account, accountTokenVersion: 3 })).toBeNull();
    expect(principalOf({ id: 'u-1', tokenVersion: 0 }, { ...account, accountTokenVersion: null })).toBeNull();
  });
});
