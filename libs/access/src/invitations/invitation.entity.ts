import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { References } from '@r2c/core';
import type { InvitationStatus, MemberRole, Role } from '@r2c/contracts';

export { INVITATION_STATUSES } from '@r2c/contracts';
export type { InvitationStatus } from '@r2c/contracts';

@Entity('invitations')
@Index('uq_invitations_token_hash', ['tokenHash'], { unique: true })
@Index('uq_invitations_pending_email', ['pendingEmail'], { unique: true })
@Index('ix_invitations_email', ['email'])
@Index('ix_invitations_status', ['status', 'createdAt'])
export class Invitation {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 320 })
  email: string;

  /** The email while the invitation is pending, NULL after: the unique index allows one pending invitation per email. */
  @Column({ name: 'pending_email', type: 'varchar', length: 320, nullable: true })
  pendingEmail: string | null;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  @References('initiatives', 'CASCADE')
  @Column({ name: 'initiative_id', type: 'varchar', length: 36, nullable: true })
  initiativeId: string | null;

  @Column({ name: 'member_role', type: 'varchar', length: 20, nullable: true })
  memberRole: MemberRole | null;

  /** SHA-256 of the link's token, in hex; the token itself is never stored. */
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'varchar', length: 20 })
  status: InvitationStatus;

  @Column({ name: 'expires_at' })
  expiresAt: Date;

  @References('users', 'SET NULL')
  @Column({ name: 'invited_by', type: 'varchar', length: 36, nullable: true })
  invitedBy: string | null;

  /** The account the invitation created or completed, once accepted. */
  @References('users', 'SET NULL')
  @Column({ name: 'user_id', type: 'varchar', length: 36, nullable: true })
  userId: string | null;

  /** When it was accepted, replaced or revoked. */
  @Column({ name: 'ended_at', type: Date, nullable: true })
  endedAt: Date | null;

  @Column({ name: 'created_at' })
  createdAt: Date;
}

export const PASSWORD_RESET_STATUSES = ['pending', 'used', 'replaced'] as const;
export type PasswordResetStatus = (typeof PASSWORD_RESET_STATUSES)[number];

@Entity('password_resets')
@Index('uq_password_resets_token_hash', ['tokenHash'], { unique: true })
@Index('ix_password_resets_user', ['userId', 'status'])
export class PasswordReset {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @References('users', 'CASCADE')
  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  /** SHA-256 of the link's token, in hex; the token itself is never stored. */
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'varchar', length: 20 })
  status: PasswordResetStatus;

  @Column({ name: 'expires_at' })
  expiresAt: Date;

  /** When it was used or replaced by a newer link. */
  @Column({ name: 'ended_at', type: Date, nullable: true })
  endedAt: Date | null;

  @Column({ name: 'created_at' })
  createdAt: Date;
}
