/**
 * Token bucket for provider send rates (an SMSC contract allows N submit_sm per second; going over
 * gets ESME_RTHROTTLED). Waiters are served strictly in arrival order so no message starves.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export class TokenBucket {
  readonly ratePerSecond: number;
  readonly capacity: number;
  private tokens: number;
  private last: number;
  private readonly now: () => number;
  private queue: Promise<void> = Promise.resolve();

  /** `capacity` is the burst allowed after idleness; `now` is injectable so tests need no real time. */
  constructor(ratePerSecond: number, capacity = Math.max(1, ratePerSecond), now: () => number = () => performance.now()) {
    if (!(ratePerSecond > 0)) throw new RangeError(`ratePerSecond must be > 0, got ${ratePerSecond}`);
    if (!(capacity >= 1)) throw new RangeError(`capacity must be >= 1, got ${capacity}`);
    this.ratePerSecond = ratePerSecond;
    this.capacity = capacity;
    this.tokens = capacity;
    this.now = now;
    this.last = now();
  }

  /** Takes a token if one is there and returns 0; otherwise returns the milliseconds until one will be. */
  tryTake(): number {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.last) * this.ratePerSecond) / 1000);
    this.last = t;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) * 1000) / this.ratePerSecond);
  }

  /** Resolves when a token was taken; rejects with the signal's reason if aborted while waiting. */
  take(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(async () => {
      for (;;) {
        signal?.throwIfAborted();
        const wait = this.tryTake();
        if (wait === 0) return;
        await sleep(wait, undefined, { signal });
      }
    });
    // A rejected turn must not block the waiters behind it.
    this.queue = turn.catch(() => {});
    return turn;
  }
}
