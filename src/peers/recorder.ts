/**
 * What every local peer keeps: the list of what it received, and waiting for a matching item
 * without polling (tests and the demo wait on the protocol event itself, not on a sleep).
 */

interface Waiter<T> {
  predicate: (item: T) => boolean;
  resolve: (item: T) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class Recorder<T> {
  private items: T[] = [];
  private readonly waiters = new Set<Waiter<T>>();
  private readonly what: string;

  constructor(what: string) {
    this.what = what;
  }

  push(item: T): void {
    this.items.push(item);
    for (const w of this.waiters) {
      if (w.predicate(item)) {
        clearTimeout(w.timer);
        this.waiters.delete(w);
        w.resolve(item);
      }
    }
  }

  all(): T[] {
    return this.items.slice();
  }

  get count(): number {
    return this.items.length;
  }

  clear(): void {
    this.items = [];
  }

  /** The first item, already recorded or still to come, that matches; rejects after timeoutMs. */
  waitFor(predicate: (item: T) => boolean = () => true, timeoutMs = 5000): Promise<T> {
    const found = this.items.find(predicate);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter: Waiter<T> = {
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${this.what}`));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Rejects everyone still waiting, so a closed peer never leaves a test hanging. */
  close(): void {
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(new Error(`closed while waiting for ${this.what}`));
    }
    this.waiters.clear();
  }
}
