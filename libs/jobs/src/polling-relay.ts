import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

/** How long a hand-over waits for Redis before the pass gives up and leaves the work for a later pass. */
export const REDIS_PATIENCE_MS = 5000;

/**
 * The base of the relays that move work the database keeps (outbox emails, summary requests) onto a
 * BullMQ queue. They poll on a timer inside the process rather than through a BullMQ job scheduler:
 * their point is to keep the work safe while Redis is down and move it once it is back, and a
 * scheduler that lives in Redis would stop exactly then.
 *
 * One pass runs at a time. `kick()` asks for a pass that starts after the call; kicks that arrive
 * while one is already waiting to start share it, so a burst of commits costs one extra pass, not
 * one each. `stop()` ends the timer, abandons a hand-over still waiting for Redis and waits for the
 * pass in flight; no pass starts after it.
 */
export abstract class PollingRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  private last: Promise<void> = Promise.resolve();
  private next?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private started = false;
  private stopped = false;
  private failing = false;
  /** A hand-over Redis has not answered yet: ioredis holds it until it reconnects, so none is added on top. */
  private unanswered?: Promise<unknown>;
  /** Ends the wait of a hand-over in progress when the relay stops. */
  private abandonWait?: () => void;

  protected constructor(
    private readonly everyMs: number,
    private readonly patienceMs = REDIS_PATIENCE_MS,
  ) {}

  /** Claims what is due and gives it to `handOver`. Throwing leaves everything for the next pass. */
  protected abstract pass(): Promise<void>;
  /** The warning logged once when passes start failing. */
  protected abstract troubleMessage(error: unknown): string;
  /** The line logged when a pass works again after failing. */
  protected abstract readonly recoveryMessage: string;

  onApplicationBootstrap(): void {
    this.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  /** True once `stop()` was called: a long pass should end at its next step. */
  protected get stopping(): boolean {
    return this.stopped;
  }

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.abandonWait?.();
    await this.last;
  }

  /** Resolves when a pass that started after this call has ended (at once after `stop()`). Never rejects. */
  kick(): Promise<void> {
    if (this.stopped) return this.last;
    if (!this.next) {
      const next = this.last.then(async () => {
        this.next = undefined;
        if (!this.stopped) await this.runPass();
      });
      this.next = next;
      this.last = next;
    }
    return this.next;
  }

  /**
   * Waits for Redis to answer `added` (an `add` or `addBulk` just called), at most the patience or
   * until the relay stops; throws then, and later passes skip until Redis answers it.
   */
  protected async handOver(added: Promise<unknown>): Promise<void> {
    this.unanswered = added;
    void added
      .catch(() => undefined)
      .finally(() => {
        if (this.unanswered === added) this.unanswered = undefined;
      });
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<never>((_, reject) => {
      const abandon = () => reject(new Error('the process is stopping'));
      if (this.stopped) return abandon();
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${this.patienceMs} ms`)), this.patienceMs);
      this.abandonWait = abandon;
    });
    try {
      await Promise.race([added, gaveUp]);
    } finally {
      clearTimeout(timer);
      this.abandonWait = undefined;
    }
  }

  private readonly tick = (): void => {
    void this.kick().then(() => {
      if (!this.stopped) this.timer = setTimeout(this.tick, this.everyMs);
    });
  };

  private async runPass(): Promise<void> {
    if (this.unanswered) return;
    try {
      await this.pass();
      if (this.failing) this.logger.log(this.recoveryMessage);
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.warn(this.troubleMessage(error));
      this.failing = true;
    }
  }
}
