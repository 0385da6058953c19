import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

const key = (alias: string, column: string) => `${alias}__${column}`;

/**
 * The SELECT list of every column of an entity under a table alias, each named `<alias>__<column>`,
 * for a query written as SQL that reads several entities in one row (see `entityFrom`).
 */
export function columnsOf<T extends ObjectLiteral>(dataSource: DataSource, entity: EntityTarget<T>, alias: string): string {
  return dataSource
    .getMetadata(entity)
    .columns.filter((column) => !column.isVirtual)
    .map((column) => `${alias}."${column.databaseName}" AS "${key(alias, column.databaseName)}"`)
    .join(', ');
}

/** The entity in a raw row selected with `columnsOf`, each value converted the way TypeORM reads it (instants, JSON, booleans). */
export function entityFrom<T extends ObjectLiteral>(dataSource: DataSource, entity: EntityTarget<T>, row: Record<string, unknown>, alias: string): T {
  const metadata = dataSource.getMetadata(entity);
  const found = metadata.create() as T;
  for (const column of metadata.columns) {
    if (column.isVirtual) continue;
    const value = row[key(alias, column.databaseName)];
    if (value === undefined) continue;
    (found as Record<string, unknown>)[column.propertyName] = dataSource.driver.prepareHydratedValue(value, column);
  }
  return found;
}
