/**
 * This library's TypeORM entities. Its own module registers them (TypeOrmModule.forFeature, collected
 * by the data source's autoLoadEntities); the barrel does not export them, and the boundary rule lets
 * no other app or library import this file: the end-to-end suites in test/ read rows through it.
 */
import { AuditEntry } from './audit/audit-entry.entity';
import { Initiative, Membership } from './initiatives/initiative.entity';
import { Invitation, PasswordReset } from './invitations/invitation.entity';
import { Library } from './libraries/library.entity';
import { User } from './users/user.entity';

export { AuditEntry, Initiative, Invitation, Library, Membership, PasswordReset, User };
export const ACCESS_ENTITIES = [User, Library, Initiative, Membership, AuditEntry, Invitation, PasswordReset];
