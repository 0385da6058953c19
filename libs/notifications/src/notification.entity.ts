import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { References } from '@r2c/core';
import type { NotificationKind, ReviewEmailChoice } from '@r2c/contracts';

/** How one notification's email goes: on its own at once, in the day's list, or not at all (off, or carried by the summary). */
export const EMAIL_DELIVERIES = ['immediately', 'daily', 'none'] as const;
export type EmailDelivery = (typeof EMAIL_DELIVERIES)[number];

/** One review event as one person's inbox shows it. */
@Entity('notifications')
@Index('uq_notifications_event_user', ['eventId', 'userId'], { unique: true })
@Index('ix_notifications_user', ['userId', 'createdAt'])
@Index('ix_notifications_daily', ['emailDelivery', 'batchedOn'])
export class Notification {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @References('users', 'CASCADE')
  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 30 })
  kind: NotificationKind;

  /** The audit row of the event: one notification per event and person. */
  @Column({ name: 'event_id', type: 'varchar', length: 36 })
  eventId: string;

  @References('cycles', 'CASCADE')
  @Column({ name: 'cycle_id', type: 'varchar', length: 36 })
  cycleId: string;

  @References('initiatives', 'CASCADE')
  @Column({ name: 'initiative_id', type: 'varchar', length: 36 })
  initiativeId: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'email_delivery', type: 'varchar', length: 20 })
  emailDelivery: EmailDelivery;

  /** The day (in DIGEST_TIMEZONE) whose daily email listed it; null until one has. */
  @Column({ name: 'batched_on', type: 'date', nullable: true })
  batchedOn: string | null;

  @Column({ name: 'created_at' })
  createdAt: Date;

  @Column({ name: 'read_at', type: Date, nullable: true })
  readAt: Date | null;
}

/** A person's choice for review emails; no row means the default, immediately. */
@Entity('notification_settings')
export class NotificationSetting {
  @References('users', 'CASCADE')
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ name: 'review_emails', type: 'varchar', length: 20 })
  reviewEmails: ReviewEmailChoice;

  @Column({ name: 'updated_at' })
  updatedAt: Date;
}
