/**
 * The 'citizens.send' job: claim the message, hand it to its channel, record the outcome. A
 * retryable failure throws so graphile-worker backs off; a permanent one, the last attempt, or a
 * message past its expiry (a code nobody can use any more) ends it.
 */
import type { Ctx } from '../../commands/context.ts';
import type { OutboundMessage, SendResult } from '../../channels/channel.ts';
import { textToHtml } from '../../notifications/domain/render.ts';
import type { NotificationService } from '../../notifications/service.ts';
import { findCitizenMessage, lockCitizenMessage, recordOutcome } from '../repositories/message-repository.ts';

export type CitizenDelivery = 'sent' | 'failed' | 'expired' | 'skipped' | 'retry';

export async function deliverCitizenMessage(ctx: Ctx, service: NotificationService | null, messageId: string, job: { attempts: number; maxAttempts: number }): Promise<{ outcome: CitizenDelivery; reason?: string }> {
  const m = await findCitizenMessage(ctx.db, messageId);
  if (!m || m.status !== 'queued') return { outcome: 'skipped' };
  const now = ctx.now();
  if (new Date(m.expires_at) < now) {
    await ctx.db.transaction().execute((tx) => recordOutcome(tx, m.id, { status: 'expired', error: 'not sent before it expired', at: now }));
    return { outcome: 'expired' };
  }
  const channel = service?.channels.get(m.channel);
  let result: SendResult;
  if (!channel) result = { kind: 'retryable', reason: `the ${m.channel} channel is not running in this process` };
  else {
    const out: OutboundMessage = { messageId: m.id, to: m.recipient, text: m.body, locale: m.locale };
    if (m.channel === 'email') { out.subject = m.subject ?? ''; out.html = textToHtml(m.body, m.locale); }
    if (m.channel === 'viber' && m.keyboard) out.keyboard = m.keyboard;
    result = await channel.send(out);
  }
  return ctx.db.transaction().execute(async (tx) => {
    const locked = await lockCitizenMessage(tx, m.id);
    if (!locked || locked.status !== 'queued') return { outcome: 'skipped' as const };
    const at = ctx.now();
    if (result.kind === 'sent') {
      await recordOutcome(tx, m.id, { status: 'sent', providerMessageId: result.providerMessageId, at });
      return { outcome: 'sent' as const };
    }
    if (result.kind === 'permanent' || job.attempts >= job.maxAttempts) {
      await recordOutcome(tx, m.id, { status: 'failed', error: result.reason, at });
      return { outcome: 'failed' as const, reason: result.reason };
    }
    await recordOutcome(tx, m.id, { status: 'queued', error: result.reason, at });
    return { outcome: 'retry' as const, reason: result.reason };
  });
}
