import { InjectQueue } from '@nestjs/bullmq';
import { BadRequestException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Job, Queue } from 'bullmq';
import { Repository } from 'typeorm';
import type { Principal } from '@r2c/access';
import { APP_CONFIG, Clock, Page, PageQuery } from '@r2c/core';
import type { AppConfig } from '@r2c/core';
import { enqueue, QueueName } from '@r2c/jobs';
import { alreadySent, CompileDigest, nothingToReport } from './compile-digest';
import { NAMES_OVERDUE_TO } from './digest-content';
import { DigestJobName, RequestedDigestJob } from './digest-job';
import { digestJobId, DigestPeriod, DigestSeries, periodLabel, requestedPeriod } from './digest-period';
import { Digest } from './digest.entity';
import { DigestListItem, DigestPreview, DigestRunAnswer, DigestView, PreviewDigestDto, RunDigestDto, toDigestListItem, toDigestView } from './digest.dto';

const QUEUE_PATIENCE_MS = 2000;
/** A run that hit a database hiccup tries again by itself a few times. */
const REQUESTED_RETRIES = { attempts: 3, backoff: { type: 'exponential', delay: 5000 } };

@Injectable()
export class DigestsService {
  private readonly logger = new Logger(DigestsService.name);

  constructor(
    @InjectRepository(Digest) private readonly digests: Repository<Digest>,
    @InjectQueue(QueueName.Digests) private readonly queue: Queue,
    private readonly compile: CompileDigest,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The digests that went out, newest period first (a skipped period was sent to no one). */
  async list(page: PageQuery): Promise<Page<DigestListItem>> {
    const [items, total] = await this.digests.findAndCount({
      select: { id: true, series: true, periodStart: true, periodEnd: true, compiledAt: true, recipients: true },
      where: { status: 'sent' },
      order: { periodEnd: 'DESC', periodStart: 'DESC', id: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    return { items: items.map(toDigestListItem), total };
  }

  async get(id: string): Promise<Digest> {
    const digest = await this.digests.findOneBy({ id });
    if (!digest) throw new NotFoundException('No digest with this id.');
    return digest;
  }

  view(digest: Digest, viewer: Principal): DigestView {
    return toDigestView(digest, NAMES_OVERDUE_TO.includes(viewer.role));
  }

  /** What running the period would send; nothing is stored, sent or queued. */
  preview(dto: PreviewDigestDto): Promise<DigestPreview> {
    const series = dto.series ?? 'weekly';
    return this.compile.preview(this.periodOf(dto, series), series);
  }

  /**
   * Asks a worker to compile the period's digest. When the queue cannot be reached, it compiles here
   * and now instead: the compile is idempotent and its emails wait in the outbox table until Redis is
   * back, so an admin's run is never lost to a queue outage. What needs no worker is answered here:
   * the same period again, a period overlapping one already sent (409), and one with nothing to report.
   */
  async request(dto: RunDigestDto, actor: Principal): Promise<DigestRunAnswer> {
    const series = dto.series ?? 'weekly';
    const period = this.periodOf(dto, series);
    const answer = { series, periodStart: period.start, periodEnd: period.end };
    const em = this.digests.manager;
    const existing = await this.compile.find(em, period, series);
    if (existing) return this.answerFor(existing, false);
    await this.compile.refuseOverlap(em, period, series);
    if (!(await this.compile.hasNews(period))) return this.answerFor((await this.compile.run(period, actor, series)).digest, false);

    const data: RequestedDigestJob = { periodStart: period.start, periodEnd: period.end, series, requestedBy: actor };
    try {
      const job = await enqueue(this.queue, DigestJobName.Requested, data, { ...REQUESTED_RETRIES, jobId: digestJobId(period, series) }, QUEUE_PATIENCE_MS);
      await this.retryIfFailed(job);
      return {
        ...answer,
        status: 'queued',
        message: `The ${series} digest for ${periodLabel(period)} is being compiled; each person who chose it gets one email.`,
      };
    } catch (error) {
      this.logger.warn(
        `The digest queue is unreachable (${error instanceof Error ? error.message : String(error)}); compiling ${period.start} to ${period.end} in the request instead.`,
      );
      const { digest, compiled } = await this.compile.run(period, actor, series);
      return this.answerFor(digest, compiled);
    }
  }

  private answerFor(digest: Digest, compiled: boolean): DigestRunAnswer {
    const period = { start: digest.periodStart, end: digest.periodEnd };
    const answer = { series: digest.series, periodStart: digest.periodStart, periodEnd: digest.periodEnd, digestId: digest.id };
    if (digest.status === 'skipped') return { ...answer, status: 'skipped', message: nothingToReport(digest.series, period) };
    if (!compiled) return { ...answer, status: 'exists', message: alreadySent(digest) };
    return {
      ...answer,
      status: 'compiled',
      message: `The ${digest.series} digest for ${periodLabel(period)} was compiled; ${digest.recipients} ${digest.recipients === 1 ? 'email is' : 'emails are'} on their way.`,
    };
  }

  private periodOf(dto: RunDigestDto, series: DigestSeries): DigestPeriod {
    const result = requestedPeriod(dto, this.clock.now(), this.config.digestTimezone, series);
    if ('problem' in result) throw new BadRequestException({ message: result.problem, details: [{ field: result.field, problems: [result.problem] }] });
    return result.period;
  }

  /** A failed job keeps its id for days and would swallow every new run of its period: start it again instead. */
  private async retryIfFailed(job: Job): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const patience = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${QUEUE_PATIENCE_MS} ms`)), QUEUE_PATIENCE_MS);
    });
    try {
      await Promise.race([(async () => (await job.isFailed()) && (await job.retry('failed')))(), patience]);
    } finally {
      clearTimeout(timer);
    }
  }
}
