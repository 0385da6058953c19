import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type sqlite3 from 'sqlite3';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { MIGRATIONS } from '../migrations';
import { createDataSource, dataSourceOptions } from './data-source-options';
import { Reads } from './reads';
import { Transactions } from './transactions';
import { WalCheckpoints } from './wal-checkpoints';

const MIGRATION_LOCK = 727274; // any constant shared by every process of this app

/** Runs pending migrations; on PostgreSQL under an advisory lock so that N processes can start at once. */
export async function migrate(dataSource: DataSource): Promise<void> {
  const logger = new Logger('Migrations');
  const postgres = dataSource.options.type === 'postgres';
  const runner = dataSource.createQueryRunner();
  try {
    if (postgres) await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length) logger.log(`applied ${applied.map((m) => m.name).join(', ')}`);
  } finally {
    if (postgres) await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    await runner.release();
  }
}

export async function openDataSource(config: AppConfig): Promise<DataSource> {
  return prepareSqlite(await createDataSource(dataSourceOptions(config.database, [], MIGRATIONS)).initialize());
}

/**
 * On SQLite: synchronous NORMAL (safe in WAL mode), and the connection runs its statements strictly
 * one after another in the order they were sent. It could run only one at a time anyway; queued
 * inside the driver, the others no longer each hold a thread of the shared pool while they wait, and
 * a transaction may send several statements at once (they still run in order).
 */
async function prepareSqlite(dataSource: DataSource): Promise<DataSource> {
  if (dataSource.options.type !== 'sqlite') return dataSource;
  await dataSource.query('PRAGMA synchronous = NORMAL');
  (dataSource.driver as unknown as { databaseConnection: sqlite3.Database }).databaseConnection.serialize();
  return dataSource;
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...dataSourceOptions(config.database, [], MIGRATIONS), autoLoadEntities: true, retryAttempts: 3, retryDelay: 1000 }),
          dataSourceFactory: async (options) => {
            const dataSource = await prepareSqlite(await createDataSource(options!).initialize());
            await migrate(dataSource);
            return dataSource;
          },
        }),
      ],
      providers: [Transactions, Reads, WalCheckpoints],
      exports: [Transactions, Reads, WalCheckpoints],
    };
  }
}
