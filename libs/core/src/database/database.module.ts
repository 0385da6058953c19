import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { MIGRATIONS } from '../migrations';
import { createDataSource, dataSourceOptions } from './data-source-options';
import { Reads } from './reads';
import { Transactions } from './transactions';

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
  const dataSource = await createDataSource(dataSourceOptions(config.database, [], MIGRATIONS)).initialize();
  if (dataSource.options.type === 'sqlite') await dataSource.query('PRAGMA synchronous = NORMAL');
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
            const dataSource = await createDataSource(options!).initialize();
            if (dataSource.options.type === 'sqlite') await dataSource.query('PRAGMA synchronous = NORMAL');
            await migrate(dataSource);
            return dataSource;
          },
        }),
      ],
      providers: [Transactions, Reads],
      exports: [Transactions, Reads],
    };
  }
}
