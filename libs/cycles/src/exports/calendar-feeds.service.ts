import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UsersService } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { APP_CONFIG, Clock } from '@r2c/core';
import type { AppConfig } from '@r2c/core';
import type { CalendarFeedAddress } from '@r2c/contracts';
import { CalendarFeed } from './calendar-feed.entity';
import { calendarFeedToken, verifyCalendarFeedToken } from './calendar-feed-token';
import { ExportsService } from './exports.service';

export type { CalendarFeedAddress };

const GONE = 'No calendar feed at this address. It may have been reset: copy the new address from the app.';

/**
 * A person's calendar at a secret address that Google Calendar or Outlook can subscribe to without a
 * sign-in header. The address is signed, never stored; resetting it makes every earlier address 404.
 */
@Injectable()
export class CalendarFeedsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly exports: ExportsService,
    private readonly clock: Clock,
  ) {}

  async address(me: Principal): Promise<CalendarFeedAddress> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(CalendarFeed)
      .values({ userId: me.id, version: 1, updatedAt: this.clock.now() })
      .orIgnore()
      .updateEntity(false)
      .execute();
    const feed = await this.dataSource.getRepository(CalendarFeed).findOneByOrFail({ userId: me.id });
    return this.addressOf(me.id, feed.version);
  }

  async reset(me: Principal): Promise<CalendarFeedAddress> {
    await this.address(me);
    await this.dataSource
      .createQueryBuilder()
      .update(CalendarFeed)
      .set({ version: () => 'version + 1', updatedAt: this.clock.now() })
      .where('user_id = :userId', { userId: me.id })
      .execute();
    const feed = await this.dataSource.getRepository(CalendarFeed).findOneByOrFail({ userId: me.id });
    return this.addressOf(me.id, feed.version);
  }

  async calendar(token: string): Promise<string> {
    const named = verifyCalendarFeedToken(token, this.config.secretKey);
    if (!named) throw new NotFoundException(GONE);
    const feed = await this.dataSource.getRepository(CalendarFeed).findOneBy({ userId: named.userId });
    const person = feed?.version === named.version ? await this.users.activePrincipal(named.userId) : null;
    if (!person) throw new NotFoundException(GONE);
    return this.exports.calendarOfPerson(person);
  }

  private addressOf(userId: string, version: number): CalendarFeedAddress {
    return { url: `${this.config.appUrl}/api/v1/calendar-feeds/${calendarFeedToken(userId, version, this.config.secretKey)}.ics` };
  }
}
