import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { QueueName } from './queues';

export type QueueCounts = Record<'waiting' | 'active' | 'delayed' | 'failed' | 'completed', number>;

/** Logs queue connection errors once per outage (not once per retry) and reports job counts for /health. */
@Injectable()
export class QueueMonitor implements OnModuleInit {
  private readonly logger = new Logger('Queues');
  private readonly queues = new Map<QueueName, Queue>();
  private down = false;

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    for (const name of Object.values(QueueName)) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      this.queues.set(name, queue);
      queue.on('error', (error) => {
        if (this.down) return;
        this.down = true;
        this.logger.warn(`Redis is not reachable for the job queues (${error.message}); emails wait in the outbox until it is back`);
      });
    }
  }

  /** Marks Redis as back so the next outage is logged again. */
  recovered(): void {
    if (this.down) this.logger.log('Redis is reachable again');
    this.down = false;
  }

  async counts(): Promise<Record<string, QueueCounts>> {
    const entries = await Promise.all(
      [...this.queues].map(
        async ([name, queue]) => [name, (await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed')) as QueueCounts] as const,
      ),
    );
    this.recovered();
    return Object.fromEntries(entries);
  }
}
