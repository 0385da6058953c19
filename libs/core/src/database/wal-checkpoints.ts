import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import sqlite3 from 'sqlite3';
import { DataSource } from 'typeorm';
import { sqliteFileOf } from './data-source-options';
import { openSqlite, runSql } from './sqlite-connection';

/** How often the background pass copies the write-ahead log into the database file. */
export const CHECKPOINT_EVERY_MS = 500;
/**
 * Pages the log may hold before the writer checkpoints it itself, as SQLite does by default at 1,000:
 * only reached should the background pass stop or fall behind.
 */
export const WRITER_CHECKPOINT_BACKSTOP_PAGES = 20_000;
/**
 * The log starts over only when a write begins after a pass copied all of it; under a steady write
 * load another write has nearly always come in between, so the log grows until the backstop (about
 * 80 MB). When it starts over the file is cut back to this size, what SQLite's default 1,000 pages make.
 */
export const WAL_FILE_KEPT_BYTES = 4 * 1024 * 1024;

/** What `PRAGMA wal_checkpoint` answers: busy is 1 when it could not run at all. */
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
 * reader, and a page written many times between two passes is copied once. Commits stay as durable as
 * before: a committed transaction is in the log either way. The writer keeps a backstop of its own.
 */
@Injectable()
export class WalCheckpoints implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WalCheckpoints');
  private connection?: sqlite3.Database;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private lastError?: string;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    const file = sqliteFileOf(this.dataSource);
    if (!file) return;
    this.connection = await openSqlite(file, sqlite3.OPEN_READWRITE);
    await runSql(this.connection, 'PRAGMA synchronous = NORMAL');
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
    if (connection) await new Promise<void>((resolve) => connection.close(() => resolve()));
  }

  /** One pass now; the result says how many pages the log holds and how many are in the file. */
  checkpoint(): Promise<CheckpointResult> {
    const connection = this.connection;
    if (!connection) return Promise.reject(new Error('No checkpoint connection: not SQLite, or stopped.'));
    const pass = new Promise<CheckpointResult>((resolve, reject) =>
      connection.get('PRAGMA wal_checkpoint(PASSIVE)', (error: Error | null, row: CheckpointResult) => (error ? reject(error) : resolve(row))),
    );
    this.running = pass;
    return pass;
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
