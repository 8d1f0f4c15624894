/**
 * The public report form's limits per client address (reports filed, and submissions refused), counted with the shared attempt limits
 * (src/kernel/throttle.ts, in PostgreSQL), so every Glas process behind the same address shares
 * one limit. Enough to stop one browser or script from flooding the form.
 */
import type { Limit } from '../../kernel/throttle.ts';

const HOUR = 3_600_000;

/** Reports from one address: the administrator's number an hour, then an hour's pause. */
export const intakePerAddress = (ip: string, perHour: number): Limit => ({ key: `intake-ip:${ip}`, windowMs: HOUR, limit: perHour, lockMs: HOUR });

/** Refused submissions from one address (bad input, each read and checked, photos included): enough for any citizen's corrections. */
export const refusedIntakePerAddress = (ip: string): Limit => ({ key: `intake-refused-ip:${ip}`, windowMs: HOUR, limit: 60, lockMs: HOUR });
