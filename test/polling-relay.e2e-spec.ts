import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { PollingRelay } from '@r2c/jobs';
import { waitFor } from './support/ports';
import { TestRedis } from './support/redis-server';

/** A relay over a list in memory: each pass takes the whole list and hands it to a real BullMQ queue, one job per item. */
class ListRelay extends PollingRelay {
  readonly work: string[] = [];
  passes = 0;
  /** While set, a pass waits for it after taking the list. */
  gate?: Promise<void>;

  constructor(
    private readonly queue: Queue,
    patienceMs?: number,
  ) {
    super(60 * 60 * 1000, patienceMs);
  }

  protected readonly recoveryMessage = 'works again';

  protected troubleMessage(error: unknown): string {
    return `trouble: ${(error as Error).message}`;
  }

  protected async pass(): Promise<void> {
    this.passes++;
    const due = this.work.splice(0);
    await this.gate;
    if (!due.length) return;
    try {
      await this.handOver(this.queue.addBulk(due.map((id) => ({ name: 'item', data: {}, opts: { jobId: id } }))));
    } catch (error) {
      this.work.unshift(...due);
      throw error;
    }
  }
}

function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const settledWithin = (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);

describe('PollingRelay', () => {
  let redis: TestRedis;
  const queues: Queue[] = [];
  const newQueue = () => {
    const queue = new Queue(`relay-${queues.length}-${process.pid}`, { connection: { host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: null } });
    queue.on('error', () => undefined);
    queues.push(queue);
    return queue;
  };

  beforeAll(async () => {
    Logger.overrideLogger(false);
    redis = await new TestRedis().start();
  });

  afterAll(async () => {
    await Promise.all(queues.map((q) => q.close()));
    await redis?.destroy();
  });

  it('runs one more pass for all the kicks that came during a pass, and each kick resolves after a pass that started after it', async () => {
    const queue = newQueue();
    const relay = new ListRelay(queue);
    const first = gate();
    relay.gate = first.promise;
    const kicked = relay.kick();
    await waitFor(async () => relay.passes === 1, 2000, 'the first pass');
    relay.work.push('late');
    const during = [relay.kick(), relay.kick(), relay.kick()];
    expect(during[1]).toBe(during[0]);
    expect(during[2]).toBe(during[0]);
    expect(during[0]).not.toBe(kicked);
    relay.gate = undefined;
    first.open();
    await Promise.all([kicked, ...during]);
    expect(relay.passes).toBe(2);
    expect(await queue.getJobState('late')).not.toBe('unknown');
    await relay.stop();
  });

  it('stop waits for the pass in flight and starts none after it; a kick after stop resolves without a pass', async () => {
    const relay = new ListRelay(newQueue());
    const first = gate();
    relay.gate = first.promise;
    relay.start();
    await waitFor(async () => relay.passes === 1, 2000, 'the first pass');
    const waiting = relay.kick();
    const stopped = relay.stop();
    expect(await settledWithin(stopped, 200)).toBe(false);
    first.open();
    await stopped;
    await waiting;
    await relay.kick();
    expect(relay.passes).toBe(1);
  });

  it('with Redis down: gives up a hand-over after its patience, adds nothing on top of it, stops at once, and loses nothing', async () => {
    const queue = newQueue();
    const patient = new ListRelay(queue, 300);
    const waiting = new ListRelay(queue, 60000);
    await redis.stop();
    try {
      patient.work.push('a');
      const started = Date.now();
      await patient.kick();
      expect(Date.now() - started).toBeLessThan(3000);
      expect(patient.work).toEqual(['a']);
      await patient.kick();
      expect(patient.passes).toBe(1);

      waiting.work.push('b');
      const kicked = waiting.kick();
      await waitFor(async () => waiting.passes === 1, 2000, 'the pass of the waiting relay');
      await new Promise((r) => setTimeout(r, 100));
      expect(await settledWithin(waiting.stop(), 1000)).toBe(true);
      await kicked;
      expect(waiting.work).toEqual(['b']);
    } finally {
      await redis.start();
    }
    await waitFor(
      async () => (await queue.getJobState('a')) !== 'unknown' && (await queue.getJobState('b')) !== 'unknown',
      10000,
      'the held hand-overs to reach Redis',
    );
    await waitFor(async () => (await patient.kick(), patient.work.length === 0), 10000, 'the relay to hand over again');
    expect(await queue.getJobCountByTypes('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized')).toBe(2);
    await patient.stop();
  });
});
