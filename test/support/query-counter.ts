import { DataSource, Logger } from 'typeorm';

/**
 * Counts the SQL statements a piece of work sends, by standing in for TypeORM's logger. `about` keeps
 * only statements that mention it, so the workers' background polls in the same process do not count.
 */
export async function countQueries<T>(dataSource: DataSource, work: () => Promise<T>, about?: RegExp): Promise<{ result: T; queries: string[] }> {
  const queries: string[] = [];
  const original = dataSource.logger;
  const counting: Logger = {
    logQuery: (query) => void (!about || about.test(query) ? queries.push(query) : undefined),
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
