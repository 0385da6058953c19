import sqlite3 from 'sqlite3';
import { DataSource, DataSourceOptions, QueryRunner } from 'typeorm';
import { DatabaseConfig } from '../config/app-config';
import { withReferencedEntities } from './foreign-keys';

export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * TypeORM switches sqlite3 to verbose mode, which wraps every call to capture a stack trace and
 * util.inspect its arguments (the SQL and all parameters): about a tenth of the API's CPU under write
 * load. Handing it a module whose verbose() leaves tracing off keeps the plain driver.
 */
const sqlite3WithoutTrace = Object.assign(Object.create(sqlite3) as typeof sqlite3, { verbose: () => sqlite3 });

export function dataSourceOptions(
  database: DatabaseConfig,
  entities: DataSourceOptions['entities'],
  migrations: DataSourceOptions['migrations'],
): DataSourceOptions {
  const common = { entities, migrations, migrationsRun: false, synchronize: false, logging: false } as const;
  if (database.type === 'postgres') {
    return { ...common, type: 'postgres', url: database.url, extra: { max: 10 } };
  }
  return { ...common, type: 'sqlite', database: database.path, enableWAL: true, busyTimeout: SQLITE_BUSY_TIMEOUT_MS, driver: sqlite3WithoutTrace };
}

/** The file of a SQLite data source, or null for PostgreSQL and in-memory databases. */
export function sqliteFileOf(dataSource: DataSource): string | null {
  const { type, database } = dataSource.options as { type: string; database?: unknown };
  return type === 'sqlite' && typeof database === 'string' && database !== ':memory:' && !database.startsWith('file:') ? database : null;
}

/**
 * Every data source of the app, before it is initialised. An entity's Date column is an instant: the
 * migrations make it timestamptz on PostgreSQL, while TypeORM's PostgreSQL driver reads a Date column
 * as timestamp without time zone, and would see every instant column as one to change. (On SQLite
 * both say datetime.)
 */
export function createDataSource(options: DataSourceOptions): DataSource {
  const entities = Array.isArray(options.entities) ? withReferencedEntities(options.entities) : options.entities;
  const dataSource = new DataSource({ ...options, entities });
  if (dataSource.options.type === 'postgres') {
    const driver = dataSource.driver;
    const normalizeType = driver.normalizeType.bind(driver);
    driver.normalizeType = (column) => (column.type === Date ? 'timestamp with time zone' : normalizeType(column));
  }
  if (dataSource.options.type === 'sqlite') beginImmediate(dataSource);
  return dataSource;
}

const TYPEORM_BEGIN = 'BEGIN TRANSACTION';
const patched = new WeakSet<QueryRunner>();

/**
 * TypeORM opens SQLite transactions DEFERRED: the write lock is taken at the first write, and a
 * transaction that read first meets SQLITE_BUSY at once, without the busy timeout, when another
 * process wrote in between. `BEGIN IMMEDIATE` takes the write lock when the transaction starts,
 * waiting out the busy timeout like any statement, in the same round trip. (TypeORM's SQLite driver
 * has one query runner, shared by every caller.)
 */
function beginImmediate(dataSource: DataSource): void {
  const driver = dataSource.driver;
  const createQueryRunner = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode) => {
    const runner = createQueryRunner(mode);
    if (!patched.has(runner)) {
      patched.add(runner);
      const query = runner.query.bind(runner) as (sql: string, ...rest: unknown[]) => Promise<unknown>;
      runner.query = ((sql: string, ...rest: unknown[]) => query(sql === TYPEORM_BEGIN ? 'BEGIN IMMEDIATE TRANSACTION' : sql, ...rest)) as QueryRunner['query'];
    }
    return runner;
  };
}
