import { DataSource, Logger } from 'typeorm';

/** Counts the SQL statements a piece of work sends, by standing in for TypeORM's logger. */
export async function countQueries<T>(dataSource: DataSource, work: () => Promise<T>): Promise<{ result: T; queries: string[] }> {
  const queries: string[] = [];
  const original = dataSource.logger;
  const counting: Logger = {
    logQuery: (query) => void queries.push(query),
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
  (dataSource as { logger: Logger }).logger = counting;
  try {
    return { result: await work(), queries };
  } finally {
    (dataSource as { logger: Logger }).logger = original;
  }
}
