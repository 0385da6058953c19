import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { Clock } from '@r2c/core';
import type { DigestFrequency } from './digest-period';
import { MailPreference } from './digest.entity';
import type { LinkedPerson } from './digest-links';

/** How the choice was made, as the audit log names it. */
export type DigestChoiceAction = 'digest_frequency' | 'unsubscribe:digest';

/**
 * The one writer of a person's digest choice (`mail_preferences.digest_frequency`; no row means
 * weekly, `none` means unsubscribed), for the settings screen, the how-often link and the unsubscribe
 * link alike. The change is guarded by the value it replaces, so two clicks at once audit one change.
 */
@Injectable()
export class DigestChoice {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async set(em: EntityManager, person: LinkedPerson, frequency: DigestFrequency, action: DigestChoiceAction): Promise<MailPreference> {
    const now = this.clock.now();
    const userId = person.id;
    await em
      .createQueryBuilder()
      .insert()
      .into(MailPreference)
      .values({ userId, digestFrequency: 'weekly', updatedAt: now })
      .orIgnore()
      .updateEntity(false)
      .execute();
    const before = await em.findOneByOrFail(MailPreference, { userId });
    const changed = await em
      .createQueryBuilder()
      .update(MailPreference)
      .set({ digestFrequency: frequency, updatedAt: now })
      .where('user_id = :userId AND digest_frequency <> :frequency', { userId, frequency })
      .execute();
    if (changed.affected) {
      const self: Principal = { id: person.id, email: person.email, name: person.name, role: person.role };
      await this.audit.record(em, self, {
        action,
        entityType: 'user',
        entityId: userId,
        before: { digestFrequency: before.digestFrequency },
        after: { digestFrequency: frequency },
      });
    }
    return em.findOneByOrFail(MailPreference, { userId });
  }
}
