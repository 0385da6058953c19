import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
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
    const result = this.tail.then(() => this.runOnSqlite(work));
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
