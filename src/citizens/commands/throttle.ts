/**
 * Limits on asking for codes and on guessing them, kept in the login_throttle table beside the
 * staff sign-in limits: a key that reaches its limit within the window is locked for a while.
 */
import type { DbOrTx } from '../../db/database.ts';
import { AppError } from '../../lib/errors.ts';
import { recordFailure, throttleState } from '../../repositories/auth-repository.ts';

export interface Limit { key: string; windowMs: number; limit: number; lockMs: number }

/** Refuses with 429 (and the seconds left) when any of the keys is locked. */
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

const HOUR = 3_600_000;
/** Codes sent to one number or address: 5 an hour. */
export const perTarget = (target: string): Limit => ({ key: `code:${target}`, windowMs: HOUR, limit: 5, lockMs: HOUR });
/** Codes asked for from one address: 30 an hour. */
export const perIp = (ip: string): Limit => ({ key: `code-ip:${ip}`, windowMs: HOUR, limit: 30, lockMs: HOUR });
/** Wrong codes or passwords from one address: 30 in 15 minutes. */
export const guessesPerIp = (ip: string): Limit => ({ key: `guess-ip:${ip}`, windowMs: 15 * 60_000, limit: 30, lockMs: 15 * 60_000 });
/** Wrong passwords for one account: 5 in 15 minutes, as for staff. */
export const guessesPerLogin = (login: string): Limit => ({ key: `citizen:${login}`, windowMs: 15 * 60_000, limit: 5, lockMs: 15 * 60_000 });
