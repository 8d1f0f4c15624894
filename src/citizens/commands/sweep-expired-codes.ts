/**
 * The hourly clean-up of one-time codes and Viber link tokens a day after they expired: an expired
 * one is refused exactly like a wrong one, and each names a phone number or an e-mail address,
 * which Glas should not keep for nothing.
 */
import type { Ctx } from '../../kernel/context.ts';
import { deleteCodesExpiredBefore } from '../repositories/code-repository.ts';
import { deleteLinkTokensExpiredBefore } from '../repositories/viber-repository.ts';

export const SWEEP_CODES_TASK = 'citizens:sweep_expired_codes'; // a colon: crontab task names allow no dots
export const KEPT_AFTER_EXPIRY_MS = 24 * 3_600_000;

export async function sweepExpiredCodes(ctx: Ctx): Promise<{ codes: number; linkTokens: number }> {
  const before = new Date(ctx.now().getTime() - KEPT_AFTER_EXPIRY_MS);
  return { codes: await deleteCodesExpiredBefore(ctx.db, before), linkTokens: await deleteLinkTokensExpiredBefore(ctx.db, before) };
}
