import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { References } from '@r2c/core';

@Entity('check_ins')
@Index('ix_check_ins_initiative', ['initiativeId', 'createdAt'])
export class CheckIn {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @References('initiatives', 'CASCADE')
  @Column({ name: 'initiative_id', type: 'varchar', length: 36 })
  initiativeId: string;

  @Column({ name: 'author_id', type: 'varchar', length: 36 })
  authorId: string;

  @Column({ type: 'text' })
  note: string;

  @Column({ type: 'text', nullable: true })
  blockers: string | null;

  @Column({ name: 'help_wanted', type: 'text', nullable: true })
  helpWanted: string | null;

  @Column({ name: 'created_at' })
  createdAt: Date;
}
