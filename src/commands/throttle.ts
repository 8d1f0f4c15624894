/**
 * Limits on repeated attempts (sign-in guesses, code requests, the public report form), kept in the
 * login_throttle table so that every Glas process on the database shares them: a key that reaches
 * its limit within the window is locked for a while.
 */
import type { DbOrTx } from '../db/database.ts';
import { AppError } from '../lib/errors.ts';
import { recordFailure, throttleState } from '../repositories/auth-repository.ts';

export interface Limit { key: string; windowMs: number; limit: number; lockMs: number }

/** Refuses with 429 (and the seconds left, also sent as Retry-After) when any of the keys is locked. */
export async function refuseIfLocked(db: DbOrTx, keys: readonly string[], now: Date): Promise<void> {
  for (const key of keys) {
    const s = await throttleState(db, key);
    if (s?.locked_until && new Date(s.locked_until) > now) {
      throw new AppError('too_many_requests', { seconds: Math.ceil((new Date(s.locked_until).getTime() - now.getTime()) / 1000) });
    }
  }
}

export async function count(db: DbOrTx, limits: readonly Limit[], now: Date): Promise<void> {
  for (const l of limits) await recordFailure(db, l.key, now, l.windowMs, l.limit, l.lockMs);
}
