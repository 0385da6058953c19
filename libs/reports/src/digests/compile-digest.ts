import { ConflictException, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, LessThanOrEqual, MoreThanOrEqual } from 'typeorm';
import { AuditService } from '@r2c/access';
import type { Principal } from '@r2c/access';
import type { DigestPreview } from '@r2c/contracts';
import { APP_CONFIG, Clock, newId, Transactions } from '@r2c/core';
import type { AppConfig } from '@r2c/core';
import { NewMail, OutboxService } from '@r2c/notify';
import { Digest } from './digest.entity';
import { audienceOf, DigestAudience, DigestContent, hasNews } from './digest-content';
import { DigestLinks } from './digest-links';
import { digestMailKey, DigestPeriod, DigestSeries, periodLabel } from './digest-period';
import { DigestRecipient, DigestSources } from './digest-sources';
import { renderDigest, renderDigestForEach, renderDigestWithSlots } from './digest-templates';
import type { DigestWithSlots } from './digest-templates';
import { digestPreferencesUrl, unsubscribeUrl } from './unsubscribe-token';

export interface DigestRun {
  digest: Digest;
  /** false when the period's digest already existed or had nothing to report: nothing was sent this time. */
  compiled: boolean;
}

/** Where a preview's per-person links point: nowhere, and they say so. */
export const PREVIEW_UNSUBSCRIBE_LINK = 'about:blank#each-recipient-gets-their-own-unsubscribe-link';
export const PREVIEW_PREFERENCES_LINK = 'about:blank#each-recipient-gets-their-own-link-to-choose-how-often';

/** Why running a period would send nothing, in the words the API answers with. */
export const nothingToReport = (series: DigestSeries, period: DigestPeriod) =>
  `Nothing to report for ${periodLabel(period)}: no cycle closed, no evidence was logged and no check-in was held, so the ${series} digest is not sent. Running it again changes nothing.`;
export const alreadySent = (digest: Pick<Digest, 'series' | 'periodStart' | 'periodEnd' | 'recipients'>) =>
  `The ${digest.series} digest for ${periodLabel({ start: digest.periodStart, end: digest.periodEnd })} was already sent to ${digest.recipients} ${digest.recipients === 1 ? 'person' : 'people'}; running it again sends nothing new.`;

/**
 * Compiles the coalition digest of a period in a series (weekly or monthly) and asks the outbox for one
 * email per person who chose that series, stored in one transaction. The series and period are unique in the
 * table, so however often or concurrently it runs (a job delivered twice, a scheduled run and an
 * admin's), there is one digest and one email per person. A period with nothing to report is kept as
 * skipped and sent to no one; a period overlapping another one already sent in the series is refused.
 */
@Injectable()
export class CompileDigest {
  private readonly logger = new Logger(CompileDigest.name);

