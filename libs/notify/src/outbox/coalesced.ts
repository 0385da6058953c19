/**
 * Runs requests that arrive while one batch is in flight together as the next batch: at most one batch
 * at a time, none waiting on a timer. With the mail worker's jobs that gathers the reads (and the
 * "sent" marks) of the emails in flight into one statement each, instead of one transaction per email.
 */
export class Coalesced<R> {
  private waiting = new Map<string, { resolve: (value: R) => void; reject: (error: unknown) => void }[]>();
  private running = false;

  constructor(
    private readonly run: (keys: string[]) => Promise<Map<string, R>>,
    private readonly fallback: R,
    private readonly maxBatch = 500,
  ) {}

  request(key: string): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.set(key, [...(this.waiting.get(key) ?? []), { resolve, reject }]);
      if (!this.running) void this.next();
    });
  }

  private async next(): Promise<void> {
    if (!this.waiting.size) return;
    this.running = true;
    const keys = [...this.waiting.keys()].slice(0, this.maxBatch);
    const batch = keys.map((key) => [key, this.waiting.get(key)!] as const);
    keys.forEach((key) => this.waiting.delete(key));
    try {
      const results = await this.run(keys);
      for (const [key, callers] of batch) callers.forEach((c) => c.resolve(results.has(key) ? results.get(key)! : this.fallback));
    } catch (error) {
      for (const [, callers] of batch) callers.forEach((c) => c.reject(error));
    } finally {
      this.running = false;
      void this.next();
    }
  }
}
