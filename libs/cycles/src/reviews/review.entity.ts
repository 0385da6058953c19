import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Phase, ReviewVerdict } from '../domain';

@Entity('reviews')
export class Review {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

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
