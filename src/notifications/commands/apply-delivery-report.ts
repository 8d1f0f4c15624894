/**
 * A delivery report (SMPP receipt, Viber callback, e-mail bounce) updates its message. Every report is
 * kept; one that names a provider id no message carries yet (the receipt overtook the recording of
 * the send) is kept unmatched and applied when the send records that id (see recordSent).
 */
import type { Tx } from '../../db/database.ts';
import type { Ctx } from '../../commands/context.ts';
import type { DeliveryReport } from '../../channels/channel.ts';
import { findMessageByProviderId, insertReceipt, lockProviderId, markSeen, moveMessageStatus } from '../repositories/message-repository.ts';
import { fallBack } from './fall-back.ts';

export async function applyDeliveryReport(ctx: Ctx, report: DeliveryReport): Promise<'matched' | 'early'> {
  return ctx.db.transaction().execute(async (tx) => {
    await lockProviderId(tx, report.channel, report.providerMessageId);
    const msg = await findMessageByProviderId(tx, report.channel, report.providerMessageId);
    await insertReceipt(tx, {
      channel: report.channel, providerMessageId: report.providerMessageId, messageId: msg?.id ?? null,
      status: report.status, detail: report.detail ?? null, reportedAt: report.at,
    });
    if (!msg) return 'early';
    await applyReceipt(tx, ctx, msg.id, report.status, report.detail ?? null, report.at);
    return 'matched';
  });
}

/** What a receipt does to a message: delivered (or seen) is final; failed and expired end it and try the next channel. */
export async function applyReceipt(tx: Tx, ctx: Ctx, messageId: string, status: DeliveryReport['status'], detail: string | null, at: Date): Promise<void> {
  switch (status) {
    case 'delivered':
      await moveMessageStatus(tx, messageId, 'delivered', at);
      return;
    case 'seen':
      // Seen implies delivered even when the delivered callback was lost.
      await moveMessageStatus(tx, messageId, 'delivered', at);
      await markSeen(tx, messageId, at);
      return;
    case 'failed':
    case 'expired': {
      const r = await moveMessageStatus(tx, messageId, status === 'failed' ? 'failed_permanent' : 'expired', at, { last_error: detail ?? `reported ${status}` });
      if (r.moved) await fallBack(tx, ctx, r.row, `${r.row.channel} reported ${status}${detail ? `: ${detail}` : ''}`);
      return;
    }
  }
}
