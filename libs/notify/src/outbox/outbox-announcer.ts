import { Injectable, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';
import { Signals } from '@r2c/jobs';
import { OutboxService } from './outbox.service';

/** The Redis channel on which a process that added emails tells the others' relays (OutboxRelay listens). */
export const OUTBOX_ADDED_SIGNAL = 'r2c:outbox:added';

/**
 * Makes every kick of the outbox reach the relays of the app's other processes too: an email asked for
 * in an API-only process or the worker leaves at once instead of at the next poll
 * (OUTBOX_POLL_MS). Without the job queues (the command line's context) the next poll finds the rows.
 */
@Injectable()
export class OutboxAnnouncer implements OnModuleInit, OnModuleDestroy {
  private detach?: () => void;

  constructor(
    private readonly outbox: OutboxService,
    @Optional() private readonly signals?: Signals,
  ) {}

  onModuleInit(): void {
    const signals = this.signals;
    if (signals) this.detach = this.outbox.attachAnnouncer(() => signals.publish(OUTBOX_ADDED_SIGNAL));
  }

  onModuleDestroy(): void {
    this.detach?.();
  }
}
