import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, QueryResult, Repository } from 'typeorm';
import { Clock, columnLiteral, newId, rawInstant, rawJson, Reads, sqlLiteral, Transactions } from '@r2c/core';
import { SendingBatch, SendingBatches } from './sending-batches';
import type { MailFill, SharedMailBody } from './mail-fills';
import type { MailAttachment } from '../mail-transport';
import type { MailJob } from './mail-job';
import { checkNewMail, distinctByKey, NewMail, pageOf } from './new-mail';
import { OutboxBody } from './outbox-body.entity';
import { OutboxMessage, OutboxStatus } from './outbox-message.entity';

/** Rows per INSERT: 19 parameters each stays under 19,000, below SQLite's (32,766) and PostgreSQL's (65,535) limits. */
const INSERT_CHUNK = 1000;
/** Shared bodies kept in memory by the mail worker: a digest has two (the coalition's and the coaches'). */
const BODIES_KEPT = 8;

export interface OutboxQuery {
  status?: OutboxStatus;
  limit?: number;
  offset?: number;
}

/** The mail outbox: emails are asked for inside the caller's transaction and sent later by the relay and the mail worker. */
@Injectable()
export class OutboxService {
  private readonly relays = new Set<() => void>();
  private readonly announcers = new Set<() => void>();
  private readonly bodies = new Map<string, Promise<OutboxBody | null>>();
  private readonly sending = new SendingBatches<OutboxMessage>((batch) => this.runSendingBatch(batch));

  constructor(
    @InjectRepository(OutboxMessage) private readonly messages: Repository<OutboxMessage>,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly reads: Reads,
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
    const bodyIds = await this.addBodies(em, distinct, now);
    for (let start = 0; start < distinct.length; start += INSERT_CHUNK) {
      const rows = distinct.slice(start, start + INSERT_CHUNK).map((mail) => newRow(mail, now, mail.shared ? bodyIds.get(mail.shared.body)! : null));
      const [sql, parameters] = em.createQueryBuilder().insert().into(OutboxMessage).values(rows).orIgnore().updateEntity(false).getQueryAndParameters();
      // Both drivers report the rows an INSERT added; a key already there is ignored and not counted.
      const result: QueryResult = await runner.query(sql, parameters, true);
      added += result.affected ?? 0;
    }
    return added;
  }

  /** Stores each shared body the emails name once, however many of them name it. */
  private async addBodies(em: EntityManager, messages: NewMail[], now: Date): Promise<Map<SharedMailBody, string>> {
    const ids = new Map<SharedMailBody, string>();
    for (const { shared } of messages) {
      if (!shared || ids.has(shared.body)) continue;
      const body: OutboxBody = { id: newId(), textBody: shared.body.text, htmlBody: shared.body.html ?? null, createdAt: now };
      await em.createQueryBuilder().insert().into(OutboxBody).values(body).updateEntity(false).execute();
      ids.set(shared.body, body.id);
    }
    return ids;
  }

  /**
   * A shared body, kept in memory for the next emails that use it (a body never changes once stored).
   * Read outside a transaction: the email naming it was handed over only after both committed.
   */
  bodyOf(id: string): Promise<OutboxBody | null> {
    let body = this.bodies.get(id);
    if (!body) {
      body = this.messages.manager.findOneBy(OutboxBody, { id });
      body.catch(() => this.bodies.delete(id));
      this.bodies.set(id, body);
      if (this.bodies.size > BODIES_KEPT) this.bodies.delete(this.bodies.keys().next().value!);
    }
    return body;
  }

  /**
   * Asks for a pass of the relays now: this process's, if it runs one, and through `announcers` the
   * other processes' (OutboxAnnouncer). A relay not reached finds the rows at its next poll. Call it
   * after commit.
   */
  kick(): void {
    this.kickHere();
    for (const announce of this.announcers) announce();
  }

  /** Asks this process's relay alone (what another process's kick does here). */
  kickHere(): void {
    for (const relay of this.relays) relay();
  }

