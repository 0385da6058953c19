import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import sqlite3 from 'sqlite3';
import { openSqlite, runSql } from '@r2c/core';
import type { AppConfig } from '@r2c/core';

export interface Backup {
  file: string;
  bytes: number;
}

/**
 * Copies the SQLite database while the app keeps writing. `VACUUM INTO` reads inside one transaction,
 * so the copy holds every transaction committed before it started and nothing of any later one; it is
 * written under a temporary name and renamed, so a copy with the final name is always complete.
 */
export async function backupDatabase(config: AppConfig, target?: string): Promise<Backup> {
  if (config.database.type !== 'sqlite') {
    throw new Error('npm run backup copies the embedded SQLite database; with DATABASE_URL (PostgreSQL) use pg_dump instead.');
  }
  const source = config.database.path;
  if (!existsSync(source)) throw new Error(`There is no database to back up at ${source} (check DATA_DIR).`);
  const file = resolve(target ?? join(config.dataDir, 'backups', `r2c-${new Date().toISOString().replace(/[:.]/g, '-')}.sqlite`));
  if (existsSync(file)) throw new Error(`${file} already exists; give another --to.`);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });

  const db = await openSqlite(source, sqlite3.OPEN_READONLY);
  try {
    await runSql(db, 'PRAGMA busy_timeout = 5000');
    await runSql(db, 'VACUUM INTO ?', [partial]);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    await new Promise<void>((ok) => db.close(() => ok()));
  }
  // A copy of everything, wherever --to puts it: the app's user's alone, like the database.
  chmodSync(partial, 0o600);
  renameSync(partial, file);
  return { file, bytes: statSync(file).size };
}
