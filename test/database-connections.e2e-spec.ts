import { existsSync } from 'node:fs';
import sqlite3 from 'sqlite3';
import { DataSource } from 'typeorm';
import { newId, Reads, Transactions } from '@r2c/core';
import { TestRedis } from './support/redis-server';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Reads outside a transaction go to their own connection (on SQLite a second, read-only one), and a
 * transaction holds SQLite's write lock from its first statement.
 */
describe('database connections', () => {
  let t: TestApp;
  let reads: Reads;
  let tx: Transactions;
  let db: DataSource;
  const p = (i: number) => (db.options.type === 'postgres' ? `$${i}` : '?');
  const libraryNamed = async (name: string) =>
    (await reads.select<{ name: string }>('SELECT name FROM libraries WHERE name = ?', [name])).map((row) => row.name);

  beforeAll(async () => {
    t = await startTestApp({ withWorkers: false });
    reads = t.app.get(Reads);
    tx = t.app.get(Transactions);
    db = t.app.get(DataSource);
  });
  afterAll(async () => t?.close());

  it('a read outside the transaction does not wait for it and does not see its rows before the commit', async () => {
    let finish!: () => void;
    const held = new Promise<void>((resolve) => (finish = resolve));
    let inserted!: () => void;
    const insertedRow = new Promise<void>((resolve) => (inserted = resolve));
    const name = `Uncommitted Branch ${newId()}`;
    const writing = tx.run(async (em) => {
      await em.query(
        `INSERT INTO libraries (id, name, city, state, community_type, timezone, created_at, updated_at) VALUES (${[1, 2, 3, 4, 5, 6, 7, 8].map(p).join(', ')})`,
        [newId(), name, 'Riverbend', 'MT', 'rural', 'America/Denver', new Date(), new Date()],
      );
      inserted();
      await held;
    });
    await Promise.race([insertedRow, writing]);
    expect(await libraryNamed(name)).toEqual([]);
    finish();
    await writing;
    expect(await libraryNamed(name)).toEqual([name]);
  });

  it('on SQLite a transaction takes the write lock when it begins, even one that only reads', async () => {
    if (db.options.type !== 'sqlite') return expect(db.options.type).toBe('postgres'); // PostgreSQL has row locks, not one write lock
    const other = await new Promise<sqlite3.Database>((resolve, reject) => {
      const opened: sqlite3.Database = new sqlite3.Database(`${t.dataDir}/r2c.sqlite`, (error) => (error ? reject(error) : resolve(opened)));
    });
    const run = (sql: string) => new Promise<void>((resolve, reject) => other.run(sql, (error) => (error ? reject(error) : resolve())));
    let finish!: () => void;
    const held = new Promise<void>((resolve) => (finish = resolve));
    let begun!: () => void;
    const inTransaction = new Promise<void>((resolve) => (begun = resolve));
    const reading = tx.run(async (em) => {
      await em.query('SELECT COUNT(*) AS n FROM libraries');
      begun();
      await held;
    });
    try {
      await Promise.race([inTransaction, reading]);
      await run('PRAGMA busy_timeout = 0');
      await expect(run('BEGIN IMMEDIATE')).rejects.toThrow(/SQLITE_BUSY/);
    } finally {
      finish();
      await reading;
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });
});

describe('a clean stop on SQLite', () => {
  const insertLibrary = (db: DataSource, name: string) =>
    db.query('INSERT INTO libraries (id, name, city, state, community_type, timezone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
      newId(),
      name,
      'Riverbend',
      'MT',
      'rural',
      'America/Denver',
      new Date(),
      new Date(),
    ]);
  const librariesIn = (file: string) =>
    new Promise<string[]>((resolve, reject) => {
      const opened: sqlite3.Database = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (error) => {
        if (error) return reject(error);
        opened.all('SELECT name FROM libraries ORDER BY name', (failed, rows: { name: string }[]) =>
          opened.close(() => (failed ? reject(failed) : resolve(rows.map((row) => row.name)))),
        );
      });
    });

  it('folds the log into the database file and removes it, every time: the read-only connection never closes last', async () => {
    if (process.env.TEST_DATABASE_URL) return expect(process.env.TEST_DATABASE_URL).toMatch(/^postgres/); // no log beside a file there
    const redis = await new TestRedis().start();
    try {
      for (let round = 1; round <= 4; round++) {
        const t = await startTestApp({ withWorkers: false, redis });
        try {
          const db = t.app.get(DataSource);
          const names = Array.from({ length: 20 }, (_, i) => `Stop ${round} Branch ${String(i).padStart(2, '0')}`);
          for (const name of names) await insertLibrary(db, name);
          expect(await t.app.get(Reads).select('SELECT COUNT(*) AS n FROM libraries WHERE name LIKE ?', [`Stop ${round} %`])).toEqual([{ n: 20 }]);
          await t.closeApp();
          const file = `${t.dataDir}/r2c.sqlite`;
          expect({ round, log: existsSync(`${file}-wal`), index: existsSync(`${file}-shm`) }).toEqual({ round, log: false, index: false });
          expect(await librariesIn(file)).toEqual(expect.arrayContaining(names));
        } finally {
          await t.close();
        }
      }
    } finally {
      await redis.destroy();
    }
  });
});
