/**
 * The delivery job for one message: claim → channel.send → record the outcome. The job alone owns
 * retries: a retryable failure with a provider-given wait (throttling, SMS centre down) is rescheduled
 * as a new job after that wait; without one the task throws and graphile-worker retries with its
 * exponential backoff; on the last attempt, or on a permanent failure, the message fails and the
 * next channel is tried.
 *
 * When a message can go out twice: the claim commits 'sending' before channel.send, and the outcome
 * is written after it. If the process dies (or the database is unreachable for every retry of the
 * write) after the provider accepted the message (submit_sm_resp OK, SMTP 250 after DATA, Viber
 * status 0) but before 'sent' is committed, the message stays in 'sending'; the stuck-message replay
 * cannot tell whether it left and sends it again. That window is one round trip plus one commit.
 * Everywhere else the row lock and the status table make a second send impossible: a duplicate job
 * finds the message no longer 'queued' or 'failed_temporary' and does nothing.
 */
import type { Tx } from '../../db/database.ts';
import type { Ctx } from '../../commands/context.ts';
import type { OutboundMessage, SendResult } from '../../channels/channel.ts';
import { enqueueJob } from '../../jobs/registry.ts';
import { SENDABLE } from '../domain/message-status.ts';
import { textToHtml } from '../domain/render.ts';
import { consentsInForce, ensurePreferences } from '../repositories/contact-repository.ts';
import { claimEarlyReceipts, lockMessage, lockProviderId, moveMessageStatus, type MessageRow } from '../repositories/message-repository.ts';
import type { NotificationService } from '../service.ts';
import { applyReceipt } from './apply-delivery-report.ts';
import { fallBack } from './fall-back.ts';
import { SEND_TASK, sendJobKey } from './queue-messages.ts';

export const CHECK_TASK = 'notifications.check_delivery';

export interface JobAttempt { attempts: number; maxAttempts: number }

export type DeliveryOutcome =
  | { kind: 'skipped'; status: string }
  | { kind: 'sent'; providerMessageId: string }
  | { kind: 'failed'; reason: string }
  | { kind: 'expired' }
  | { kind: 'rescheduled'; at: Date; reason: string }
  | { kind: 'retry'; reason: string };

/** Provider waits shorter than this become this: a zero wait must not turn into a busy loop. */
const MIN_RETRY_AFTER_MS = 250;

type Claim = { kind: 'send'; message: MessageRow; unsubscribeUrl: string | undefined } | { kind: 'done'; outcome: DeliveryOutcome };

async function claim(ctx: Ctx, messageId: string): Promise<Claim> {
  return ctx.db.transaction().execute(async (tx): Promise<Claim> => {
    const m = await lockMessage(tx, messageId);
    if (!m || !SENDABLE.includes(m.status)) return { kind: 'done', outcome: { kind: 'skipped', status: m?.status ?? 'missing' } };
    const now = ctx.now();
    if (now > new Date(m.expires_at)) {
      const r = await moveMessageStatus(tx, m, 'expired', now, { last_error: `not accepted by the ${m.channel} channel before ${new Date(m.expires_at).toISOString()}${m.last_error ? ` (last error: ${m.last_error})` : ''}` });
      if (r.moved) await fallBack(tx, ctx, r.row, `${m.channel} message expired unsent`);
      return { kind: 'done', outcome: { kind: 'expired' } };
    }
    // Consent is checked again at the moment of sending: a withdrawal after the event was recorded still counts.
    const consent = (await consentsInForce(tx, [m.party_id])).find((c) => c.channel === m.channel);
    if (!consent || consent.action !== 'given') {
      const reason = `consent for ${m.channel} withdrawn before sending`;
      const r = await moveMessageStatus(tx, m, 'failed_permanent', now, { last_error: reason });
      if (r.moved) await fallBack(tx, ctx, r.row, reason);
      return { kind: 'done', outcome: { kind: 'failed', reason } };
    }
    let unsubscribeUrl: string | undefined;
    if (m.channel === 'email' && m.level === 'notifiable') {
      const prefs = await ensurePreferences(tx, m.party_id);
      unsubscribeUrl = `${ctx.config.publicUrl}/api/v1/notifications/unsubscribe/${prefs.unsubscribe_token}`;
    }
    const r = await moveMessageStatus(tx, m, 'sending', now);
    if (!r.moved) return { kind: 'done', outcome: { kind: 'skipped', status: m.status } };
    return { kind: 'send', message: r.row, unsubscribeUrl };
  });
}

