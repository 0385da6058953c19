import { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

export type SqlValue = string | number | boolean | null | undefined;

/**
 * A value written into SQLite SQL text. Text is quoted the standard way (each `'` doubled), which no
 * character of the value can end: SQLite reads no escapes inside a literal, and a semicolon there is
 * text. A NUL would end the script itself (the driver hands SQLite a C string), so text holding one is
 * written as the hex of its UTF-8 bytes cast back to text. Numbers must be finite.
 */
export function sqlLiteral(value: SqlValue): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${value} cannot be written to the database`);
    return String(value);
  }
  if (typeof value !== 'string') throw new Error(`a ${typeof value} cannot be written as an SQL literal`);
  if (value.includes('\0')) return `CAST(X'${Buffer.from(value, 'utf8').toString('hex')}' AS TEXT)`;
  return `'${value.replace(/'/g, "''")}'`;
}

/** A table or column name written into SQL text (SQLite and PostgreSQL alike). */
export const quotedName = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** One property's value as the SQLite literal TypeORM would write for its column (instants, JSON, booleans). */
export function columnLiteral<T extends ObjectLiteral>(dataSource: DataSource, entity: EntityTarget<T>, property: keyof T & string, value: unknown): string {
  const column = dataSource.getMetadata(entity).findColumnWithPropertyName(property);
  if (!column) throw new Error(`${String(dataSource.getMetadata(entity).name)} has no column ${property}`);
  return sqlLiteral(dataSource.driver.preparePersistentValue(value, column) as SqlValue);
}

/** An entity's columns (database names), in the order `rowValues` gives a row's values. */
export function entityColumns<T extends ObjectLiteral>(dataSource: DataSource, entity: EntityTarget<T>): string[] {
  return dataSource.getMetadata(entity).columns.map((column) => column.databaseName);
}

/** A row's values as TypeORM writes them (instants, JSON, booleans), in the order of `entityColumns`: for a statement that binds them as parameters. */
export function rowValues<T extends ObjectLiteral>(dataSource: DataSource, entity: EntityTarget<T>, row: T): unknown[] {
  return dataSource.getMetadata(entity).columns.map((column): unknown => dataSource.driver.preparePersistentValue(row[column.propertyName as keyof T], column));
}

/** Writes a value into SQL text: as a literal, or as a placeholder for a parameter (see OneTripWrite). */
export type Bind = (value: unknown) => string;

/**
 * The statements of one write sent to the database in one trip (Transactions.runInOneTrip), with the
 * values they hold. SQLite runs them as one script, which takes no parameters, so values are written
 * as literals (sqlLiteral); PostgreSQL runs them as one statement with numbered parameters.
 */
export class OneTripWrite {
  readonly statements: string[] = [];
  readonly parameters: unknown[] = [];

  constructor(readonly database: 'sqlite' | 'postgres') {}

  readonly bind: Bind = (value) => {
    if (this.database === 'sqlite') return sqlLiteral(value as SqlValue);
    this.parameters.push(value);
    return `$${this.parameters.length}`;
  };

  add(statement: string): this {
    this.statements.push(statement);
    return this;
  }
}

/**
 * `INSERT INTO <table> (<columns>) VALUES (<values>)` for one row of an entity, each value converted the
 * way TypeORM writes it (instants, JSON, booleans) and written by `bind` (a literal by default). A
 * property left undefined is left out, so the column's default applies, as with `EntityManager.insert`.
 * `computed` gives SQL for some properties instead (a subquery, say), written as is.
 */
export function insertRowSql<T extends ObjectLiteral>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  row: Partial<T>,
  computed: Partial<Record<keyof T, string>> = {},
  bind: Bind = (value) => sqlLiteral(value as SqlValue),
): string {
  const metadata: EntityMetadata = dataSource.getMetadata(entity);
  const columns: string[] = [];
  const values: string[] = [];
  for (const column of metadata.columns) {
    const property = column.propertyName as keyof T;
    const value: unknown = row[property];
    const sql = computed[property];
    if (value === undefined && sql === undefined) continue;
    columns.push(quotedName(column.databaseName));
    values.push(sql ?? bind(dataSource.driver.preparePersistentValue(value, column)));
  }
  return `INSERT INTO ${quotedName(metadata.tableName)} (${columns.join(', ')}) VALUES (${values.join(', ')})`;
}
