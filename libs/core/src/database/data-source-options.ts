import { DataSourceOptions } from 'typeorm';
import { DatabaseConfig } from '../config/app-config';

export const SQLITE_BUSY_TIMEOUT_MS = 5000;

export function dataSourceOptions(
  database: DatabaseConfig,
  entities: DataSourceOptions['entities'],
  migrations: DataSourceOptions['migrations'],
): DataSourceOptions {
  const common = { entities, migrations, migrationsRun: false, synchronize: false, logging: false } as const;
  if (database.type === 'postgres') {
    return { ...common, type: 'postgres', url: database.url, extra: { max: 10 } };
  }
  return { ...common, type: 'sqlite', database: database.path, enableWAL: true, busyTimeout: SQLITE_BUSY_TIMEOUT_MS };
}
