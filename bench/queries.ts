import { performance } from 'node:perf_hooks';
import { Client, QueryResult } from 'pg';
import sqlite3 from 'sqlite3';
import { DataSource, Logger } from 'typeorm';

export interface SentQuery {
  query: string;
  parameters: unknown[];
}

/**
 * Records the SQL a piece of work sends by standing in for TypeORM's logger (as
 * test/support/query-counter.ts does), and counts the rows SELECTs bring back into the process by
 * wrapping the driver's query call (sqlite3's `all`, pg's `Client.query`): a figure that shows whether
 * memory grows with the data.
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
  const counter = { rowsRead: 0 };
  const unwrap = dataSource.options.type === 'postgres' ? countPostgresRows(dataSource, counter) : countSqliteRows(dataSource, counter);
  (dataSource as { logger: Logger }).logger = recording;
  try {
    return { result: await work(), queries, rowsRead: counter.rowsRead };
  } finally {
    (dataSource as { logger: Logger }).logger = original;
    unwrap();
  }
}

function countSqliteRows(dataSource: DataSource, counter: { rowsRead: number }): () => void {
  const connection = (dataSource.driver as unknown as { databaseConnection: sqlite3.Database }).databaseConnection;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the connection as `this`
  const all = connection.all;
  connection.all = function (
    this: sqlite3.Database,
    sql: string,
    params: unknown,
    callback: (this: sqlite3.Statement, error: Error | null, rows: unknown[]) => void,
  ) {
    return all.call(this, sql, params, function (this: sqlite3.Statement, error: Error | null, rows: unknown[]) {
      counter.rowsRead += rows?.length ?? 0;
      callback.call(this, error, rows); // TypeORM reads `changes` from the statement
    });
  } as typeof connection.all;
  return () => void (connection.all = all);
}

/** TypeORM's pool hands out clients of the pg module it loaded: their query is wrapped while the work runs. */
function countPostgresRows(dataSource: DataSource, counter: { rowsRead: number }): () => void {
  const prototype = (dataSource.driver as unknown as { postgres: { Client: typeof Client } }).postgres.Client.prototype;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the client as `this`
  const query = prototype.query;
  prototype.query = function (this: Client, ...args: unknown[]) {
    const sent = (query as (...a: unknown[]) => unknown).apply(this, args);
    if (sent instanceof Promise) {
      return sent.then((result: QueryResult) => {
        counter.rowsRead += result?.rows?.length ?? 0;
        return result;
      });
    }
    return sent;
  } as typeof prototype.query;
  return () => void (prototype.query = query);
}

/** Statements that are not transaction control. */
export const statements = (queries: SentQuery[]) => queries.filter((q) => !/^\s*(BEGIN|START TRANSACTION|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i.test(q.query));

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

/** The same baseline on PostgreSQL: the SELECTs replayed through a raw `pg` client (connected before the clock starts). */
export async function replayReadsOnPostgres(url: string, queries: SentQuery[]): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const reads = queries.filter((q) => /^\s*SELECT/i.test(q.query));
    const started = performance.now();
    for (const q of reads) await client.query(q.query, q.parameters);
    return performance.now() - started;
  } finally {
    await client.end();
  }
}
