import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { APP_CONFIG, Clock, newId, Transactions } from '@r2c/core';
import type { AppConfig } from '@r2c/core';
import { NewMail, OutboxService } from '@r2c/notify';
import { Digest } from './digest.entity';
import { DigestLinks } from './digest-links';
import { digestMailKey, DigestPeriod } from './digest-period';
import { DigestRecipient, DigestSources } from './digest-sources';
import { renderDigest, renderDigestForEach } from './digest-templates';
import type { RenderedDigest } from './digest-templates';
import { digestPreferencesUrl, unsubscribeUrl } from './unsubscribe-token';

export interface DigestRun {
  digest: Digest;
  /** false when the period's digest already existed: nothing was compiled or sent this time. */
  compiled: boolean;
}

/**
 * Compiles the coalition digest of a period and asks the outbox for one email per recipient, in one
 * transaction. The period is unique in the table, so however often or concurrently it runs (a job
 * delivered twice, a scheduled run and an admin's), there is one digest and one email per person.
 */
@Injectable()
export class CompileDigest {
  private readonly logger = new Logger(CompileDigest.name);

  constructor(
    private readonly tx: Transactions,
    private readonly sources: DigestSources,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly links: DigestLinks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(period: DigestPeriod, actor: Principal | null): Promise<DigestRun> {
    const outcome = await this.tx.run(async (em) => {
      await this.waitForOtherRuns(em, period);
      const existing = await this.find(em, period);
      if (existing) return { digest: existing, compiled: false };

      const content = await this.sources.content(em, period, this.config.digestTimezone);
      const recipients = await this.sources.recipients(em, period);
      const web = renderDigest(content);
      const digest: Digest = {
        id: newId(),
        periodStart: period.start,
        periodEnd: period.end,
        content,
        html: web.html,
        text: web.text,
        recipients: recipients.length,
        compiledAt: this.clock.now(),
      };
      await em.createQueryBuilder().insert().into(Digest).values(digest).orIgnore().updateEntity(false).execute();
      const stored = await this.find(em, period);
      // Another run stored this period first: its digest stands, and its emails are already asked for.
      if (stored?.id !== digest.id) return { digest: stored!, compiled: false };

      const copyFor = renderDigestForEach(content);
      await this.outbox.add(
        em,
        recipients.map((person) => this.emailFor(person, copyFor, period)),
      );
      await this.audit.record(em, actor, {
        action: 'compile',
        entityType: 'digest',
        entityId: digest.id,
        after: { periodStart: period.start, periodEnd: period.end, recipients: recipients.length, cyclesClosed: content.closedCycles.length },
      });
      return { digest, compiled: true };
    });
    if (outcome.compiled) {
      this.outbox.kick();
      this.logger.log(`Digest ${period.start} to ${period.end} compiled for ${outcome.digest.recipients} recipients.`);
    }
    return outcome;
  }

  private find(em: EntityManager, period: DigestPeriod): Promise<Digest | null> {
    return em.findOneBy(Digest, { periodStart: period.start, periodEnd: period.end });
  }

  /**
   * On PostgreSQL, concurrent runs of one period queue here until the first commits, so the others
   * find its digest instead of compiling one of their own only to discard it. (SQLite already runs
   * transactions one at a time.) The unique period stays the guarantee either way.
   */
  private async waitForOtherRuns(em: EntityManager, period: DigestPeriod): Promise<void> {
    if (em.connection.options.type !== 'postgres') return;
    await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`digest:${period.start}_${period.end}`]);
  }

  private emailFor(person: DigestRecipient, copyFor: (unsubscribeUrl: string, preferencesUrl: string) => RenderedDigest, period: DigestPeriod): NewMail {
    const expiresAt = this.links.expiryFromNow();
    const link = unsubscribeUrl(this.config.appUrl, person.id, this.config.secretKey, expiresAt);
    const mail = copyFor(link, digestPreferencesUrl(this.config.appUrl, person.id, this.config.secretKey, expiresAt));
    return {
      kind: 'digest',
      idempotencyKey: digestMailKey(period, person.id),
      to: person.email,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: { 'List-Unsubscribe': `<${link}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    };
  }
}
