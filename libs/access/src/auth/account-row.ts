import { UnauthorizedException } from '@nestjs/common';
import type { Principal, TokenHolder } from './principal';
import type { Role } from '../users/user.entity';

/** What a token's check reads of its account, in the column names `accountColumns` gives. */
export interface AccountRow {
  accountId: string | null;
  accountEmail: string | null;
  accountName: string | null;
  accountRole: Role | null;
  accountActive: boolean | number | null;
  accountTokenVersion: number | string | null;
}

/** The select list of an AccountRow from `users` under the alias given, to read beside other columns in one query. */
export const accountColumns = (alias: string): string =>
  [
    `${alias}.id AS "accountId"`,
    `${alias}.email AS "accountEmail"`,
    `${alias}.name AS "accountName"`,
    `${alias}.role AS "accountRole"`,
    `${alias}.active AS "accountActive"`,
    `${alias}.token_version AS "accountTokenVersion"`,
  ].join(', ');

/**
 * The caller a token's holder is, given their account as read: null when there is no such account,
 * it is deactivated, or its token version moved on since the token was signed (a new password, a
 * new role, a deactivation: signed out everywhere).
 */
export function principalOf(holder: TokenHolder, account: AccountRow | undefined): Principal | null {
  if (!account || account.accountId !== holder.id || !account.accountActive) return null;
  if (account.accountTokenVersion === null || Number(account.accountTokenVersion) !== holder.tokenVersion) return null;
  return { id: account.accountId, email: account.accountEmail!, name: account.accountName!, role: account.accountRole! };
}

/** 401 for a token that is not ours, expired, or whose account is gone, deactivated or signed out. */
export class SignInAgain extends UnauthorizedException {
  constructor() {
    super('Your session token is invalid or has expired. Sign in again.');
  }
}
