import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ReviewEmailChoice } from '@r2c/contracts';
import { APP_CONFIG, newId } from '@r2c/core';
import type { AppConfig } from '@r2c/core';
import { CycleEvents } from '@r2c/cycles';
import type { ReviewLoopEvent } from '@r2c/cycles';
import { OutboxService } from '@r2c/notify';
import { AfterCommit } from '@r2c/reports';
import { Notification } from './notification.entity';
import { inboxEntry, NotifiedPerson, reviewEmail, ReviewEventFacts } from './review-messages';
import { deliveryOf, kindOf, MemberRole, recipientsOf } from './review-routing';

type Member = NotifiedPerson & { choice: ReviewEmailChoice };

/**
 * Tells the initiative's people about each step of a cycle's review, inside the transaction that
 * makes the step: an inbox row per person, and for those who want it at once an outbox email keyed
 * by the event and the person. Committed together or not at all, so a crash loses or doubles none.
 */
@Injectable()
export class ReviewNotifications implements OnModuleInit {
  constructor(
    private readonly events: CycleEvents,
    private readonly outbox: OutboxService,
    private readonly afterCommit: AfterCommit,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.events.onReviewLoop((em, event) => this.record(em, event));
  }

  async record(em: EntityManager, event: ReviewLoopEvent): Promise<void> {
    const kind = kindOf(event.review?.verdict);
    // One after the other: a transaction is one connection.
    const told = recipientsOf(kind, await this.members(em, event.cycle.initiativeId), event.actor.id) as Member[];
    if (!told.length) return;
    const place = await this.place(em, event.cycle.initiativeId);
    const facts: ReviewEventFacts = {
      kind,
      eventId: event.eventId,
      cycleId: event.cycle.id,
      cycleNumber: event.cycle.number,
      cycleTitle: event.cycle.title,
      initiativeId: event.cycle.initiativeId,
      initiativeTitle: place.initiativeTitle,
      libraryName: place.libraryName,
      actorName: event.actor.name,
      note: event.review?.body ?? null,
      phase: event.cycle.phase,
    };
    const entry = inboxEntry(facts);
    const rows: Notification[] = told.map((person) => ({
      id: newId(),
      userId: person.userId,
      kind,
      eventId: event.eventId,
      cycleId: facts.cycleId,
      initiativeId: facts.initiativeId,
      title: entry.title.slice(0, 300),
      body: entry.body,
      emailDelivery: deliveryOf(kind, person.choice),
      batchedOn: null,
      createdAt: event.at,
      readAt: null,
    }));
    await em.insert(Notification, rows);
    const now = told.filter((_, i) => rows[i].emailDelivery === 'immediately').map((person) => reviewEmail(facts, person, this.config.appUrl));
    if (now.length && (await this.outbox.add(em, now))) this.afterCommit.add(em, () => this.outbox.kick());
  }

  /** The initiative's active members and their choice for review emails, in one query. */
  private async members(em: EntityManager, initiativeId: string): Promise<Member[]> {
    const rows = await em
      .createQueryBuilder()
      .select(['m.user_id AS user_id', 'm.role AS role', 'u.email AS email', 'u.name AS name', 's.review_emails AS review_emails'])
      .from('memberships', 'm')
      .innerJoin('users', 'u', 'u.id = m.user_id')
      .leftJoin('notification_settings', 's', 's.user_id = m.user_id')
      .where('m.initiative_id = :initiativeId AND u.active = :active', { initiativeId, active: true })
      .orderBy('u.email', 'ASC')
      .getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({
      userId: String(r.user_id),
      role: r.role as MemberRole,
      email: String(r.email),
      name: String(r.name),
      choice: (r.review_emails ?? 'immediately') as ReviewEmailChoice,
    }));
  }

  private async place(em: EntityManager, initiativeId: string): Promise<{ initiativeTitle: string; libraryName: string }> {
    const row = await em
      .createQueryBuilder()
      .select(['i.title AS title', 'l.name AS library_name'])
      .from('initiatives', 'i')
      .innerJoin('libraries', 'l', 'l.id = i.library_id')
      .where('i.id = :initiativeId', { initiativeId })
      .getRawOne<Record<string, unknown>>();
    return { initiativeTitle: String(row?.title ?? ''), libraryName: String(row?.library_name ?? '') };
  }
}
