/**
 * Limits on repeated attempts (sign-in guesses, code requests, the public report form), kept in the
 * login_throttle table so that every Glas process on the database shares them: a key that reaches
 * its limit within the window is locked for a while.
 */
import type { DbOrTx } from './db/database.ts';
import { AppError } from './lib/errors.ts';
import { recordFailure, throttleState } from './repositories/auth-repository.ts';

export interface Limit {
  key: string;
  windowMs: number;
  limit: number;
  lockMs: number;
}

/**
 * The longest window a limit may have: the hourly clean-up (sweep-expired.ts) deletes counts whose
 * window started longer ago than this, once their lock has passed.
 */
export const LONGEST_WINDOW_MS = 24 * 3_600_000;

/** Refuses with 429 (and the seconds left, also sent as Retry-After) when any of the keys is locked. */
export async function refuseIfLocked(db: DbOrTx, keys: readonly string[], now: Date): Promise<void> {
  for (const key of keys) {
    const s = await throttleState(db, key);
    if (s?.locked_until && new Date(s.locked_until) > now) {
      throw new AppError('too_many_requests', { seconds: Math.ceil((new Date(s.locked_until).getTime() - now.getTime()) / 1000) });
    }
  }
}

/** Counts one attempt against each limit, locking the keys that reach theirs. */
export async function count(db: DbOrTx, limits: readonly Limit[], now: Date): Promise<void> {
  for (const l of limits) {
    if (l.windowMs > LONGEST_WINDOW_MS) throw new Error(`the limit ${l.key} has a window longer than the clean-up keeps counts`);
    await recordFailure(db, l.key, now, l.windowMs, l.limit, l.lockMs);
  }
}
