/** The citizens' limits on asking for codes and on guessing them (counted by src/kernel/throttle.ts). */
import type { Limit } from '../../kernel/throttle.ts';

const HOUR = 3_600_000;
/** Codes sent to one number or address: 5 an hour. */
export const perTarget = (target: string): Limit => ({ key: `code:${target}`, windowMs: HOUR, limit: 5, lockMs: HOUR });
/** Codes asked for from one address: 30 an hour. */
export const perIp = (ip: string): Limit => ({ key: `code-ip:${ip}`, windowMs: HOUR, limit: 30, lockMs: HOUR });
/** Wrong codes or passwords from one address: 30 in 15 minutes. */
export const guessesPerIp = (ip: string): Limit => ({ key: `guess-ip:${ip}`, windowMs: 15 * 60_000, limit: 30, lockMs: 15 * 60_000 });
/** Wrong passwords for one account: 5 in 15 minutes, as for staff. */
export const guessesPerLogin = (login: string): Limit => ({ key: `citizen:${login}`, windowMs: 15 * 60_000, limit: 5, lockMs: 15 * 60_000 });
