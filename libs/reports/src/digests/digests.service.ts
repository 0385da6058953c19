import { InjectQueue } from '@nestjs/bullmq';
import { BadRequestException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Job, Queue } from 'bullmq';
import { Repository } from 'typeorm';
import type { Principal } from '@r2c/access';
import { APP_CONFIG, Clock, Page, PageQuery } from '@r2c/core';
import type { AppConfig } from '@r2c/core';
import { enqueue, QueueName } from '@r2c/jobs';
import { CompileDigest } from './compile-digest';
import { DigestJobName, RequestedDigestJob } from './digest-job';
import { digestJobId, DigestPeriod, requestedPeriod } from './digest-period';
import { Digest } from './digest.entity';
import { DigestListItem, DigestRunAnswer, DigestView, RunDigestDto, toDigestListItem, toDigestView } from './digest.dto';

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

  async list(page: PageQuery): Promise<Page<DigestListItem>> {
    const [items, total] = await this.digests.findAndCount({
      select: { id: true, periodStart: true, periodEnd: true, compiledAt: true, recipients: true },
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

  view(digest: Digest): DigestView {
    return toDigestView(digest);
  }

  /**
   * Asks a worker to compile the period's digest. When the queue cannot be reached, it compiles here
   * and now instead: the compile is idempotent and its emails wait in the outbox table until Redis is
   * back, so an admin's run is never lost to a queue outage.
   */
  async request(dto: RunDigestDto, actor: Principal): Promise<DigestRunAnswer> {
    const period = this.periodOf(dto);
    const answer = { periodStart: period.start, periodEnd: period.end };
    const existing = await this.digests.findOne({ select: { id: true }, where: { periodStart: period.start, periodEnd: period.end } });
    if (existing) return { ...answer, status: 'exists', digestId: existing.id };

    const data: RequestedDigestJob = { periodStart: period.start, periodEnd: period.end, requestedBy: actor };
    try {
      const job = await enqueue(this.queue, DigestJobName.Requested, data, { ...REQUESTED_RETRIES, jobId: digestJobId(period) }, QUEUE_PATIENCE_MS);
      await this.retryIfFailed(job);
      return { ...answer, status: 'queued' };
    } catch (error) {
      this.logger.warn(
        `The digest queue is unreachable (${error instanceof Error ? error.message : String(error)}); compiling ${period.start} to ${period.end} in the request instead.`,
      );
      const { digest, compiled } = await this.compile.run(period, actor);
      return { ...answer, status: compiled ? 'compiled' : 'exists', digestId: digest.id };
    }
  }

  private periodOf(dto: RunDigestDto): DigestPeriod {
    const result = requestedPeriod(dto, this.clock.now(), this.config.digestTimezone);
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
