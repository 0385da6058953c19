import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';

/**
 * A processor base that logs each failed job with its id, and a lost Redis connection once per outage
 * (BullMQ reports it on every reconnect attempt).
 */
export abstract class LoggedWorkerHost extends WorkerHost {
  protected readonly logger = new Logger(this.constructor.name);
  private disconnected = false;

  @OnWorkerEvent('failed')
  onJobFailed(job: Job | undefined, error: Error): void {
    this.logger.warn(`job ${job?.name ?? '?'} ${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? '?'}): ${error.message}`);
  }

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    if (this.disconnected) return;
    this.disconnected = true;
    this.logger.warn(`lost the connection to Redis (${error.message}); will resume when it is back`);
  }

  @OnWorkerEvent('ready')
  onWorkerReady(): void {
    if (this.disconnected) this.logger.log('connected to Redis again');
    this.disconnected = false;
  }
}
