import { BullModule } from '@nestjs/bullmq';
import type { RedisOptions } from 'bullmq';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { redisOptions, RedisTarget } from '@r2c/core';
import { QueueMonitor } from './queue-monitor';
import { Signals } from './signals';
import { DEFAULT_JOB_OPTIONS, QueueName } from './queues';

@Global()
@Module({})
export class JobsModule {
  static forRoot(redis: RedisTarget): DynamicModule {
    const queues = BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name })));
    return {
      module: JobsModule,
      imports: [
        BullModule.forRoot({
          // Workers need maxRetriesPerRequest null; producers bound their waits with `enqueue` instead.
          connection: { ...redisOptions(redis), maxRetriesPerRequest: null } as RedisOptions,
          defaultJobOptions: DEFAULT_JOB_OPTIONS,
        }),
        queues,
      ],
      providers: [QueueMonitor, { provide: Signals, useFactory: () => new Signals(redis) }],
      exports: [queues, QueueMonitor, Signals],
    };
  }
}
