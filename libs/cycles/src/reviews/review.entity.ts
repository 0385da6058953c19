import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { References } from '@r2c/core';
import type { Phase, ReviewVerdict } from '../domain';

@Entity('reviews')
@Index('ix_reviews_cycle', ['cycleId', 'createdAt'])
export class Review {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @References('cycles', 'CASCADE')
  @Column({ name: 'cycle_id', type: 'varchar', length: 36 })
  cycleId: string;

  @Column({ name: 'author_id', type: 'varchar', length: 36 })
  authorId: string;

  @Column({ type: 'varchar', length: 20 })
  verdict: ReviewVerdict;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'return_to', type: 'varchar', length: 20, nullable: true })
  returnTo: Phase | null;

  @Column({ name: 'created_at' })
  createdAt: Date;
}