/** Writing the outcome is retried briefly: losing it after a successful send is the one way to a duplicate. */
async function persist<T>(work: () => Promise<T>): Promise<T> {
  const waits = [200, 1000, 3000];
  for (let i = 0; ; i++) {
    try {
      return await work();
    } catch (error) {
      if (i >= waits.length) throw error;
      await new Promise((resolve) => setTimeout(resolve, waits[i]));
    }
  }
}

async function recordSent(tx: Tx, ctx: Ctx, m: MessageRow, result: Extract<SendResult, { kind: 'sent' }>): Promise<void> {
  const now = ctx.now();
  // Same lock as a receipt for this id takes: either the receipt sees the id, or we see the receipt.
  await lockProviderId(tx, m.channel, result.providerMessageId);
  const r = await moveMessageStatus(tx, m.id, 'sent', now, { provider_message_id: result.providerMessageId, ...(result.parts ? { sms_parts: result.parts } : {}) });
  if (!r.moved) return;
  for (const early of await claimEarlyReceipts(tx, m.channel, result.providerMessageId, m.id)) {
    await applyReceipt(tx, ctx, m.id, early.status, early.detail, new Date(early.reported_at));
  }
  // E-mail has no positive receipt, so "not delivered in time" means nothing there.
  if (m.next_channels.length && m.channel !== 'email') {
    await enqueueJob(tx, CHECK_TASK, { messageId: m.id }, { runAt: new Date(now.getTime() + ctx.config.notifyFallbackSeconds * 1000), jobKey: `notify-check:${m.id}` });
  }
}

export async function deliverMessage(ctx: Ctx, service: NotificationService | null, messageId: string, job: JobAttempt): Promise<DeliveryOutcome> {
  const c = await claim(ctx, messageId);
  if (c.kind === 'done') return c.outcome;
  const m = c.message;
  const channel = service?.channels.get(m.channel);
  let result: SendResult;
  if (!channel) {
    result = { kind: 'retryable', reason: `the ${m.channel} channel is not running in this process` };
  } else {
    const out: OutboundMessage = { messageId: m.id, to: m.recipient, text: m.body, locale: m.locale };
    if (m.channel === 'email') {
      out.subject = m.subject ?? '';
      out.html = textToHtml(m.body, m.locale);
      if (c.unsubscribeUrl) out.listUnsubscribeUrl = c.unsubscribeUrl;
    }
    result = await channel.send(out);
  }

  return persist(() => ctx.db.transaction().execute(async (tx): Promise<DeliveryOutcome> => {
    const now = ctx.now();
    if (result.kind === 'sent') {
      await recordSent(tx, ctx, m, result);
      return { kind: 'sent', providerMessageId: result.providerMessageId };
    }
    if (result.kind === 'permanent' || job.attempts >= job.maxAttempts) {
      const reason = result.kind === 'permanent' ? result.reason : `gave up after ${job.attempts} attempts: ${result.reason}`;
      const r = await moveMessageStatus(tx, m.id, 'failed_permanent', now, { last_error: reason });
      if (r.moved) await fallBack(tx, ctx, r.row, `${m.channel} failed: ${reason}`);
      return { kind: 'failed', reason };
    }
    await moveMessageStatus(tx, m.id, 'failed_temporary', now, { last_error: result.reason });
    if (result.retryAfterMs !== undefined) {
      const at = new Date(now.getTime() + Math.max(MIN_RETRY_AFTER_MS, result.retryAfterMs));
      // Same job key: this (running) job is detached from the key and a fresh one waits for `at`.
      await enqueueJob(tx, SEND_TASK, { messageId: m.id }, { runAt: at, jobKey: sendJobKey(m.id), maxAttempts: ctx.config.notifyMaxAttempts });
      return { kind: 'rescheduled', at, reason: result.reason };
    }
    return { kind: 'retry', reason: result.reason };
  }));
}

/** The check job: still only 'sent' (no delivery report) after the configured time, so the next channel is tried too. */
export async function checkDelivery(ctx: Ctx, messageId: string): Promise<string | null> {
  return ctx.db.transaction().execute(async (tx) => {
    const m = await lockMessage(tx, messageId);
    if (!m || m.status !== 'sent') return null;
    return fallBack(tx, ctx, m, `${m.channel} not reported delivered within ${ctx.config.notifyFallbackSeconds} s`);
  });
}
