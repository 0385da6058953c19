import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import Handlebars from 'handlebars';
import { AuditService } from '@r2c/access';
import type { Principal, Role } from '@r2c/access';
import { APP_CONFIG, Clock, Transactions } from '@r2c/core';
import type { AppConfig } from '@r2c/core';
import { MailPreference } from './digest.entity';
import { verifyUnsubscribeToken } from './unsubscribe-token';

export interface Unsubscribed {
  unsubscribed: true;
  /** The address, partly hidden: the link may have been forwarded. */
  email: string;
  since: string;
}

const PAGE = Handlebars.create().compile<Unsubscribed>(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Unsubscribed from the R2C coalition digest</title></head>
<body style="font-family: Georgia, serif; max-width: 560px; margin: 40px auto; padding: 0 16px; color: #222;">
<h1 style="font-size: 22px;">You are unsubscribed</h1>
<p>{{email}} will no longer receive the R2C coalition digest.</p>
<p style="color: #555;">Changed your mind? Ask the programme staff to subscribe you again.</p>
</body>
</html>
`, { strict: true });

export const maskedEmail = (email: string): string => {
  const [local, domain] = email.split('@');
  return `${local.slice(0, 1)}${'*'.repeat(Math.max(2, local.length - 1))}@${domain}`;
};

/** One click on the link in a digest email stops the digest for that person; a second click changes nothing. */
@Injectable()
export class UnsubscribeService {
  constructor(
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async unsubscribe(token: string): Promise<Unsubscribed> {
    const userId = verifyUnsubscribeToken(token, this.config.secretKey);
    if (!userId) {
      throw new BadRequestException({
        message: 'This unsubscribe link is not valid: it was changed or cut short. Use the link in your latest digest email as it is.',
        details: [{ field: 'token', problems: ['is not a token we signed'] }],
      });
    }
    return this.tx.run(async (em) => {
      const person = await em
        .createQueryBuilder()
        .select(['u.id AS id', 'u.email AS email', 'u.name AS name', 'u.role AS role'])
        .from('users', 'u')
        .where('u.id = :userId', { userId })
        .getRawOne<{ id: string; email: string; name: string; role: Role }>();
      if (!person) throw new NotFoundException('No account matches this unsubscribe link any more.');
      const now = this.clock.now();
      await em.createQueryBuilder().insert().into(MailPreference).values({ userId, digestUnsubscribedAt: null, updatedAt: now }).orIgnore().updateEntity(false).execute();
      const changed = await em
        .createQueryBuilder()
        .update(MailPreference)
        .set({ digestUnsubscribedAt: now, updatedAt: now })
        .where('user_id = :userId AND digest_unsubscribed_at IS NULL', { userId })
        .execute();
      if (changed.affected) {
        const self: Principal = { id: person.id, email: person.email, name: person.name, role: person.role };
        await this.audit.record(em, self, { action: 'unsubscribe:digest', entityType: 'user', entityId: userId, before: { digestUnsubscribedAt: null }, after: { digestUnsubscribedAt: now.toISOString() } });
      }
      const preference = await em.findOneByOrFail(MailPreference, { userId });
      return { unsubscribed: true, email: maskedEmail(person.email), since: new Date(preference.digestUnsubscribedAt!).toISOString() };
    });
  }

  page(answer: Unsubscribed): string {
    return PAGE(answer);
  }
}
