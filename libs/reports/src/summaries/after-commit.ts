import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';

/**
 * Runs work once the transaction an `EntityManager` belongs to has committed, and drops it if the
 * transaction rolls back. Code that runs inside someone else's transaction (a CycleEvents handler)
 * uses it for side effects outside the database, which must not happen for a change that never commits.
 */
@Injectable()
export class AfterCommit implements EntitySubscriberInterface {
  private readonly pending = new WeakMap<QueryRunner, (() => void)[]>();

  constructor(@InjectDataSource() dataSource: DataSource) {
    // The NestJS way to register a TypeORM subscriber that has dependencies.
    dataSource.subscribers.push(this);
  }

  /** `work` runs after the outermost commit (even if added inside a savepoint that was undone), is not awaited, and must not throw. */
  add(em: EntityManager, work: () => void): void {
    const runner = em.queryRunner;
    if (!runner?.isTransactionActive) throw new Error('AfterCommit.add needs the EntityManager of an open transaction.');
    this.pending.set(runner, [...(this.pending.get(runner) ?? []), work]);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    // A savepoint's release also reports a commit; only the outermost one makes the change real.
    const runner = event.queryRunner;
    if (runner.isTransactionActive) return;
    const work = this.pending.get(runner) ?? [];
    this.pending.delete(runner);
    for (const run of work) run();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) this.pending.delete(event.queryRunner);
  }
}
