import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import sqlite3 from 'sqlite3';
import { DataSource } from 'typeorm';
import { sqliteFileOf } from './data-source-options';
import { Reads } from './reads';
import { getRow, openSqlite, runSql } from './sqlite-connection';

/** How often the background pass copies the write-ahead log into the database file. */
export const CHECKPOINT_EVERY_MS = 500;
/**
 * Pages the log may hold before the writer checkpoints it itself, as SQLite does by default at 1,000:
 * only reached should the background pass stop or fall behind.
 */
export const WRITER_CHECKPOINT_BACKSTOP_PAGES = 20_000;
/**
 * A pass that found more than this in the log (SQLite's own mark) also makes sure the log starts over.
 * Under a steady write load a write has nearly always come in while the copy ran, so the writer never
 * found the log fully copied, and the log grew to the backstop; the writer then stopped to copy it.
 */
export const START_LOG_OVER_ABOVE_PAGES = 1_000;
/**
 * The longest a pass holds new writes back while it waits for the last readers of the log; a reader
 * still there after this (a backup, say) leaves the log as it is until the next pass.
 */
export const START_LOG_OVER_WAIT_MS = 25;
/**
 * What the log's file is cut back to when the log starts over: above what half a second of writes
 * fills, so that under load the log is written over in place rather than cut and grown again.
 */
export const WAL_FILE_KEPT_BYTES = 64 * 1024 * 1024;

/** What `PRAGMA wal_checkpoint` answers: busy is 1 when it could not run at all, or when a RESTART gave up waiting for the log's readers. */
export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

/**
 * SQLite in WAL mode copies the log into the database file every 1,000 pages, inside the COMMIT of
 * whichever write crosses that mark: that write, and every write queued behind it on the one writer
 * connection, waits for the copy and its fsyncs. Here the copy is a PASSIVE checkpoint on a connection
 * of its own, in a thread of the pool, every CHECKPOINT_EVERY_MS; PASSIVE never blocks a writer or a
 * reader, and a page written many times between two passes is copied once. When the log held more
 * than START_LOG_OVER_ABOVE_PAGES, the pass then runs a RESTART checkpoint: it holds new writes back
 * while it copies what came in during the PASSIVE one and waits (at most START_LOG_OVER_WAIT_MS) for
 * the readers of the log to finish, so that the next write starts the log over. Commits stay as durable
 * as before: a committed transaction is in the log either way. The writer keeps a backstop of its own.
 */
@Injectable()
export class WalCheckpoints implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WalCheckpoints');
  private connection?: sqlite3.Database;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private lastError?: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: Reads,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const file = sqliteFileOf(this.dataSource);
    if (!file) return;
    this.connection = await openSqlite(file, sqlite3.OPEN_READWRITE);
    await runSql(this.connection, 'PRAGMA synchronous = NORMAL');
    await runSql(this.connection, `PRAGMA busy_timeout = ${START_LOG_OVER_WAIT_MS}`);
    await this.dataSource.query(`PRAGMA wal_autocheckpoint = ${WRITER_CHECKPOINT_BACKSTOP_PAGES}`);
    await this.dataSource.query(`PRAGMA journal_size_limit = ${WAL_FILE_KEPT_BYTES}`);
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const connection = this.connection;
    this.connection = undefined;
    await this.running?.catch(() => undefined);
    // The last connection to close folds the log into the file and removes it, unless it is read-only:
    // the read-only one must close before this one, whether TypeORM's writer closes before or after.
    await this.reads.close();
    if (connection) await new Promise<void>((resolve) => connection.close(() => resolve()));
  }

  /** One pass now; the result says how many pages the log holds and how many are in the file. */
  checkpoint(): Promise<CheckpointResult> {
    const pass = this.copyLog().then((copied) => (copied.busy || copied.log <= START_LOG_OVER_ABOVE_PAGES ? copied : this.startLogOver()));
    this.running = pass;
    return pass;
  }

  /** Copies what it can of the log into the database file without waiting for anyone. */
  copyLog(): Promise<CheckpointResult> {
    return this.walCheckpoint('PASSIVE');
  }

  /** Copies the rest of the log with new writes held back, then waits for its readers: the next write starts it over. busy is 1 when it could not. */
  startLogOver(): Promise<CheckpointResult> {
    return this.walCheckpoint('RESTART');
  }

  private walCheckpoint(mode: 'PASSIVE' | 'RESTART'): Promise<CheckpointResult> {
    const connection = this.connection;
    if (!connection) return Promise.reject(new Error('No checkpoint connection: not SQLite, or stopped.'));
    return getRow<CheckpointResult>(connection, `PRAGMA wal_checkpoint(${mode})`);
  }

  private schedule(): void {
    this.timer = setTimeout(() => void this.pass(), CHECKPOINT_EVERY_MS);
    this.timer.unref();
  }

  private async pass(): Promise<void> {
    if (!this.connection) return;
    try {
      await this.checkpoint();
      this.lastError = undefined;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message !== this.lastError) this.logger.warn(`checkpoint failed (the writer's own checkpoint still applies): ${message}`);
      this.lastError = message;
    }
    if (this.connection) this.schedule();
  }
}
