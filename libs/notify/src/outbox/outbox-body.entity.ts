import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A body many outbox emails share, stored once (a digest's copy for its readers). Each of those emails
 * names it in `body_id` and keeps its own pieces (its links) in `fills`, put into the slots when it is sent.
 */
@Entity('outbox_bodies')
export class OutboxBody {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'text_body', type: 'text' })
  textBody: string;

  @Column({ name: 'html_body', type: 'text', nullable: true })
  htmlBody: string | null;

  @Column({ name: 'created_at' })
  createdAt: Date;
}
