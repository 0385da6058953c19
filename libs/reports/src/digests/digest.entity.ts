import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { References } from '@r2c/core';
import type { DigestContent } from './digest-content';
import type { DigestFrequency, DigestSeries } from './digest-period';

/** What became of a digest: sent to its recipients, or skipped because the period had nothing to report. */
export type DigestStatus = 'sent' | 'skipped';

/** The coalition digest of one period in one series; the unique series and period make a second compile impossible. */
@Entity('digests')
@Index('uq_digests_series_period', ['series', 'periodStart', 'periodEnd'], { unique: true })
@Index('ix_digests_compiled_at', ['compiledAt'])
export class Digest {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 10, default: 'weekly' })
  series: DigestSeries;

  /** YYYY-MM-DD, first day of the period (in DIGEST_TIMEZONE). */
  @Column({ name: 'period_start', type: 'date' })
  periodStart: string;

  /** YYYY-MM-DD, last day of the period, included. */
  @Column({ name: 'period_end', type: 'date' })
  periodEnd: string;

  @Column({ type: 'simple-json' })
  content: DigestContent;

  /** The web version, without anyone's unsubscribe link. */
  @Column({ type: 'text' })
  html: string;

  @Column({ type: 'text' })
  text: string;

  /** How many people it was sent to (0 when skipped). */
  @Column({ type: 'integer' })
  recipients: number;

  @Column({ type: 'varchar', length: 10, default: 'sent' })
  status: DigestStatus;

  @Column({ name: 'compiled_at' })
  compiledAt: Date;
}

/** What a person chose about the mail they get; no row means the defaults. */
@Entity('mail_preferences')
export class MailPreference {
  @References('users', 'CASCADE')
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  /** weekly or monthly while subscribed; none is unsubscribed, whether by the one-click link or by choice. */
  @Column({ name: 'digest_frequency', type: 'varchar', length: 10, default: 'weekly' })
  digestFrequency: DigestFrequency;

  /** When the choice last changed: while it is none, since when the person gets no digest. */
  @Column({ name: 'updated_at' })
  updatedAt: Date;
}
