/**
 * The hourly clean-up of sign-in data that can no longer be used: expired staff sessions, and attempt
 * counts whose window has long passed and whose lock (if any) is over. Without it both tables grow
 * by a row per session and per address or login ever seen.
 */
import { deleteExpiredSessions, deleteStaleThrottles } from '../../kernel/repositories/auth-repository.ts';
import type { Ctx } from '../../kernel/context.ts';
import { LONGEST_WINDOW_MS } from '../../kernel/throttle.ts';

export const SWEEP_EXPIRED_TASK = 'core:sweep_expired'; // a colon, not a dot: crontab task names allow no dots

export async function sweepExpiredSignInData(ctx: Ctx): Promise<{ sessions: number; throttles: number }> {
  const now = ctx.now();
  return {
    sessions: await deleteExpiredSessions(ctx.db, now),
    throttles: await deleteStaleThrottles(ctx.db, new Date(now.getTime() - LONGEST_WINDOW_MS), now),
  };
}
