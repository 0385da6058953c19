import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { CommunityType } from '@r2c/contracts';

export { COMMUNITY_TYPES } from '@r2c/contracts';
export type { CommunityType } from '@r2c/contracts';

@Entity('libraries')
export class Library {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 120 })
  city: string;

  @Column({ type: 'varchar', length: 60 })
  state: string;

  @Column({ name: 'community_type', type: 'varchar', length: 20 })
  communityType: CommunityType;

  @Column({ type: 'varchar', length: 64 })
  timezone: string;

  @Column({ name: 'created_at' })
  createdAt: Date;

  @Column({ name: 'updated_at' })
  updatedAt: Date;
}
