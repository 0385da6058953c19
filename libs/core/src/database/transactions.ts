import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type sqlite3 from 'sqlite3';
import { DataSource, EntityManager } from 'typeorm';
import { SQLITE_BUSY_TIMEOUT_MS } from './data-source-options';
import { postgresStatements } from './postgres-statements';
import { OneTripWrite } from './sql-script';
import { finalizeStatement, prepareStatement } from './sqlite-connection';

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
export class Transactions implements BeforeApplicationShutdown {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly serialise: boolean;
  /** The statements `runPrepared` keeps, by text; none once the app shuts down. */
  private prepared: Map<string, Promise<sqlite3.Statement>> | null = new Map();

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

  /** Whether writes can be sent in one trip (`runInOneTrip`): on SQLite and on PostgreSQL. */
  get oneTrip(): boolean {
    return this.serialise || this.dataSource.options.type === 'postgres';
  }

  /** A write to fill in and pass to `runInOneTrip`, its values bound the way this database takes them. */
  oneTripWrite(): OneTripWrite {
    return new OneTripWrite(this.serialise ? 'sqlite' : 'postgres');
  }

  /**
   * Runs a write's statements as one transaction in one trip to the database: on SQLite as one script
   * (`runScript`), on PostgreSQL as one statement, each statement but the last a data-modifying `WITH`
   * (all or none are applied; they see the same snapshot, so none may depend on another's rows), a
   * named statement (PostgresStatements): a write of the same shape has the same text. On any error
   * nothing is written and the error is passed on.
   */
  async runInOneTrip(write: OneTripWrite): Promise<void> {
    if (write.statements.length === 0) return;
    if (write.database === 'sqlite') return this.runScript(`BEGIN IMMEDIATE; ${write.statements.join('; ')}; COMMIT`);
    const last = write.statements[write.statements.length - 1];
    const earlier = write.statements.slice(0, -1).map((statement, i) => `w${i} AS (${statement})`);
    await postgresStatements(this.dataSource).query(earlier.length ? `WITH ${earlier.join(', ')} ${last}` : last, write.parameters);
  }

  /**
   * SQLite only: one statement that is a whole transaction (SQLite runs a statement outside BEGIN as
   * its own, taking the write lock as it starts, so it waits out the busy timeout like `BEGIN
   * IMMEDIATE`), prepared once and run with `parameters`, in turn with `run`'s transactions: no other
   * transaction is open on the connection while it runs. `setup` (connection-scoped objects the
   * statement uses, such as a TEMP view and its trigger: idempotent) runs before it is first prepared.
   * A write whose statements are fixed costs one trip, and SQLite neither parses them nor compiles a
   * trigger's program again. Resolves once committed; on any error nothing is written and the error is
   * passed on. Refused once the app is shutting down (its statements are finalized so the connection
   * can close).
   */
  runPrepared(setup: string, sql: string, parameters: unknown[]): Promise<void> {
    if (!this.serialise) throw new Error('runPrepared is for SQLite; use runInOneTrip.');
    return this.inTurn(async () => {
      const statement = await this.statementFor(setup, sql);
      await new Promise<void>((resolve, reject) => statement.run(parameters, (error: Error | null) => (error ? reject(error) : resolve())));
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    const prepared = [...(this.prepared?.values() ?? [])];
    this.prepared = null;
    await this.inTurn(() => Promise.all(prepared.map((statement) => statement.then(finalizeStatement, () => undefined))));
  }

  private statementFor(setup: string, sql: string): Promise<sqlite3.Statement> {
    if (!this.prepared) return Promise.reject(new Error('the app is shutting down; its prepared statements are closed'));
    let statement = this.prepared.get(sql);
    if (!statement) {
      const db = (this.dataSource.driver as unknown as { databaseConnection: sqlite3.Database }).databaseConnection;
      const kept = (async () => {
        await new Promise<void>((resolve, reject) => db.exec(setup, (error) => (error ? reject(error) : resolve())));
        return prepareStatement(db, sql);
      })();
      this.prepared.set(sql, kept);
      kept.catch(() => this.prepared?.get(sql) === kept && this.prepared.delete(sql));
      statement = kept;
    }
    return statement;
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
