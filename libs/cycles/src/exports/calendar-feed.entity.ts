import { Column, Entity, PrimaryColumn } from 'typeorm';
import { References } from '@r2c/core';

/** Which version of a person's secret calendar address works; resetting raises it. No row: version 1 was never shown. */
@Entity('calendar_feeds')
export class CalendarFeed {
  @References('users', 'CASCADE')
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'updated_at' })
  updatedAt: Date;
}
