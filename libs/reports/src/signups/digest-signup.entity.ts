import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { References } from '@r2c/core';

/** A sign-up for the digest: pending until its link is used, then confirmed with the account it made. */
@Entity('digest_signups')
@Index('uq_digest_signups_token_hash', ['tokenHash'], { unique: true })
@Index('ix_digest_signups_email', ['email', 'createdAt'])
export class DigestSignup {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 320 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** SHA-256 of the link's token, in hex; the token itself is only in the email. */
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ name: 'expires_at' })
  expiresAt: Date;

  @Column({ name: 'confirmed_at', type: Date, nullable: true })
  confirmedAt: Date | null;

  @References('users', 'SET NULL')
  @Column({ name: 'user_id', type: 'varchar', length: 36, nullable: true })
  userId: string | null;

  @Column({ name: 'created_at' })
  createdAt: Date;
}
