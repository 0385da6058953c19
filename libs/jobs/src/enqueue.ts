import { ServiceUnavailableException } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';

/** Adds a job but never lets an HTTP request hang on a Redis that is down. */
export async function enqueue<T>(queue: Queue, name: string, data: T, options: JobsOptions = {}, timeoutMs = 2000) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ServiceUnavailableException('The job queue is not reachable right now; try again in a minute.')), timeoutMs);
  });
  try {
    return await Promise.race([queue.add(name as never, data as never, options), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
