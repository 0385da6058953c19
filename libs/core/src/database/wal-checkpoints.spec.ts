import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CHECKPOINT_EVERY_MS, WAL_FILE_KEPT_BYTES, WalCheckpoints, WRITER_CHECKPOINT_BACKSTOP_PAGES } from './wal-checkpoints';

describe('WalCheckpoints on SQLite: the log copied into the file by a connection of its own', () => {
  let dir: string;
  let file: string;
  let dataSource: DataSource;
  let checkpoints: WalCheckpoints;

  const insertRows = async (from: number, count: number) => {
    for (let i = from; i < from + count; i++) await dataSource.query('INSERT INTO notes (id, body) VALUES (?, ?)', [i, 'x'.repeat(2000)]);
  };
  const walPages = async () => (await dataSource.query<{ log: number }[]>('PRAGMA wal_checkpoint(NOOP)'))[0]?.log;

  beforeAll(async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }); // the passes run when a test says
    dir = mkdtempSync(join(tmpdir(), 'wal-checkpoints-'));
    file = join(dir, 'wal.sqlite');
    dataSource = await new DataSource({ type: 'sqlite', database: file, enableWAL: true }).initialize();
    await dataSource.query('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
    checkpoints = new WalCheckpoints(dataSource);
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

  it('copies every committed page into the database file, and the next write starts the log again, its file cut back', async () => {
    const fileBefore = statSync(file).size;
    await insertRows(1, 1500); // past SQLite's default 1,000 pages: the writer did not copy them itself
    expect(await walPages()).toBeGreaterThan(1000);
    expect(statSync(file).size).toBe(fileBefore);

    const pass = await checkpoints.checkpoint();
    expect(pass.busy).toBe(0);
    expect(pass.checkpointed).toBe(pass.log);
    expect(statSync(file).size).toBeGreaterThan(fileBefore + 1500 * 2000);

    expect(statSync(`${file}-wal`).size).toBeGreaterThan(WAL_FILE_KEPT_BYTES);
    await insertRows(1501, 1);
    expect(await walPages()).toBeLessThan(10);
    expect(statSync(`${file}-wal`).size).toBeLessThanOrEqual(WAL_FILE_KEPT_BYTES);
    expect(await dataSource.query('SELECT COUNT(*) AS n FROM notes')).toEqual([{ n: 1501 }]);
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
    const none = new WalCheckpoints(memory);
    await none.onApplicationBootstrap();
    await expect(none.checkpoint()).rejects.toThrow(/not SQLite/);
    await none.onApplicationShutdown();
    await memory.destroy();
  });
});
