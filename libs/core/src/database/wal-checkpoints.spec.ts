import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import sqlite3 from 'sqlite3';
import { DataSource } from 'typeorm';
import { Reads } from './reads';
import { getRow, openSqlite, runSql } from './sqlite-connection';
import { CHECKPOINT_EVERY_MS, START_LOG_OVER_ABOVE_PAGES, WAL_FILE_KEPT_BYTES, WalCheckpoints, WRITER_CHECKPOINT_BACKSTOP_PAGES } from './wal-checkpoints';

describe('WalCheckpoints on SQLite: the log copied into the file by a connection of its own', () => {
  let dir: string;
  let file: string;
  let dataSource: DataSource;
  let checkpoints: WalCheckpoints;

  const insertRows = async (from: number, count: number, bytes = 2000) => {
    for (let i = from; i < from + count; i++) await dataSource.query('INSERT INTO notes (id, body) VALUES (?, ?)', [i, 'x'.repeat(bytes)]);
  };
  /** Another connection in the middle of a read: it keeps reading what the log held when it began. */
  const readerInTheMiddle = async () => {
    const reader = await openSqlite(file, sqlite3.OPEN_READONLY);
    await runSql(reader, 'BEGIN');
    await getRow(reader, 'SELECT COUNT(*) AS n FROM notes');
    return {
      finish: async () => {
        await runSql(reader, 'COMMIT');
        await new Promise<void>((resolve) => reader.close(() => resolve()));
      },
    };
  };
  const walPages = async () => (await dataSource.query<{ log: number }[]>('PRAGMA wal_checkpoint(NOOP)'))[0]?.log;

  beforeAll(async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }); // the passes run when a test says
    dir = mkdtempSync(join(tmpdir(), 'wal-checkpoints-'));
    file = join(dir, 'wal.sqlite');
    dataSource = await new DataSource({ type: 'sqlite', database: file, enableWAL: true }).initialize();
    await dataSource.query('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
    checkpoints = new WalCheckpoints(dataSource, new Reads(dataSource));
    await checkpoints.onApplicationBootstrap();
  });
  afterAll(async () => {
    await checkpoints.onApplicationShutdown();
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
    jest.useRealTimers();
  });

  it("moves the writer's own checkpoint out to the backstop", async () => {
    expect(await dataSource.query('PRAGMA wal_autocheckpoint')).toEqual([{ wal_autocheckpoint: WRITER_CHECKPOINT_BACKSTOP_PAGES }]);
  });

  it('copies every committed page into the database file, and the next write starts the log again', async () => {
    const fileBefore = statSync(file).size;
    await insertRows(1, 1500); // past SQLite's default 1,000 pages: the writer did not copy them itself
    expect(await walPages()).toBeGreaterThan(1000);
    expect(statSync(file).size).toBe(fileBefore);

    const pass = await checkpoints.checkpoint();
    expect(pass.busy).toBe(0);
    expect(pass.checkpointed).toBe(pass.log);
    expect(statSync(file).size).toBeGreaterThan(fileBefore + 1500 * 2000);

    await insertRows(1501, 1);
    expect(await walPages()).toBeLessThan(10);
    expect(await dataSource.query('SELECT COUNT(*) AS n FROM notes')).toEqual([{ n: 1501 }]);
  });

  it('starts the log over even when writes came in while it copied, which the copy alone cannot', async () => {
    await insertRows(3000, START_LOG_OVER_ABOVE_PAGES + 200);
    const reader = await readerInTheMiddle();
    await insertRows(5000, 20); // after the reader began: the copy cannot take them yet, as with writes that come in while it runs

    const copied = await checkpoints.copyLog();
    expect(copied.busy).toBe(0);
    expect(copied.checkpointed).toBeLessThan(copied.log);
    await insertRows(5020, 1);
    expect(await walPages()).toBeGreaterThan(copied.log); // the write could not start the log over: it went on growing

    await reader.finish();
    const restarted = await checkpoints.startLogOver();
    expect(restarted).toMatchObject({ busy: 0 });
    expect(restarted.checkpointed).toBe(restarted.log);
    const laterReader = await readerInTheMiddle(); // begins on the copied file, not on the log
    await insertRows(5021, 1);
    expect(await walPages()).toBeLessThan(10);
    await laterReader.finish();
  });

  it('holds writes back only briefly for a reader that stays, and leaves the log to the next pass', async () => {
    await insertRows(6000, START_LOG_OVER_ABOVE_PAGES + 200);
    const reader = await readerInTheMiddle();
    const pass = await checkpoints.checkpoint();
    expect(pass.busy).toBe(1); // it copied all it could, but the reader still reads the log
    await insertRows(7300, 1); // and the writes go on
    expect(await walPages()).toBeGreaterThan(START_LOG_OVER_ABOVE_PAGES);
    await reader.finish();
    expect(await checkpoints.checkpoint()).toMatchObject({ busy: 0 });
    await insertRows(7301, 1);
    expect(await walPages()).toBeLessThan(10);
  });

  it("cuts the log's file back when the log starts over, once it grew past what is kept", async () => {
    await insertRows(10_000, 36, 2_000_000); // about 70 MB of log: more than is kept, under the backstop
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(WAL_FILE_KEPT_BYTES);
    expect(await checkpoints.checkpoint()).toMatchObject({ busy: 0 });
    await insertRows(10_100, 1);
    expect(await walPages()).toBeLessThan(10);
    expect(statSync(`${file}-wal`).size).toBeLessThanOrEqual(WAL_FILE_KEPT_BYTES);
  });

  it('runs on its own every half second', async () => {
    await insertRows(2000, 50);
    const logged = await walPages();
    expect(logged).toBeGreaterThan(0);
    const spy = jest.spyOn(checkpoints, 'checkpoint');
    jest.advanceTimersByTime(CHECKPOINT_EVERY_MS);
    expect(spy).toHaveBeenCalledTimes(1);
    await expect(spy.mock.results[0].value).resolves.toEqual({ busy: 0, log: logged, checkpointed: logged });
    spy.mockRestore();
    await insertRows(2050, 1);
    expect(await walPages()).toBeLessThan(logged);
  });

  it('says once why a pass failed, and goes on passing', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const spy = jest.spyOn(checkpoints, 'checkpoint').mockRejectedValueOnce(new Error('disk I/O error')).mockRejectedValueOnce(new Error('disk I/O error'));
    for (let pass = 0; pass < 3; pass++) {
      jest.advanceTimersByTime(CHECKPOINT_EVERY_MS);
      await spy.mock.results[pass].value.catch(() => undefined);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(spy).toHaveBeenCalledTimes(3);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('disk I/O error'));
    await expect(spy.mock.results[2].value).resolves.toMatchObject({ busy: 0 });
    spy.mockRestore();
    warn.mockRestore();
  });

  it('does nothing for a database without a file', async () => {
    const memory = await new DataSource({ type: 'sqlite', database: ':memory:' }).initialize();
    const none = new WalCheckpoints(memory, new Reads(memory));
    await none.onApplicationBootstrap();
    await expect(none.checkpoint()).rejects.toThrow(/not SQLite/);
    await none.onApplicationShutdown();
    await memory.destroy();
  });
});
