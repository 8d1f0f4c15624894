/**
 * Group commit for small database steps done by many concurrent deliveries (claiming a message,
 * recording that it was sent, storing a receipt): an item arriving while no flush is running is
 * flushed at once, alone; items arriving while one runs wait for it and go together in the next.
 * So an idle system adds no delay, and a busy one does one round trip for many messages.
 *
 * Each caller gets its own item's result once the flush that carried it has committed; a failed
 * flush fails every item in it.
 */
interface Pending<T, R> {
  item: T;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

export class Batcher<T, R = void> {
  private queue: Pending<T, R>[] = [];
  private running = false;
  private readonly flushFn: (items: T[]) => Promise<R[]>;
  private readonly maxItems: number;

  /** `flush` returns one result per item, in order. */
  constructor(flush: (items: T[]) => Promise<R[]>, options: { maxItems?: number } = {}) {
    this.flushFn = flush;
    this.maxItems = options.maxItems ?? 200;
  }

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, this.maxItems);
        try {
          const results = await this.flushFn(batch.map((p) => p.item));
          batch.forEach((p, i) => {
            p.resolve(results[i] as R);
          });
        } catch (error) {
          for (const p of batch) p.reject(error);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
