/**
 * A bounce (RFC 3464 DSN) handed over by the mail server's return-path mailbox (e.g. a pipe to
 * curl with an admin token) marks the e-mail failed and tries the citizen's next channel.
 */
import type { Actor } from '../../kernel/types.ts';
import { forbidden } from '../../kernel/lib/errors.ts';
import { parseBounce } from '../../channels/bounce.ts';
import type { Ctx } from '../../kernel/context.ts';
import { canConfigureNotifications } from '../policy.ts';
import { applyDeliveryReport } from './apply-delivery-report.ts';

export async function recordEmailBounce(ctx: Ctx, actor: Actor, raw: Buffer): Promise<{ understood: boolean; matched: boolean }> {
  if (!canConfigureNotifications(actor)) throw forbidden();
  const report = await parseBounce(raw);
  if (!report) return { understood: false, matched: false };
  return { understood: true, matched: (await applyDeliveryReport(ctx, report)) === 'matched' };
}
