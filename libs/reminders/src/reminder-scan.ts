import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Initiative, Membership, User } from '@r2c/access';
import { APP_CONFIG, Clock, rawDate, rawInstant, Transactions } from '@r2c/core';
import type { AppConfig } from '@r2c/core';
import { NewMail, OutboxService } from '@r2c/notify';
import { escalationMail, Recipient, reminderMail } from './reminder-mail';
import { dueNow } from './reminder-rules';

export interface ScanResult {
  initiatives: number;
  due: number;
  emailsAdded: number;
}

interface ActiveInitiative {
  id: string;
  title: string;
  start_date: unknown;
  cadence: number;
  last_check_in_at: unknown;
  timezone: string;
  library_name: string;
}

interface Member extends Recipient {
  initiativeId: string;
  role: 'librarian' | 'coach';
}

/**
 * The check-in reminder scan: two reads whatever the number of initiatives, then the emails owed are
 * added to the outbox in one transaction. Keys make running it twice (or concurrently) harmless.
 */
@Injectable()
export class ReminderScan {
  private readonly logger = new Logger('ReminderScan');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(): Promise<ScanResult> {
    const now = this.clock.now();
    const [initiatives, members] = await Promise.all([this.activeInitiatives(), this.activeMembers()]);
    const byInitiative = new Map<string, Member[]>();
    for (const m of members) byInitiative.set(m.initiativeId, [...(byInitiative.get(m.initiativeId) ?? []), m]);

    const mails: NewMail[] = [];
    let due = 0;
    for (const i of initiatives) {
      const owed = dueNow({ startDate: rawDate(i.start_date)!, cadenceDays: Number(i.cadence), lastCheckInAt: i.last_check_in_at ? new Date(rawInstant(i.last_check_in_at)!) : null, timezone: i.timezone }, now);
      if (!owed) continue;
      due += 1;
      const ctx = { initiativeId: i.id, initiativeTitle: i.title, libraryName: i.library_name, dueOn: owed.dueOn, missed: owed.missed, appUrl: this.config.appUrl };
      for (const m of byInitiative.get(i.id) ?? []) {
        if (m.role === 'librarian') mails.push(reminderMail(ctx, m));
        else if (owed.missed >= 2) mails.push(escalationMail(ctx, m));
      }
    }
    const emailsAdded = mails.length ? await this.tx.run((em) => this.outbox.add(em, mails)) : 0;
    if (emailsAdded) this.outbox.kick();
    this.logger.log(`scanned ${initiatives.length} active initiatives: ${due} with a check-in due, ${emailsAdded} new emails`);
    return { initiatives: initiatives.length, due, emailsAdded };
  }

  private activeInitiatives(): Promise<ActiveInitiative[]> {
    return this.dataSource
      .getRepository(Initiative)
      .createQueryBuilder('i')
      .innerJoin('libraries', 'l', 'l.id = i.library_id')
      .select(['i.id AS id', 'i.title AS title', 'i.start_date AS start_date', 'i.check_in_cadence_days AS cadence', 'i.last_check_in_at AS last_check_in_at', 'l.timezone AS timezone', 'l.name AS library_name'])
      .where("i.status = 'active'")
      .getRawMany<ActiveInitiative>();
  }

  private async activeMembers(): Promise<Member[]> {
    const rows = await this.dataSource
      .getRepository(Membership)
      .createQueryBuilder('m')
      .innerJoin(User, 'u', 'u.id = m.userId')
      .innerJoin(Initiative, 'i', 'i.id = m.initiativeId')
      .select(['m.initiativeId AS "initiativeId"', 'm.role AS "role"', 'u.id AS "userId"', 'u.email AS "email"', 'u.name AS "name"'])
      .where("i.status = 'active'")
      .andWhere('u.active = :active', { active: true })
      .getRawMany<Member>();
    return rows;
  }
}
