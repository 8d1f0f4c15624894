/**
 * The hourly clean-up of one-time codes, Viber link tokens, and what chatbot users left unconfirmed (a phone
 * number to link, the words of a report) a day after they expired: an expired one is refused exactly like a
 * wrong one, and each names a phone number, an e-mail address or a citizen's own words, which Glas should not
 * keep for nothing.
 */
import type { Ctx } from '../../kernel/context.ts';
import { deleteCodesExpiredBefore } from '../repositories/code-repository.ts';
import { clearPendingExpiredBefore, deleteLinkTokensExpiredBefore } from '../repositories/viber-repository.ts';

export const SWEEP_CODES_TASK = 'citizens:sweep_expired_codes'; // a colon: crontab task names allow no dots
export const KEPT_AFTER_EXPIRY_MS = 24 * 3_600_000;

export async function sweepExpiredCodes(ctx: Ctx): Promise<{ codes: number; linkTokens: number; pending: number }> {
  const before = new Date(ctx.now().getTime() - KEPT_AFTER_EXPIRY_MS);
  return {
    codes: await deleteCodesExpiredBefore(ctx.db, before),
    linkTokens: await deleteLinkTokensExpiredBefore(ctx.db, before),
    pending: await clearPendingExpiredBefore(ctx.db, before),
  };
}
