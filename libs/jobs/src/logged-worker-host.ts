import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Logger } from '@nestjs/common';
import { Job } from 'bullmq';

function within<T>(promise: Promise<T> | undefined, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  return Promise.race([promise ?? Promise.resolve(undefined), late]).finally(() => clearTimeout(timer));
}

/**
 * The base of every processor: logs each failed job with its id, a lost Redis connection once per
 * outage (BullMQ reports it on every reconnect attempt), and keeps shutdown from hanging on a dead Redis.
 */
export abstract class LoggedWorkerHost extends WorkerHost implements BeforeApplicationShutdown {
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

  /**
   * Nest closes the worker after this hook, and BullMQ's close() waits for the worker's blocking Redis
   * client to end. A client parked in "reconnecting" (Redis down, or just restarted) never ends
   * (taskforcesh/bullmq#4656), so shutdown would hang: reconnect it now, and if Redis stays
   * unreachable, close without waiting for jobs that could not finish without it anyway.
   */
  async beforeApplicationShutdown(): Promise<void> {
    const client = await within(this.worker.getBackend().blockingClient, 2000);
    if (client?.status === 'ready') return;
    if (client?.status === 'reconnecting')
      await within(
        client.connect().catch(() => undefined),
        2000,
      );
    if (client?.status !== 'ready') await this.worker.close(true);
  }
}
