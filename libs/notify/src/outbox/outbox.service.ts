import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, QueryResult, Repository } from 'typeorm';
import { Clock, newId, Transactions } from '@r2c/core';
import { checkNewMail, distinctByKey, NewMail, pageOf } from './new-mail';
import { OutboxMessage, OutboxStatus } from './outbox-message.entity';

/** Rows per INSERT: 16 parameters each stays under 16,000, below SQLite's (32,766) and PostgreSQL's (65,535) limits. */
const INSERT_CHUNK = 1000;

export interface OutboxQuery {
  status?: OutboxStatus;
  limit?: number;
  offset?: number;
}

/** The mail outbox: emails are asked for inside the caller's transaction and sent later by the relay and the mail worker. */
@Injectable()
export class OutboxService {
  private readonly relays = new Set<() => void>();

  constructor(
    @InjectRepository(OutboxMessage) private readonly messages: Repository<OutboxMessage>,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  /**
   * Adds emails in the caller's transaction, so they exist exactly when the change that caused them
   * commits. A key that is already there is skipped. Returns how many emails were new.
   */
  async add(em: EntityManager, messages: NewMail[]): Promise<number> {
    messages.forEach(checkNewMail);
    const runner = em.queryRunner;
    if (!runner) throw new Error("OutboxService.add needs the entity manager of the caller's transaction");
    const now = this.clock.now();
    let added = 0;
    const distinct = distinctByKey(messages);
    for (let start = 0; start < distinct.length; start += INSERT_CHUNK) {
      const rows = distinct.slice(start, start + INSERT_CHUNK).map((mail) => newRow(mail, now));
      const [sql, parameters] = em.createQueryBuilder().insert().into(OutboxMessage).values(rows).orIgnore().updateEntity(false).getQueryAndParameters();
      // Both drivers report the rows an INSERT added; a key already there is ignored and not counted.
      const result: QueryResult = await runner.query(sql, parameters, true);
      added += result.affected ?? 0;
    }
    return added;
  }

  /** Asks the relay of this process, if it runs one, for a pass now; otherwise the next poll finds the rows. Call it after commit. */
  kick(): void {
    for (const relay of this.relays) relay();
  }

  /** The relay registers itself here; returns the function that unregisters it. */
  attachRelay(kick: () => void): () => void {
    this.relays.add(kick);
    return () => this.relays.delete(kick);
  }

  async list(query: OutboxQuery = {}): Promise<{ items: OutboxMessage[]; total: number }> {
    const { limit, offset } = pageOf(query);
    const [items, total] = await this.messages.findAndCount({
      where: query.status ? { status: query.status } : {},
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
      skip: offset,
    });
    return { items, total };
  }

  async get(id: string): Promise<OutboxMessage> {
    const message = await this.messages.findOneBy({ id });
    if (!message) throw new NotFoundException('No email with this id in the outbox.');
    return message;
  }

  /**
   * Sends a dead or failed email again from its first attempt. The new generation gives it a new
   * BullMQ job, and makes any job still pending for the old generation do nothing.
   */
  async retry(id: string): Promise<OutboxMessage> {
    const message = await this.transactions.run(async (em) => {
      const current = await em.findOneBy(OutboxMessage, { id });
      if (!current) throw new NotFoundException('No email with this id in the outbox.');
      if (current.status === 'sent') throw new ConflictException('This email was already sent.');
      if (current.status === 'queued') return current;
      const now = this.clock.now();
      const result = await em
        .createQueryBuilder()
        .update(OutboxMessage)
        .set({ status: 'queued', generation: () => 'generation + 1', attempts: 0, enqueuedAt: null, updatedAt: now })
        .where('id = :id AND generation = :generation AND status IN (:...retryable)', { id, generation: current.generation, retryable: ['failed', 'dead'] })
        .execute();
      if (!result.affected) throw new ConflictException('This email changed while it was being retried; look at it again.');
      return em.findOneByOrFail(OutboxMessage, { id });
    });
    this.kick();
    return message;
  }
}

function newRow(mail: NewMail, now: Date): OutboxMessage {
  return {
    id: newId(),
    idempotencyKey: mail.idempotencyKey,
    kind: mail.kind,
    toAddress: mail.to,
    subject: mail.subject,
    textBody: mail.text,
    htmlBody: mail.html ?? null,
    headers: mail.headers ?? null,
    status: 'queued',
    attempts: 0,
    generation: 0,
    lastError: null,
    enqueuedAt: null,
    sentAt: null,
    createdAt: now,
    updatedAt: now,
  };
}
