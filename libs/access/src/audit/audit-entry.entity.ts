import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const AUDITED_ENTITY_TYPES = [
  'user',
  'library',
  'initiative',
  'membership',
  'indicator',
  'cycle',
  'evidence',
  'review',
  'check_in',
  'digest',
  'adaptation',
  'survey',
  'survey_item',
  'survey_import',
  'invitation',
  'strategy_tag',
] as const;
export type AuditedEntityType = (typeof AUDITED_ENTITY_TYPES)[number];

@Entity('audit_entries')
@Index('ix_audit_entity', ['entityType', 'entityId'])
@Index('ix_audit_initiative', ['initiativeId'])
@Index('ix_audit_at', ['at'])
export class AuditEntry {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'actor_id', type: 'varchar', length: 36, nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 40 })
  action: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 40 })
  entityType: AuditedEntityType;

  @Column({ name: 'entity_id', type: 'varchar', length: 36 })
  entityId: string;

  @Column({ name: 'initiative_id', type: 'varchar', length: 36, nullable: true })
  initiativeId: string | null;

  @Column({ type: 'simple-json', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'simple-json', nullable: true })
  after: Record<string, unknown> | null;

  @Column()
  at: Date;
}
