import sqlite3 from 'sqlite3';

/** A connection of its own to a SQLite file (beside TypeORM's), once it is open. */
export function openSqlite(file: string, mode: number): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const opened: sqlite3.Database = new sqlite3.Database(file, mode, (error) => (error ? reject(error) : resolve(opened)));
  });
}

/** One statement that returns no rows (a PRAGMA, VACUUM INTO …), on such a connection. */
export function runSql(db: sqlite3.Database, sql: string, parameters: unknown[] = []): Promise<void> {
  return new Promise((resolve, reject) => db.run(sql, parameters, (error: Error | null) => (error ? reject(error) : resolve())));
}

/** A prepared statement on such a connection, once SQLite has compiled it. */
export function prepareStatement(db: sqlite3.Database, sql: string): Promise<sqlite3.Statement> {
  return new Promise((resolve, reject) => {
    const statement: sqlite3.Statement = db.prepare(sql, (error: Error | null) => (error ? reject(error) : resolve(statement)));
  });
}

/** Releases a prepared statement; a connection closes only once its statements are finalized. */
export function finalizeStatement(statement: sqlite3.Statement): Promise<void> {
  return new Promise((resolve) => statement.finalize(() => resolve()));
}

/** The first row one statement answers, on such a connection. */
export function getRow<Row>(db: sqlite3.Database, sql: string, parameters: unknown[] = []): Promise<Row> {
  return new Promise((resolve, reject) => db.get(sql, parameters, (error: Error | null, row: Row) => (error ? reject(error) : resolve(row))));
}
