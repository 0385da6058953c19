type Waiter<R> = { resolve: (value: R) => void; reject: (error: unknown) => void };

/** What one batch does: mark these rows sent, then read those. */
export interface SendingBatch {
  markSent: string[];
  read: string[];
}

/**
 * Gathers the mail worker's database work on the emails in flight: the rows to read before sending
 * and the rows to mark sent after. Whatever arrives while one batch runs goes into the next, which
 * starts as soon as it ends: at most one batch at a time, none waiting on a timer. Only emails in
 * flight ever wait here, so the crash window stays theirs (docs/reliability.md).
 */
export class SendingBatches<Row> {
  private reads = new Map<string, Waiter<Row | null>[]>();
  private marks = new Map<string, Waiter<void>[]>();
  private running = false;

  constructor(
    private readonly run: (batch: SendingBatch) => Promise<Map<string, Row>>,
    private readonly maxPerBatch = 500,
  ) {}

  read(id: string): Promise<Row | null> {
    return this.wait(this.reads, id);
  }

  markSent(id: string): Promise<void> {
    return this.wait(this.marks, id);
  }

  private wait<R>(lane: Map<string, Waiter<R>[]>, id: string): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      lane.set(id, [...(lane.get(id) ?? []), { resolve, reject }]);
      if (!this.running) void this.next();
    });
  }

  private take<R>(lane: Map<string, Waiter<R>[]>): [string, Waiter<R>[]][] {
    const taken = [...lane.entries()].slice(0, this.maxPerBatch);
    taken.forEach(([id]) => lane.delete(id));
    return taken;
  }

  private async next(): Promise<void> {
    if (!this.reads.size && !this.marks.size) return;
    this.running = true;
    const marks = this.take(this.marks);
    const reads = this.take(this.reads);
    try {
      const rows = await this.run({ markSent: marks.map(([id]) => id), read: reads.map(([id]) => id) });
      for (const [, waiters] of marks) waiters.forEach((w) => w.resolve());
      for (const [id, waiters] of reads) waiters.forEach((w) => w.resolve(rows.get(id) ?? null));
    } catch (error) {
      for (const [, waiters] of [...marks, ...reads]) waiters.forEach((w) => w.reject(error));
    } finally {
      this.running = false;
      void this.next();
    }
  }
}
