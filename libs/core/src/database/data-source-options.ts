import sqlite3 from 'sqlite3';
import { DataSourceOptions } from 'typeorm';
import { DatabaseConfig } from '../config/app-config';

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
