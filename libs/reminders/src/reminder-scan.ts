import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CheckInRoster } from '@r2c/access';
import { APP_CONFIG, Clock, Transactions } from '@r2c/core';
import type { AppConfig } from '@r2c/core';
import type { ReminderScanResult } from '@r2c/contracts';
import { OverdueCheckIns } from '@r2c/cycles';
import { NewMail, OutboxService } from '@r2c/notify';
import { escalationMail, reminderMail } from './reminder-mail';
import { owedReminder, reminderDay, shownDue } from './reminder-rules';

/**
 * The check-in reminder scan: two reads whatever the number of initiatives (OverdueCheckIns and the
 * members), then the emails owed are added to the outbox in one transaction. Keys make running it twice (or concurrently) harmless.
 */
@Injectable()
export class ReminderScan {
  private readonly logger = new Logger('ReminderScan');

  constructor(
    private readonly roster: CheckInRoster,
    private readonly tx: Transactions,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly checkIns: OverdueCheckIns,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(): Promise<ReminderScanResult> {
    const now = this.clock.now();
    const [initiatives, members] = await Promise.all([
      this.checkIns.standings(this.dataSource.manager, (timezone) => reminderDay(now, timezone)),
      this.roster.activeMembers(),
    ]);
    const byInitiative = new Map<string, typeof members>();
    for (const m of members) byInitiative.set(m.initiativeId, [...(byInitiative.get(m.initiativeId) ?? []), m]);

    const mails: NewMail[] = [];
    let due = 0;
    for (const i of initiatives) {
      const owed = owedReminder(i.dueOn, i.daysOverdue, i.cadenceDays);
      if (!owed) continue;
      due += 1;
      const ctx = {
        initiativeId: i.initiativeId,
        initiativeTitle: i.initiativeTitle,
        libraryName: i.libraryName,
        dueOn: owed.dueOn,
        shown: shownDue(i.dueOn, now, i.timezone),
        missed: owed.missed,
        appUrl: this.config.appUrl,
      };
      for (const m of byInitiative.get(i.initiativeId) ?? []) {
        if (m.role === 'librarian') mails.push(reminderMail(ctx, m));
        else if (owed.missed >= 2) mails.push(escalationMail(ctx, m));
      }
    }
    const emailsAdded = mails.length ? await this.tx.run((em) => this.outbox.add(em, mails)) : 0;
    if (emailsAdded) this.outbox.kick();
    this.logger.log(`scanned ${initiatives.length} active initiatives: ${due} with a check-in due, ${emailsAdded} new emails`);
    return { initiatives: initiatives.length, due, emailsAdded };
  }
}