  /** The relay registers itself here; returns the function that unregisters it. */
  attachRelay(kick: () => void): () => void {
    this.relays.add(kick);
    return () => this.relays.delete(kick);
  }

  /** Whatever tells the other processes' relays registers itself here; returns the function that unregisters it. */
  attachAnnouncer(announce: () => void): () => void {
    this.announcers.add(announce);
    return () => this.announcers.delete(announce);
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

  // What the relay and the mail worker (libs/workers) write: this table's rows change here only.

  /**
   * The row a mail job names, together with the rows other jobs of this process asked for meanwhile.
   * Nobody's uncommitted row is visible: on SQLite they are read on the read-only connection, on
   * PostgreSQL in a transaction.
   */
  forSending(id: string): Promise<OutboxMessage | null> {
    return this.sending.read(id);
  }

  /** Queued rows not handed over yet, or handed over before `handedOverBefore` (Redis may have lost them); oldest first. */
  due(handedOverBefore: Date, limit: number): Promise<(MailJob & { enqueuedAt: Date | null })[]> {
    return this.transactions.run((em) =>
      em
        .getRepository(OutboxMessage)
        .createQueryBuilder('m')
        .select(['m.id', 'm.generation', 'm.enqueuedAt'])
        .where('m.status = :queued', { queued: 'queued' })
        .andWhere('(m.enqueuedAt IS NULL OR m.enqueuedAt < :handedOverBefore)', { handedOverBefore })
        .orderBy('m.createdAt', 'ASC')
        .limit(limit)
        .getMany(),
    );
  }

  async markHandedOver(due: MailJob[]): Promise<void> {
    const now = this.clock.now();
    const byGeneration = new Map<number, string[]>();
    for (const { id, generation } of due) byGeneration.set(generation, [...(byGeneration.get(generation) ?? []), id]);
    await this.transactions.run(async (em) => {
      for (const [generation, ids] of byGeneration) {
        // An admin retry in the meantime started a new generation that still needs its own hand-over.
        await em
          .createQueryBuilder()
          .update(OutboxMessage)
          .set({ enqueuedAt: now, updatedAt: now })
          .where('id IN (:...ids) AND generation = :generation AND status = :queued', { ids, generation, queued: 'queued' })
          .execute();
      }
    });
  }

  /**
   * Marks the email sent, in one transaction with the other emails of this process whose SMTP server
   * answered meanwhile (and the reads of the next ones): only emails in flight are ever waiting here,
   * so the crash window stays theirs (docs/reliability.md). Resolves once the mark is committed.
   */
  markSent(id: string): Promise<void> {
    return this.sending.markSent(id);
  }

  private async runSendingBatch({ markSent, read }: SendingBatch): Promise<Map<string, OutboxMessage>> {
    if (!this.transactions.scripted) {
      return this.transactions.run(async (em) => {
        if (markSent.length) await this.markSentWithin(em, markSent);
        return byId(read.length ? await this.rowsForSending(em, read) : []);
      });
    }
    // SQLite: the marks as one script (one trip to the driver), then the reads on the read-only
    // connection, which begin after the marks committed and so see them.
    if (markSent.length) await this.markSentScripted(markSent);
    if (!read.length) return new Map();
    const rows = await this.reads.select<Record<string, unknown>>(ROWS_FOR_SENDING_SQL, [JSON.stringify(read)]);
    return byId(rows.map(outboxRowFrom));
  }

  private async markSentWithin(em: EntityManager, ids: string[]): Promise<void> {
    const now = this.clock.now();
    await em
      .createQueryBuilder()
      .update(OutboxMessage)
      // Not guarded by generation: once any generation got the email out, a newer job must not send it again.
      .set({ status: 'sent', sentAt: now, updatedAt: now, attempts: () => 'attempts + 1' })
      .where('id IN (:...ids) AND status <> :sent', { ids, sent: 'sent' })
      .execute();
  }

  /** The same UPDATE as markSentWithin in `BEGIN IMMEDIATE; …; COMMIT`; should the script fail (busy, say), the usual transaction writes it. */
  private async markSentScripted(ids: string[]): Promise<void> {
    const ds = this.messages.manager.connection;
    const now = columnLiteral(ds, OutboxMessage, 'updatedAt', this.clock.now());
    const update =
      `UPDATE outbox_messages SET status = 'sent', sent_at = ${now}, updated_at = ${now}, attempts = attempts + 1 ` +
      `WHERE id IN (${ids.map(sqlLiteral).join(', ')}) AND status <> 'sent'`;
    try {
      await this.transactions.runScript(`BEGIN IMMEDIATE; ${update}; COMMIT;`);
    } catch {
      await this.transactions.run((em) => this.markSentWithin(em, ids));
    }
  }

  /** The rows, read with plain SQL: hydrating them through the entity's JSON columns was a tenth of the mail worker's CPU. */
  private async rowsForSending(em: EntityManager, ids: string[]): Promise<OutboxMessage[]> {
    const postgres = em.connection.options.type === 'postgres';
    const placeholders = ids.map((_, n) => (postgres ? `$${n + 1}` : '?')).join(', ');
    const rows = await em.query<Record<string, unknown>[]>(`SELECT * FROM outbox_messages WHERE id IN (${placeholders})`, ids);
    return rows.map(outboxRowFrom);
  }

  /** A failed attempt of this generation: `final` marks it dead, otherwise failed (BullMQ retries it). */
  async recordFailure({ id, generation }: MailJob, lastError: string, final: boolean): Promise<void> {
    const now = this.clock.now();
    await this.transactions.run((em) =>
      em
        .createQueryBuilder()
        .update(OutboxMessage)
        .set({ status: final ? 'dead' : 'failed', attempts: () => 'attempts + 1', lastError, updatedAt: now })
        .where('id = :id AND generation = :generation AND status <> :sent', { id, generation, sent: 'sent' })
        .execute(),
    );
  }
}

/** One constant text whatever the number of ids (a JSON array), so the read-only connection keeps it prepared. */
const ROWS_FOR_SENDING_SQL = 'SELECT * FROM outbox_messages WHERE id IN (SELECT value FROM json_each(?))';

const byId = (rows: OutboxMessage[]) => new Map(rows.map((row) => [row.id, row]));

function outboxRowFrom(r: Record<string, unknown>): OutboxMessage {
  const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
  const instant = (value: unknown) => (value === null || value === undefined ? null : new Date(rawInstant(value)!));
  return {
    id: String(r.id),
    idempotencyKey: String(r.idempotency_key),
    kind: String(r.kind),
    toAddress: String(r.to_address),
    subject: String(r.subject),
    textBody: String(r.text_body),
    htmlBody: text(r.html_body),
    headers: rawJson<Record<string, string>>(r.headers),
    attachments: rawJson<MailAttachment[]>(r.attachments),
    bodyId: text(r.body_id),
    fills: rawJson<MailFill[]>(r.fills),
    status: String(r.status) as OutboxStatus,
    attempts: Number(r.attempts),
    generation: Number(r.generation),
    lastError: text(r.last_error),
    enqueuedAt: instant(r.enqueued_at),
    sentAt: instant(r.sent_at),
    createdAt: instant(r.created_at)!,
    updatedAt: instant(r.updated_at)!,
  };
}

function newRow(mail: NewMail, now: Date, bodyId: string | null): OutboxMessage {
  return {
    id: newId(),
    idempotencyKey: mail.idempotencyKey,
    kind: mail.kind,
    toAddress: mail.to,
    subject: mail.subject,
    textBody: mail.text,
    htmlBody: mail.html ?? null,
    headers: mail.headers ?? null,
    attachments: mail.attachments?.length ? mail.attachments : null,
    bodyId,
    fills: mail.shared?.fills ?? null,
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
