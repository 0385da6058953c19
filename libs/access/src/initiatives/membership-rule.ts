import type { MemberRole } from '@r2c/contracts';
import type { Role } from '../users/user.entity';

/** An account holds a membership only in the role of the account itself: a coach account coaches, a librarian account writes. */
export function canHoldMembership(accountRole: Role, memberRole: MemberRole): boolean {
  return accountRole === memberRole;
}
