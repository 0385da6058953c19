import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import type { Principal } from '@r2c/access';
import type { ReviewEmailChoice } from '@r2c/contracts';
import { Clock, PageQuery, Transactions } from '@r2c/core';
import { Notification, NotificationSetting } from './notification.entity';
import type { NotificationSettingsView, NotificationsPage, NotificationView } from './notifications.dto';

const toView = (n: Notification): NotificationView => ({
  id: n.id,
  kind: n.kind,
  cycleId: n.cycleId,
  initiativeId: n.initiativeId,
  title: n.title,
  body: n.body,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt ? n.readAt.toISOString() : null,
});

/** A person's own inbox and their choice for review emails; nobody reads or marks another's. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  async inbox(me: Principal, page: PageQuery): Promise<NotificationsPage> {
    const repo = this.dataSource.getRepository(Notification);
    const [[items, total], unread] = await Promise.all([
      repo.findAndCount({ where: { userId: me.id }, order: { createdAt: 'DESC', id: 'DESC' }, take: page.limit, skip: page.offset }),
      repo.count({ where: { userId: me.id, readAt: IsNull() } }),
    ]);
    return { items: items.map(toView), total, unread };
  }

  /** Marks the caller's own notifications read: those named, or all; ids of others' are left alone. */
  async markRead(me: Principal, ids?: string[]): Promise<void> {
    if (ids && !ids.length) return;
    await this.tx.run((em) =>
      em.update(Notification, { userId: me.id, readAt: IsNull(), ...(ids ? { id: In([...new Set(ids)]) } : {}) }, { readAt: this.clock.now() }),
    );
  }

  async settings(me: Principal): Promise<NotificationSettingsView> {
    const row = await this.dataSource.getRepository(NotificationSetting).findOne({ where: { userId: me.id } });
    return { reviewEmails: row?.reviewEmails ?? 'immediately' };
  }

  /** The choice applies to events from now on; those already recorded keep the delivery they were given. */
  async choose(me: Principal, reviewEmails: ReviewEmailChoice): Promise<NotificationSettingsView> {
    await this.tx.run((em) => em.upsert(NotificationSetting, { userId: me.id, reviewEmails, updatedAt: this.clock.now() }, ['userId']));
    return { reviewEmails };
  }
}
