import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DateTime } from 'luxon';
import { APP_CONFIG, Clock, Transactions } from '@r2c/core';
import type { AppConfig } from '@r2c/core';
import { OutboxService } from '@r2c/notify';
import { Notification } from './notification.entity';
import { dailyEmail } from './review-messages';

export interface DailyBatchResult {
  day: string;
  people: number;
  emailsAdded: number;
}

/**
 * The daily list of review events for people who chose it: at 09:00 in DIGEST_TIMEZONE each such
 * person with events not yet listed gets one email listing them. A person's list for a day is made
 * once (the rows remember the day, the email's key names it), so a rerun that day sends nothing twice;
 * a person with nothing new gets nothing.
 */
@Injectable()
export class DailyReviewEmails {
  private readonly logger = new Logger(DailyReviewEmails.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(): Promise<DailyBatchResult> {
    const day = DateTime.fromJSDate(this.clock.now(), { zone: this.config.digestTimezone }).toISODate()!;
    const waiting = await this.dataSource
      .createQueryBuilder()
      .select('DISTINCT n.user_id', 'user_id')
      .from('notifications', 'n')
      .where("n.email_delivery = 'daily' AND n.batched_on IS NULL")
      .getRawMany<{ user_id: string }>();
    let emailsAdded = 0;
    for (const { user_id: userId } of waiting) emailsAdded += await this.tx.run((em) => this.listFor(em, String(userId), day));
    if (emailsAdded) this.outbox.kick();
    this.logger.log(`daily review emails for ${day}: ${waiting.length} people waiting, ${emailsAdded} emails added`);
    return { day, people: waiting.length, emailsAdded };
  }

  private async listFor(em: EntityManager, userId: string, day: string): Promise<number> {
    const repo = em.getRepository(Notification);
    // Already listed today: what came since waits for tomorrow's list.
    if (await repo.exist({ where: { userId, batchedOn: day } })) return 0;
    const person = await em
      .createQueryBuilder()
      .select(['u.email AS email', 'u.name AS name', 'u.active AS active', 'u.role AS role'])
      .from('users', 'u')
      .where('u.id = :userId', { userId })
      .getRawOne<Record<string, unknown>>();
    await em
      .createQueryBuilder()
      .update(Notification)
      .set({ batchedOn: day })
      .where("user_id = :userId AND email_delivery = 'daily' AND batched_on IS NULL", { userId })
      .execute();
    if (!person || !person.active || person.active === 'f' || person.active === 0) return 0;
    const listed = await repo.find({ where: { userId, batchedOn: day }, order: { createdAt: 'ASC', id: 'ASC' } });
    if (!listed.length) return 0;
    const reader = { userId, email: String(person.email), name: String(person.name), reviewer: person.role === 'coach' || person.role === 'admin' };
    return this.outbox.add(em, [dailyEmail(reader, listed, day, this.config.appUrl)]);
  }
}
