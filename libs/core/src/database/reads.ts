import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import sqlite3 from 'sqlite3';
import { DataSource } from 'typeorm';
import { SQLITE_BUSY_TIMEOUT_MS, sqliteFileOf } from './data-source-options';
import { postgresStatements } from './postgres-statements';
import { finalizeStatement, openSqlite, prepareStatement, runSql } from './sqlite-connection';

/** How many distinct SELECTs keep a prepared statement; the app's reads are a few dozen constant texts. */
const KEPT_STATEMENTS = 200;

/**
 * Reads outside any transaction on a connection of their own. TypeORM's SQLite driver has one
 * connection, so a read there waits behind the statements of the write transaction in progress (and
 * would see its uncommitted rows); in WAL mode a second, read-only connection reads the last commit
 * while the writer works. On PostgreSQL the pool already does this, and each SELECT is a named
 * statement (PostgresStatements), parsed once per pooled connection.
 */
@Injectable()
export class Reads implements OnApplicationShutdown {
  private reader?: Promise<sqlite3.Database>;
  private closing?: Promise<void>;
  /**
   * Each SELECT's text prepared once: a statement made per call is a trip to the thread pool to
   * prepare it before the trip that runs it, and SQLite parses the text again each time.
   */
  private readonly statements = new Map<string, Promise<sqlite3.Statement>>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The rows of one SELECT; parameters are written `?` and numbered for PostgreSQL. */
  async select<T>(sql: string, parameters: unknown[]): Promise<T[]> {
    const file = sqliteFileOf(this.dataSource);
    if (!file) {
      if (this.dataSource.options.type !== 'postgres') return this.dataSource.query<T[]>(sql, parameters);
      let n = 0;
      return postgresStatements(this.dataSource).query<T>(
        sql.replace(/\?/g, () => `$${++n}`),
        parameters,
      );
    }
    const reader = await (this.reader ??= openReader(file));
    const statement = await this.statementFor(reader, sql);
    return new Promise((resolve, reject) => {
      const answer = (error: Error | null, rows: unknown[]) => (error ? reject(error) : resolve(rows as T[]));
      if (!statement) return void reader.all(sql, parameters, answer);
      statement.all(parameters, (error: Error | null, rows: unknown[]) => {
        if (error) this.forget(sql, statement);
        answer(error, rows);
      });
    });
  }

  onApplicationShutdown(): Promise<void> {
    return this.close();
  }

  /** Closes the connection and its statements; a later read opens it again. WalCheckpoints waits for this at shutdown (see there). */
  close(): Promise<void> {
    this.closing ??= this.closeNow().finally(() => (this.closing = undefined));
    return this.closing;
  }

  private async closeNow(): Promise<void> {
    const reader = await this.reader?.catch(() => undefined);
    this.reader = undefined;
    const statements = [...this.statements.values()];
    this.statements.clear();
    await Promise.all(statements.map(async (prepared) => finalizeStatement(await prepared)));
    if (reader) await new Promise<void>((resolve) => reader.close(() => resolve()));
  }

  /** The kept statement for this SELECT; none once as many as KEPT_STATEMENTS are kept (the call prepares its own). A SELECT that does not prepare is refused, and not kept. */
  private statementFor(reader: sqlite3.Database, sql: string): Promise<sqlite3.Statement | undefined> {
    let prepared = this.statements.get(sql);
    if (!prepared && this.statements.size < KEPT_STATEMENTS) {
      prepared = prepareStatement(reader, sql);
      this.statements.set(sql, prepared);
      const unkept = prepared;
      unkept.catch(() => this.statements.get(sql) === unkept && this.statements.delete(sql));
    }
    return prepared ?? Promise.resolve(undefined);
  }

  /** A statement that failed is made anew on the next call. */
  private forget(sql: string, statement: sqlite3.Statement): void {
    const kept = this.statements.get(sql);
    void kept?.then((current) => {
      if (current !== statement || this.statements.get(sql) !== kept) return;
      this.statements.delete(sql);
      void finalizeStatement(statement);
    });
  }
}

async function openReader(file: string): Promise<sqlite3.Database> {
  const db = await openSqlite(file, sqlite3.OPEN_READONLY);
  await runSql(db, `PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  db.serialize(); // one statement at a time in a thread of the shared pool, the rest queued in the driver (see prepareSqlite)
  return db;
}
