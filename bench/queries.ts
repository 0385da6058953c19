import { performance } from 'node:perf_hooks';
import sqlite3 from 'sqlite3';
import { DataSource, Logger } from 'typeorm';

export interface SentQuery {
  query: string;
  parameters: unknown[];
}

/**
 * Records the SQL a piece of work sends by standing in for TypeORM's logger (as
 * test/support/query-counter.ts does), and counts the rows SELECTs bring back into the process by
 * wrapping the sqlite3 connection's `all`: a figure that shows whether memory grows with the data.
 */
export async function recordQueries<T>(dataSource: DataSource, work: () => Promise<T>): Promise<{ result: T; queries: SentQuery[]; rowsRead: number }> {
  const queries: SentQuery[] = [];
  const original = dataSource.logger;
  const recording: Logger = {
    logQuery: (query, parameters) => void queries.push({ query, parameters: parameters ?? [] }),
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
  const connection = (dataSource.driver as unknown as { databaseConnection: sqlite3.Database }).databaseConnection;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the connection as `this`
  const all = connection.all;
  let rowsRead = 0;
  connection.all = function (
    this: sqlite3.Database,
    sql: string,
    params: unknown,
    callback: (this: sqlite3.Statement, error: Error | null, rows: unknown[]) => void,
  ) {
    return all.call(this, sql, params, function (this: sqlite3.Statement, error: Error | null, rows: unknown[]) {
      rowsRead += rows?.length ?? 0;
      callback.call(this, error, rows); // TypeORM reads `changes` from the statement
    });
  } as typeof connection.all;
  (dataSource as { logger: Logger }).logger = recording;
  try {
    return { result: await work(), queries, rowsRead };
  } finally {
    (dataSource as { logger: Logger }).logger = original;
    connection.all = all;
  }
}

/** Statements that are not transaction control. */
export const statements = (queries: SentQuery[]) => queries.filter((q) => !/^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i.test(q.query));

/**
 * The baseline of a job: the SELECTs it sent, replayed through the raw sqlite3 driver on the same
 * file. What the job takes beyond this is ORM, rendering and writing.
 */
export async function replayReads(file: string, queries: SentQuery[]): Promise<number> {
  const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY);
  try {
    const reads = queries.filter((q) => /^\s*SELECT/i.test(q.query));
    const started = performance.now();
    for (const q of reads) await new Promise<void>((resolve, reject) => db.all(q.query, q.parameters, (error) => (error ? reject(error) : resolve())));
    return performance.now() - started;
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}
