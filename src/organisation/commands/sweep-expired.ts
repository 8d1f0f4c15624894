/**
 * The hourly clean-up of sign-in data that can no longer be used: expired staff sessions, and attempt
 * counts whose window has long passed and whose lock (if any) is over, password reset links a day
 * after they expired, and second sign-in steps never finished (used or not; the audit trail keeps who issued and used them). Without it these
 * tables grow by a row per session, per address or login, and per link ever seen.
 */
import { deleteExpiredPasswordResets, deleteExpiredSessions, deleteStaleThrottles } from '../../kernel/repositories/auth-repository.ts';
import { deleteExpiredChallenges } from '../repositories/second-factor-repository.ts';
import type { Ctx } from '../../kernel/context.ts';
import { LONGEST_WINDOW_MS } from '../../kernel/throttle.ts';

export const SWEEP_EXPIRED_TASK = 'core:sweep_expired'; // a colon, not a dot: crontab task names allow no dots

export async function sweepExpiredSignInData(ctx: Ctx): Promise<{ sessions: number; throttles: number; resetLinks: number; signInSteps: number }> {
  const now = ctx.now();
  return {
    sessions: await deleteExpiredSessions(ctx.db, now),
    throttles: await deleteStaleThrottles(ctx.db, new Date(now.getTime() - LONGEST_WINDOW_MS), now),
    resetLinks: await deleteExpiredPasswordResets(ctx.db, new Date(now.getTime() - 24 * 3_600_000)),
    signInSteps: await deleteExpiredChallenges(ctx.db, now),
  };
}
