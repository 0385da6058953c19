import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type sqlite3 from 'sqlite3';
import { DataSource, EntityManager } from 'typeorm';
import { SQLITE_BUSY_TIMEOUT_MS } from './data-source-options';

const isBusy = (error: unknown) => /SQLITE_BUSY/.test(String((error as { driverError?: { code?: string } })?.driverError?.code ?? (error as Error)?.message));

/**
 * Runs one user action as one database transaction. TypeORM's SQLite drivers share a single
 * connection, so overlapping transactions fail ("cannot start a transaction within a transaction");
 * on SQLite they are therefore queued one after another. PostgreSQL uses its pool as is.
 *
 * When another process writes the same SQLite file (a worker beside the API, a CLI command), a
 * transaction takes the write lock when it begins (`BEGIN IMMEDIATE`, see data-source-options.ts),
 * waiting out the busy timeout; one still refused with SQLITE_BUSY is rolled back and run again.
 */
@Injectable()
export class Transactions {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly serialise: boolean;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.serialise = dataSource.options.type === 'sqlite';
  }

  run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serialise) return this.dataSource.transaction(work);
    return this.inTurn(() => this.runOnSqlite(work));
  }

  /** Whether `runScript` can be used: on SQLite. */
  get scripted(): boolean {
    return this.serialise;
  }

  /**
   * SQLite only: a whole transaction written as one script (`BEGIN IMMEDIATE; …; COMMIT`, values as
   * literals, see sqlLiteral), in turn with `run`'s transactions. The driver runs it as one job, so
   * the write lock is held for the statements alone, with no trip back to JavaScript between them.
   * Resolves once committed. On any error the transaction is rolled back at once (the driver runs the
   * ROLLBACK before the next transaction's statements) and the error is passed on, SQLITE_BUSY
   * included: the caller decides whether to try again another way.
   */
  runScript(script: string): Promise<void> {
    if (!this.serialise) throw new Error('runScript is for SQLite; use run.');
    const db = (this.dataSource.driver as unknown as { databaseConnection: sqlite3.Database }).databaseConnection;
    return this.inTurn(
      () =>
        new Promise<void>((resolve, reject) =>
          db.exec(script, (error) => {
            if (!error) return resolve();
            db.run('ROLLBACK', () => undefined); // "no transaction is active" when BEGIN itself failed
            reject(error);
          }),
        ),
    );
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async runOnSqlite<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const giveUpAt = Date.now() + SQLITE_BUSY_TIMEOUT_MS;
    for (let pause = 5; ; pause = Math.min(pause * 2, 200)) {
      try {
        return await this.dataSource.transaction(work);
      } catch (error) {
        if (!isBusy(error) || Date.now() + pause > giveUpAt) throw error;
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }
}
