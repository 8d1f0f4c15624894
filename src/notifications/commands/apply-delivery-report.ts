/**
 * Delivery reports (SMPP receipts, Viber callbacks, e-mail bounces) update their messages. Every
 * report is kept; one that names a provider id no message carries yet (the receipt overtook the
 * recording of the send) is kept unmatched and applied when the send records that id (recordSent).
 *
 * Reports are applied in batches (one transaction for the receipts that arrived while the previous
 * batch was being stored, see batcher.ts): at a few hundred SMS a second the receipts would
 * otherwise cost as many transactions as the sends themselves. The provider is answered only after
 * the batch commits.
 *
 * A multipart SMS has one receipt per part, each naming its part's SMSC id (kept in
 * notification_sms_parts when the part was accepted): it is delivered once every part is reported
 * delivered, and failed as soon as one part fails.
 */
import type { Tx } from '../../kernel/db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import type { DeliveryReport } from '../../channels/channel.ts';
import { insertReceipts, lockProviderIds, markSeen, moveMessageStatus, moveMessagesStatus, undeliveredMultipart } from '../repositories/message-repository.ts';
import { fallBack } from './fall-back.ts';
import { deliveryDb } from '../delivery-db.ts';

export async function applyDeliveryReports(ctx: Ctx, reports: readonly DeliveryReport[]): Promise<('matched' | 'early')[]> {
  if (!reports.length) return [];
  return deliveryDb(ctx)
    .transaction()
    .execute(async (tx) => {
      await lockProviderIds(tx, reports);
      const stored = await insertReceipts(
        tx,
        reports.map((r) => ({
          channel: r.channel,
          providerMessageId: r.providerMessageId,
          status: r.status,
          detail: r.detail ?? null,
          reportedAt: r.at,
        })),
      );
      // The common case, "delivered", in one statement; the rest one by one (they may start a fallback).
      const waiting = await undeliveredMultipart(
        tx,
        stored.flatMap((s) => (s.message_id && s.status === 'delivered' ? [s.message_id] : [])),
      );
      const delivered = stored.filter((s) => s.message_id && s.status === 'delivered' && !waiting.has(s.message_id));
      await moveMessagesStatus(
        tx,
        'delivered',
        delivered.map((s) => ({ id: s.message_id!, at: new Date(s.reported_at) })),
      );
      for (const s of stored) {
        if (s.message_id && s.status !== 'delivered') await applyReceipt(tx, ctx, s.message_id, s.status, s.detail, new Date(s.reported_at));
      }
      return stored.map((s) => (s.message_id ? 'matched' : 'early'));
    });
}

export async function applyDeliveryReport(ctx: Ctx, report: DeliveryReport): Promise<'matched' | 'early'> {
  return (await applyDeliveryReports(ctx, [report]))[0]!;
}

/** What a receipt does to a message: delivered (or seen) is final; failed and expired end it and try the next channel. */
export async function applyReceipt(tx: Tx, ctx: Ctx, messageId: string, status: DeliveryReport['status'], detail: string | null, at: Date): Promise<void> {
  switch (status) {
    case 'delivered':
      if ((await undeliveredMultipart(tx, [messageId])).has(messageId)) return;
      await moveMessageStatus(tx, messageId, 'delivered', at);
      return;
    case 'seen':
      // Seen implies delivered even when the delivered callback was lost.
      await moveMessageStatus(tx, messageId, 'delivered', at);
      await markSeen(tx, messageId, at);
      return;
    case 'failed':
    case 'expired': {
      const r = await moveMessageStatus(tx, messageId, status === 'failed' ? 'failed_permanent' : 'expired', at, {
        last_error: detail ?? `reported ${status}`,
      });
      if (r.moved) await fallBack(tx, ctx, r.row, `${r.row.channel} reported ${status}${detail ? `: ${detail}` : ''}`);
      return;
    }
  }
}