  constructor(
    private readonly tx: Transactions,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sources: DigestSources,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly links: DigestLinks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(period: DigestPeriod, actor: Principal | null, series: DigestSeries = 'weekly'): Promise<DigestRun> {
    const outcome = (await this.answerWithoutCompiling(period, series)) ?? (await this.compileAndStore(period, actor, series));
    if (outcome.compiled) {
      this.outbox.kick();
      this.logger.log(`The ${series} digest ${period.start} to ${period.end} was compiled for ${outcome.digest.recipients} recipients.`);
    } else if (outcome.digest.status === 'skipped') {
      this.logger.log(`The ${series} digest ${period.start} to ${period.end} had nothing to report: skipped, sent to no one.`);
    }
    return outcome;
  }

  /** The period's digest when it is already there, and the 409 of an overlap, without taking the write lock. */
  private async answerWithoutCompiling(period: DigestPeriod, series: DigestSeries): Promise<DigestRun | null> {
    const existing = await this.find(this.dataSource.manager, period, series);
    if (existing) return { digest: existing, compiled: false };
    await this.refuseOverlap(this.dataSource.manager, period, series);
    return null;
  }

  /**
   * Reads and renders outside the write transaction (a year's digest takes most of a second), then
   * stores the digest, its shared bodies and one small outbox row per person in a short one, where
   * the checks run again: the first run to commit stands, and a later one stores nothing.
   */
  private async compileAndStore(period: DigestPeriod, actor: Principal | null, series: DigestSeries): Promise<DigestRun> {
    const reader = this.dataSource.manager;
    const content = await this.sources.content(reader, period, this.config.digestTimezone);
    const news = hasNews(content);
    const recipients = news ? await this.sources.recipients(reader, series) : [];
    const web = renderDigest(content);
    const digest: Digest = {
      id: newId(),
      series,
      periodStart: period.start,
      periodEnd: period.end,
      content,
      html: web.html,
      text: web.text,
      recipients: recipients.length,
      status: news ? 'sent' : 'skipped',
      compiledAt: this.clock.now(),
    };
    const emails = news ? this.emailsFor(recipients, content, period, series) : [];

    return this.tx.run(async (em) => {
      await this.waitForOtherRuns(em, series);
      const existing = await this.find(em, period, series);
      if (existing) return { digest: existing, compiled: false };
      await this.refuseOverlap(em, period, series);
      await em.createQueryBuilder().insert().into(Digest).values(digest).orIgnore().updateEntity(false).execute();
      const stored = await this.find(em, period, series);
      // Another run stored this period first: its digest stands, and its emails are already asked for.
      if (stored?.id !== digest.id) return { digest: stored!, compiled: false };

      if (news) await this.outbox.add(em, emails);
      await this.audit.record(em, actor, {
        action: news ? 'compile' : 'skip',
        entityType: 'digest',
        entityId: digest.id,
        after: { series, periodStart: period.start, periodEnd: period.end, recipients: recipients.length, cyclesClosed: content.closedCycles.length },
      });
      return { digest, compiled: news };
    });
  }

  /**
   * What running the period would send, rendered by the same path as the coalition's copy (subscribers
   * and librarians), with placeholder links. Reads only: nothing is stored, sent or queued.
   */
  async preview(period: DigestPeriod, series: DigestSeries): Promise<DigestPreview> {
    const em = this.dataSource.manager;
    const existing = await this.find(em, period, series);
    if (!existing) await this.refuseOverlap(em, period, series);
    const content = existing?.content ?? (await this.sources.content(em, period, this.config.digestTimezone));
    const sendsNothing = existing?.status === 'sent' ? alreadySent(existing) : hasNews(content) ? null : nothingToReport(series, period);
    const recipients = sendsNothing ? 0 : (await this.sources.recipients(em, series)).length;
    const copy = renderDigestForEach(content, 'coalition')(PREVIEW_UNSUBSCRIBE_LINK, PREVIEW_PREFERENCES_LINK);
    return {
      series,
      periodStart: period.start,
      periodEnd: period.end,
      ...copy,
      recipients,
      cyclesClosed: content.closedCycles.length,
      sendsNothing,
    };
  }

  /** Whether the period, read now, has anything to tell the coalition. */
  async hasNews(period: DigestPeriod): Promise<boolean> {
    return hasNews(await this.sources.content(this.dataSource.manager, period, this.config.digestTimezone));
  }

  /** 409 naming the digest already sent in the series whose period shares a day with this one (the same period is not an overlap). */
  async refuseOverlap(em: EntityManager, period: DigestPeriod, series: DigestSeries): Promise<void> {
    const other = await em.findOne(Digest, {
      select: { id: true, series: true, periodStart: true, periodEnd: true },
      where: { series, status: 'sent', periodStart: LessThanOrEqual(period.end), periodEnd: MoreThanOrEqual(period.start) },
      order: { periodStart: 'ASC' },
    });
    if (!other || (other.periodStart === period.start && other.periodEnd === period.end)) return;
    const message = `${periodLabel(period)} overlaps the ${series} digest for ${periodLabel({ start: other.periodStart, end: other.periodEnd })}, already sent. Choose a period that does not overlap it, or exactly its period (nothing new is sent).`;
    const overlapping = { digestId: other.id, series: other.series, periodStart: other.periodStart, periodEnd: other.periodEnd };
    throw new ConflictException({ message, details: [{ field: 'periodStart', problems: [message], overlaps: overlapping }] });
  }

  find(em: EntityManager, period: DigestPeriod, series: DigestSeries): Promise<Digest | null> {
    return em.findOneBy(Digest, { series, periodStart: period.start, periodEnd: period.end });
  }

  /**
   * On PostgreSQL, concurrent runs of one series queue here until the first commits, so the others find
   * its digest (or see its period overlap theirs) instead of compiling one of their own. (SQLite already
   * runs transactions one at a time.) The unique series and period stay the guarantee either way.
   */
  private async waitForOtherRuns(em: EntityManager, series: DigestSeries): Promise<void> {
    if (em.connection.options.type !== 'postgres') return;
    await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`digest:${series}`]);
  }

  /** One email per person, each naming the shared body of their copy (the coalition's or the coaches') with their own links. */
  private emailsFor(recipients: DigestRecipient[], content: DigestContent, period: DigestPeriod, series: DigestSeries): NewMail[] {
    const copies = new Map<DigestAudience, DigestWithSlots>();
    const copyFor = (audience: DigestAudience) => {
      if (!copies.has(audience)) copies.set(audience, renderDigestWithSlots(content, audience));
      return copies.get(audience)!;
    };
    return recipients.map((person) => this.emailFor(person, copyFor(audienceOf(person.role)), period, series));
  }

  private emailFor(person: DigestRecipient, copy: DigestWithSlots, period: DigestPeriod, series: DigestSeries): NewMail {
    const expiresAt = this.links.expiryFromNow();
    const link = unsubscribeUrl(this.config.appUrl, person.id, this.config.secretKey, expiresAt);
    const preferences = digestPreferencesUrl(this.config.appUrl, person.id, this.config.secretKey, expiresAt);
    return {
      kind: 'digest',
      idempotencyKey: digestMailKey(period, person.id, series),
      to: person.email,
      subject: copy.subject,
      text: '',
      shared: { body: copy.body, fills: copy.fills(link, preferences) },
      headers: { 'List-Unsubscribe': `<${link}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    };
  }
}
