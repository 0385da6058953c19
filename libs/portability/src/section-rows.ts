import { DataSource, EntityMetadata } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { ExportSection } from './export-sections';

/** The entity mapped to a section's table; every table of the list has one in a complete build. */
export function metadataOf(dataSource: DataSource, section: ExportSection): EntityMetadata {
  const metadata = dataSource.entityMetadatas.find((m) => m.tableName === section.table);
  if (!metadata) throw new Error(`No entity is registered for the table "${section.table}" of the export section "${section.key}".`);
  return metadata;
}

const isInstant = (column: ColumnMetadata) =>
  column.type === Date || ['datetime', 'timestamptz', 'timestamp', 'timestamp with time zone'].includes(String(column.type));

export const exportedColumns = (metadata: EntityMetadata, section: ExportSection) =>
  metadata.columns.filter((column) => !(section.withheld ?? []).includes(column.propertyName));

/** One row as the document writes it: the entity's field names, instants as ISO-8601 UTC, dates as YYYY-MM-DD. */
export function documentRow(entity: Record<string, unknown>, columns: ColumnMetadata[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const column of columns) {
    const value = entity[column.propertyName];
    row[column.propertyName] = value instanceof Date ? value.toISOString() : (value ?? null);
  }
  return row;
}

/** A document row back as an entity to insert: only the fields the entity has, instants as dates. */
export function entityRow(row: Record<string, unknown>, metadata: EntityMetadata, section: ExportSection): Record<string, unknown> {
  const entity: Record<string, unknown> = { ...(section.onImport ?? {}) };
  for (const column of exportedColumns(metadata, section)) {
    if (!(column.propertyName in row)) continue;
    const value = row[column.propertyName];
    entity[column.propertyName] = value !== null && isInstant(column) ? new Date(String(value)) : value;
  }
  return entity;
}
