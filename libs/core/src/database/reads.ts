import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import sqlite3 from 'sqlite3';
import { DataSource } from 'typeorm';
import { SQLITE_BUSY_TIMEOUT_MS } from './data-source-options';

/**
 * Reads outside any transaction on a connection of their own. TypeORM's SQLite driver has one
 * connection, so a read there waits behind the statements of the write transaction in progress (and
 * would see its uncommitted rows); in WAL mode a second, read-only connection reads the last commit
 * while the writer works. On PostgreSQL the pool already does this.
 */
@Injectable()
export class Reads implements OnApplicationShutdown {
  private reader?: Promise<sqlite3.Database>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The rows of one SELECT; parameters are written `?` and numbered for PostgreSQL. */
  async select<T>(sql: string, parameters: unknown[]): Promise<T[]> {
    const file = this.sqliteFile();
    if (!file) {
      let n = 0;
      const numbered = this.dataSource.options.type === 'postgres' ? sql.replace(/\?/g, () => `$${++n}`) : sql;
      return this.dataSource.query<T[]>(numbered, parameters);
    }
    const reader = await (this.reader ??= openReader(file));
    return new Promise((resolve, reject) => reader.all(sql, parameters, (error, rows) => (error ? reject(error) : resolve(rows as T[]))));
  }

  async onApplicationShutdown(): Promise<void> {
    const reader = await this.reader?.catch(() => undefined);
    this.reader = undefined;
    if (reader) await new Promise<void>((resolve) => reader.close(() => resolve()));
  }

  private sqliteFile(): string | null {
    const { type, database } = this.dataSource.options as { type: string; database?: string };
    return type === 'sqlite' && typeof database === 'string' && database !== ':memory:' && !database.startsWith('file:') ? database : null;
  }
}

async function openReader(file: string): Promise<sqlite3.Database> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened: sqlite3.Database = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (error) => (error ? reject(error) : resolve(opened)));
  });
  await new Promise<void>((resolve, reject) => db.run(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`, (error) => (error ? reject(error) : resolve())));
  db.serialize(); // one statement at a time in a thread of the shared pool, the rest queued in the driver (see prepareSqlite)
  return db;
}
