import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { References } from '@r2c/core';

import type { DigestSharing, InitiativeStatus, MemberRole } from '@r2c/contracts';

export { DIGEST_SHARING, INITIATIVE_STATUSES, MEMBER_ROLES } from '@r2c/contracts';
export type { DigestSharing, InitiativeStatus, MemberRole } from '@r2c/contracts';

@Entity('initiatives')
@Index('ix_initiatives_library', ['libraryId'])
@Index('ix_initiatives_status', ['status'])
export class Initiative {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @References('libraries', 'RESTRICT')
  @Column({ name: 'library_id', type: 'varchar', length: 36 })
  libraryId: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'text' })
  audience: string;

  @Column({ name: 'learning_question', type: 'text' })
  learningQuestion: string;

  @Column({ name: 'check_in_cadence_days', type: 'integer' })
  checkInCadenceDays: number;

  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  @Column({ type: 'varchar', length: 20 })
  status: InitiativeStatus;

  @Column({ name: 'last_check_in_at', type: Date, nullable: true })
  lastCheckInAt?: Date | null;

  /** Set by admins or the initiative's librarians; the column's default is everything. */
  @Column({ name: 'digest_sharing', type: 'varchar', length: 20, default: 'everything' })
  digestSharing?: DigestSharing;

  @Column({ name: 'created_at' })
  createdAt: Date;

  @Column({ name: 'updated_at' })
  updatedAt: Date;
}

@Entity('memberships')
@Index('ix_memberships_user', ['userId'])
export class Membership {
  @References('initiatives', 'CASCADE')
  @PrimaryColumn({ name: 'initiative_id', type: 'varchar', length: 36 })
  initiativeId: string;

  @References('users', 'CASCADE')
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 20 })
  role: MemberRole;

  @Column({ name: 'created_at' })
  createdAt: Date;
}
