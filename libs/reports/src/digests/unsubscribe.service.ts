import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Transactions } from '@r2c/core';
import { MailPreference } from './digest.entity';
import { unsubscribePage } from './link-pages';
import { DigestChoice } from './digest-choice';
import { DigestLinks } from './digest-links';
import type { Unsubscribed } from '@r2c/contracts';

export type { Unsubscribed };

export const maskedEmail = (email: string): string => {
  const [local, domain] = email.split('@');
  return `${local.slice(0, 1)}${'*'.repeat(Math.max(2, local.length - 1))}@${domain}`;
};

/** Whether the person a link names gets the digest now. */
export interface UnsubscribeState {
  unsubscribed: boolean;
  email: string;
}

/**
 * The unsubscribe link in a digest email. Opening it (GET, HEAD: mail scanners do) only shows a page;
 * its button or a mail client's RFC 8058 POST stops the digest, and a second one changes nothing.
 */
@Injectable()
export class UnsubscribeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly links: DigestLinks,
    private readonly choice: DigestChoice,
  ) {}

  async state(token: string): Promise<UnsubscribeState> {
    const userId = await this.userOf(token);
    const em = this.dataSource.manager;
    const person = await this.links.person(em, userId);
    const preference = await em.findOneBy(MailPreference, { userId });
    return { unsubscribed: preference?.digestFrequency === 'none', email: maskedEmail(person.email) };
  }

  async unsubscribe(token: string): Promise<Unsubscribed> {
    const userId = await this.userOf(token);
    return this.tx.run(async (em) => {
      const person = await this.links.person(em, userId);
      const preference = await this.choice.set(em, person, 'none', 'unsubscribe:digest');
      return { unsubscribed: true, email: maskedEmail(person.email), since: new Date(preference.updatedAt).toISOString() };
    });
  }

  /** The link's page; its button POSTs to the link itself. */
  page(state: UnsubscribeState, token: string): string {
    return unsubscribePage({ ...state, action: `/api/v1/unsubscribe?token=${encodeURIComponent(token)}` });
  }

  private userOf(token: string): Promise<string> {
    return this.links.userOf(token, 'This unsubscribe link is not valid: it was changed or cut short. Use the link in your latest digest email as it is.');
  }
}
