import { Controller, Get, HttpStatus, Inject, OnModuleDestroy, Res } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiResponse } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '@r2c/access';
import { QueueMonitor } from '@r2c/jobs';
import { REDIS_TARGET, redisOptions } from '@r2c/core';
import type { RedisTarget } from '@r2c/core';
import { Answers, contract } from '../openapi/answers';

type Status = 'ok' | 'down';

async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

@Public()
@ApiTags('health')
@Controller('health')
export class HealthController implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS_TARGET) target: RedisTarget,
    private readonly queues: QueueMonitor,
  ) {
    this.redis = new Redis({ ...redisOptions(target), enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: false });
    this.redis.on('error', () => undefined);
  }

  @Get()
  @ApiOperation({ summary: 'Liveness and dependencies: 200 when the database and Redis answer, 503 otherwise; job counts per queue' })
  @Answers(200, 'HealthView', 'The database and Redis answer')
  @ApiResponse({ status: 503, description: 'The database or Redis does not answer', content: { 'application/json': { schema: contract('HealthView') } } })
  async check(@Res() res: FastifyReply): Promise<void> {
    const [db, redis] = await Promise.all([
      within(2000, this.dataSource.query('SELECT 1')).then(
        (): Status => 'ok',
        (): Status => 'down',
      ),
      within(
        1000,
        this.redisReady().then(() => this.redis.ping()),
      ).then(
        (): Status => 'ok',
        (): Status => 'down',
      ),
    ]);
    const ok = db === 'ok' && redis === 'ok';
    const queues = redis === 'ok' ? await within(1000, this.queues.counts()).catch(() => 'unknown' as const) : 'unknown';
    void res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).send({ status: ok ? 'ok' : 'degraded', db, redis, queues });
  }

  private redisReady(): Promise<void> {
    if (this.redis.status === 'ready') return Promise.resolve();
    return new Promise((resolve) => this.redis.once('ready', () => resolve()));
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
