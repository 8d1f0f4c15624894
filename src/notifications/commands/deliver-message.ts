/**
 * The delivery job for one message: claim → channel.send → record the outcome. The job alone owns
 * retries: a retryable failure with a provider-given wait (throttling, SMS centre down) is rescheduled
 * as a new job after that wait; without one the task throws and graphile-worker retries with its
 * exponential backoff; on the last attempt, or on a permanent failure, the message fails and the
 * next channel is tried.
 *
 * Claiming and recording 'sent' are batched across the concurrent jobs of a process (batcher.ts):
 * one round trip for many messages, no added delay when idle.
 *
 * When a message can go out twice: the claim commits 'sending' before channel.send, and the outcome
 * is written after it. If the process dies (or the database is unreachable for every retry of the
 * write) after the provider accepted the message (submit_sm_resp OK, SMTP 250 after DATA, Viber
 * status 0) but before 'sent' is committed, the message stays in 'sending'; the stuck-message replay
 * cannot tell whether it left and sends it again. That window is one provider round trip plus the
 * commit of the batch that records it, on the delivery pool (delivery-db.ts) so that it never waits
 * behind web requests. Everywhere else the guarded status change makes a second send
 * impossible: a duplicate job finds the message no longer 'queued' or 'failed_temporary' and does nothing.
 *
 * Multipart SMS: the parts the SMSC accepted are kept with the outcome of every attempt (sent or
 * not), and the next attempt gets them (acceptedParts) so it submits only the others, under the same
 * reference. Parts accepted while later ones are still to go are kept at once as well (group commit,
 * not awaited by the channel), so a crash mid-message resends only the parts whose keeping had not
 * yet committed, under the same reference.
 */
import type { Ctx } from '../../kernel/context.ts';
import type { AcceptedSmsPart, OutboundMessage, SendResult } from '../../channels/channel.ts';
import type { Tx } from '../../kernel/db/database.ts';
import { enqueueJob, enqueueJobs } from '../../kernel/jobs.ts';
import { SENDABLE } from '../domain/message-status.ts';
import { textToHtml } from '../domain/render.ts';
import { ensurePreferences } from '../repositories/contact-repository.ts';
import {
  claimEarlyReceipts,
  findMessagesWithConsent,
  insertSmsParts,
  lockMessage,
  lockProviderIds,
  moveMessageStatus,
  moveMessagesStatus,
  smsPartsOf,
  undeliveredMultipart,
  type MessageRow,
  type SmsPartRow,
} from '../repositories/message-repository.ts';
import { Batcher } from '../batcher.ts';
import { deliveryDb } from '../delivery-db.ts';
import type { NotificationService } from '../service.ts';
import { applyReceipt } from './apply-delivery-report.ts';
import { fallBack } from './fall-back.ts';
import { SEND_TASK, sendJobKey } from './queue-messages.ts';

export const CHECK_TASK = 'notifications.check_delivery';

export interface JobAttempt {
  attempts: number;
  maxAttempts: number;
}

export type DeliveryOutcome =
  | { kind: 'skipped'; status: string }
  | { kind: 'sent'; providerMessageId: string }
  | { kind: 'failed'; reason: string }
  | { kind: 'expired' }
  | { kind: 'rescheduled'; at: Date; reason: string }
  | { kind: 'retry'; reason: string };

/** Provider waits shorter than this become this: a zero wait must not turn into a busy loop. */
const MIN_RETRY_AFTER_MS = 250;

export type Claim =
  | { kind: 'send'; message: MessageRow; unsubscribeUrl: string | undefined; acceptedParts: AcceptedSmsPart[] }
  | { kind: 'done'; outcome: DeliveryOutcome };
type Sent = { message: MessageRow; result: Extract<SendResult, { kind: 'sent' }> };

/** Ends a message that may not be sent (expired, consent withdrawn) and tries the next channel, in one transaction. */
async function endUnsent(ctx: Ctx, id: string, to: 'expired' | 'failed_permanent', reason: string, fallbackReason: string): Promise<void> {
  await deliveryDb(ctx)
    .transaction()
    .execute(async (tx) => {
      const r = await moveMessageStatus(tx, id, to, ctx.now(), { last_error: reason });
      if (r.moved) await fallBack(tx, ctx, r.row, fallbackReason);
    });
}

/**
 * Claims messages for sending: two statements for the whole batch, no explicit transaction. The
 * guarded move to 'sending' is what makes a claim exclusive; the consent read just before it is
 * the consent in force at the moment of sending.
 */
export async function claimBatch(ctx: Ctx, ids: string[]): Promise<Claim[]> {
  const db = deliveryDb(ctx);
  const rows = new Map((await findMessagesWithConsent(db, ids)).map((r) => [r.id, r]));
  const now = ctx.now();
  const out: Claim[] = [];
  const wanted = new Map<string, number>(); // message id → its place in `out`
  for (const [i, id] of ids.entries()) {
    const m = rows.get(id);
    out.push({ kind: 'done', outcome: { kind: 'skipped', status: m?.status ?? 'missing' } });
    if (!m || !SENDABLE.includes(m.status) || wanted.has(id)) continue;
    if (now > new Date(m.expires_at)) {
      const reason = `not accepted by the ${m.channel} channel before ${new Date(m.expires_at).toISOString()}${m.last_error ? ` (last error: ${m.last_error})` : ''}`;
      await endUnsent(ctx, m.id, 'expired', reason, `${m.channel} message expired unsent`);
      out[i] = { kind: 'done', outcome: { kind: 'expired' } };
    } else if (m.consent_id !== null && m.consent_now !== 'given') {
      // A withdrawal after the event was recorded still counts. A direct message (code, link, reply,
      // staff e-mail) has no consent record: the citizen asked for it, or it goes to staff.
      const reason = `consent for ${m.channel} withdrawn before sending`;
      await endUnsent(ctx, m.id, 'failed_permanent', reason, reason);
      out[i] = { kind: 'done', outcome: { kind: 'failed', reason } };
    } else {
      wanted.set(id, i);
    }
  }
  // Whatever another job claimed in the meantime is not returned here and stays 'skipped'.
  const claimed = await moveMessagesStatus(
    db,
    'sending',
    [...wanted.keys()].map((id) => ({ id, at: now })),
  );
  // Parts of a multipart SMS accepted by an earlier attempt (one statement, usually finding none).
  const parts = await smsPartsOf(
    db,
    claimed.filter((m) => m.channel === 'sms' && m.attempts > 1).map((m) => m.id),
  );
  for (const m of claimed) {
    let unsubscribeUrl: string | undefined;
    const partyId = m.party_id;
    if (m.channel === 'email' && m.level === 'notifiable' && partyId) {
      const prefs = await db.transaction().execute((tx) => ensurePreferences(tx, partyId));
      unsubscribeUrl = `${ctx.config.publicUrl}/api/v1/notifications/unsubscribe/${prefs.unsubscribe_token}`;
    }
    out[wanted.get(m.id)!] = { kind: 'send', message: m, unsubscribeUrl, acceptedParts: parts.get(m.id) ?? [] };
  }
  return out;
}

const partRows = (messageId: string, parts: readonly AcceptedSmsPart[] | undefined): SmsPartRow[] => (parts ?? []).map((p) => ({ messageId, ...p }));

/**
 * Keeps the parts of multipart SMS accepted in an attempt, then applies the receipts that overtook
 * the recording (of these parts, and of the messages' own provider ids), oldest first. The parts go in
 * first: a receipt of part 1 must find that parts 2 and 3 exist and are not yet delivered. The caller
 * holds the provider-id locks (lockProviderIds) for all of these ids.
 */
async function keepPartsAndApplyEarlyReceipts(
  tx: Tx,
  ctx: Ctx,
  ids: readonly { messageId: string; providerMessageId: string; channel: MessageRow['channel'] }[],
  parts: readonly SmsPartRow[],
  now: Date,
): Promise<void> {
  await insertSmsParts(tx, parts, now);
  const early = await claimEarlyReceipts(tx, [
    ...ids,
    ...parts.map((p) => ({ channel: 'sms' as const, providerMessageId: p.providerMessageId, messageId: p.messageId })),
  ]);
  // With a fast SMS centre most receipts overtake the recording, so the common case (messages whose
  // early receipts all say delivered) is one statement for the batch, as applyDeliveryReports does;
  // a message with any other receipt gets all of its receipts one by one, oldest first.
  const mixed = new Set(early.filter((e) => e.status !== 'delivered').map((e) => e.message_id));
  // Each message once, at its oldest receipt: one by one, that is the receipt that finds every part delivered.
  const delivered = new Map<string, Date>();
  for (const e of early) if (!mixed.has(e.message_id) && !delivered.has(e.message_id)) delivered.set(e.message_id, new Date(e.reported_at));
  const waiting = await undeliveredMultipart(tx, [...delivered.keys()]);
  await moveMessagesStatus(
    tx,
    'delivered',
    [...delivered].filter(([id]) => !waiting.has(id)).map(([id, at]) => ({ id, at })),
  );
  for (const e of early) if (mixed.has(e.message_id)) await applyReceipt(tx, ctx, e.message_id, e.status, e.detail, new Date(e.reported_at));
}

/** Records accepted sends, applies receipts that overtook them, and schedules the not-delivered check. */
async function recordSentBatch(ctx: Ctx, items: Sent[]): Promise<void[]> {
  const now = ctx.now();
  await deliveryDb(ctx)
    .transaction()
    .execute(async (tx) => {
      const parts = items.flatMap((i) => partRows(i.message.id, i.result.newParts));
      // Same lock as a receipt for these ids takes: either the receipt sees the id, or we see the receipt.
      await lockProviderIds(tx, [
        ...items.map((i) => ({ channel: i.message.channel, providerMessageId: i.result.providerMessageId })),
        ...parts.map((p) => ({ channel: 'sms' as const, providerMessageId: p.providerMessageId })),
      ]);
      const moved = await moveMessagesStatus(
        tx,
        'sent',
        items.map((i) => ({
          id: i.message.id,
          at: now,
          provider_message_id: i.result.providerMessageId,
          ...(i.result.parts ? { sms_parts: i.result.parts } : {}),
        })),
      );
      await keepPartsAndApplyEarlyReceipts(
        tx,
        ctx,
        moved.map((m) => ({ channel: m.channel, providerMessageId: m.provider_message_id!, messageId: m.id })),
        parts,
        now,
      );
      // E-mail has no positive receipt, so "not delivered in time" means nothing there. One statement for the batch.
      const checkAt = new Date(now.getTime() + ctx.config.notifyFallbackSeconds * 1000);
      await enqueueJobs(
        tx,
        moved
          .filter((m) => m.next_channels.length && m.channel !== 'email')
          .map((m) => ({ task: CHECK_TASK, payload: { messageId: m.id }, options: { runAt: checkAt, jobKey: `notify-check:${m.id}` } })),
      );
    });
  return items.map(() => undefined);
}

/** Keeps parts accepted while the rest of their message is still being submitted (onPartAccepted). */
async function recordPartsBatch(ctx: Ctx, parts: SmsPartRow[]): Promise<void[]> {
  await deliveryDb(ctx)
    .transaction()
    .execute(async (tx) => {
      await lockProviderIds(
        tx,
        parts.map((p) => ({ channel: 'sms' as const, providerMessageId: p.providerMessageId })),
      );
      await keepPartsAndApplyEarlyReceipts(tx, ctx, [], parts, ctx.now());
    });
  return parts.map(() => undefined);
}

interface Pipelines {
  claims: Batcher<string, Claim>;
  sents: Batcher<Sent>;
  parts: Batcher<SmsPartRow>;
}
const pipelines = new WeakMap<object, Pipelines>();

/** Concurrent delivery jobs of one process share these, so claiming and recording cost one round trip per batch. */
function pipelinesFor(ctx: Ctx): Pipelines {
  let p = pipelines.get(deliveryDb(ctx));
  if (!p) {
    p = {
      claims: new Batcher((ids) => claimBatch(ctx, ids)),
      sents: new Batcher((items) => recordSentBatch(ctx, items)),
      parts: new Batcher((items) => recordPartsBatch(ctx, items)),
    };
    pipelines.set(deliveryDb(ctx), p);
  }
  return p;
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

export async function deliverMessage(ctx: Ctx, service: NotificationService | null, messageId: string, job: JobAttempt): Promise<DeliveryOutcome> {
  const c = await pipelinesFor(ctx).claims.add(messageId);
  if (c.kind === 'done') return c.outcome;
  return sendClaimed(ctx, service, c, job, false);
}

/** graphile-worker's own backoff (exp(min(10, attempts)) seconds), for a retry the batch sender schedules itself. */
const backoffMs = (attempts: number) => Math.round(Math.exp(Math.min(10, attempts)) * 1000);

/**
 * Sends one claimed message and records the outcome. `batched`: claimed by the batch sender, whose
 * message has no job of its own any more, so a retry without a provider wait is scheduled here as a
 * new job after graphile-worker's backoff instead of being left to the (removed) job's retry.
 * `answered` is called once the channel has answered (before the outcome is recorded): the batch
 * sender then hands the channel its next message while the recording waits for its group commit.
 */
export async function sendClaimed(
  ctx: Ctx,
  service: NotificationService | null,
  c: Extract<Claim, { kind: 'send' }>,
  job: JobAttempt,
  batched: boolean,
  answered?: () => void,
): Promise<DeliveryOutcome> {
  const p = pipelinesFor(ctx);
  const m = c.message;
  const channel = service?.channels.get(m.channel);
  let result: SendResult;
  if (!channel) {
    result = { kind: 'retryable', reason: `the ${m.channel} channel is not running in this process` };
  } else {
    const out: OutboundMessage = { messageId: m.id, to: m.recipient, text: m.body, locale: m.locale };
    if (c.acceptedParts.length) out.acceptedParts = c.acceptedParts;
    if (m.channel === 'sms') {
      // Kept at once, not only with the outcome: a crash mid-message then resends only the parts after it.
      // A failed write is not fatal: the outcome keeps every part again.
      out.onPartAccepted = (part) => {
        p.parts
          .add({ messageId: m.id, ...part })
          .catch((error: unknown) => service?.log('warn', 'keeping an accepted SMS part failed', { messageId: m.id, error: String(error) }));
      };
    }
    if (m.channel === 'viber' && m.keyboard) out.keyboard = m.keyboard;
    if (m.channel === 'email') {
      out.subject = m.subject ?? '';
      out.html = textToHtml(m.body, m.locale);
      if (c.unsubscribeUrl) out.listUnsubscribeUrl = c.unsubscribeUrl;
    }
    result = await channel.send(out);
  }
  answered?.();

  if (result.kind === 'sent') {
    const sent = result;
    await persist(() => p.sents.add({ message: m, result: sent }));
    return { kind: 'sent', providerMessageId: sent.providerMessageId };
  }
  const failure = result;
  return persist(() =>
    deliveryDb(ctx)
      .transaction()
      .execute(async (tx): Promise<DeliveryOutcome> => {
        const now = ctx.now();
        const parts = partRows(m.id, failure.newParts);
        await lockProviderIds(
          tx,
          parts.map((p) => ({ channel: 'sms' as const, providerMessageId: p.providerMessageId })),
        );
        const outcome = await recordFailure(tx, now);
        // After the status: a failed receipt of an accepted part then ends the message (and falls back).
        await keepPartsAndApplyEarlyReceipts(tx, ctx, [], parts, now);
        return outcome;
      }),
  );

  async function recordFailure(tx: Tx, now: Date): Promise<DeliveryOutcome> {
    // The message's own count of claims (it survives its job being replaced by a batch or a replay), or the job's, whichever is more.
    const attempts = Math.max(job.attempts, m.attempts);
    if (failure.kind === 'permanent' || attempts >= job.maxAttempts) {
      const reason = failure.kind === 'permanent' ? failure.reason : `gave up after ${attempts} attempts: ${failure.reason}`;
      const r = await moveMessageStatus(tx, m.id, 'failed_permanent', now, { last_error: reason });
      if (r.moved) await fallBack(tx, ctx, r.row, `${m.channel} failed: ${reason}`);
      return { kind: 'failed', reason };
    }
    await moveMessageStatus(tx, m.id, 'failed_temporary', now, { last_error: failure.reason });
    if (failure.retryAfterMs !== undefined || batched) {
      const wait = failure.retryAfterMs !== undefined ? Math.max(MIN_RETRY_AFTER_MS, failure.retryAfterMs) : backoffMs(attempts);
      const at = new Date(now.getTime() + wait);
      // Same job key: this (running) job is detached from the key and a fresh one waits for `at`. Without a
      // provider wait, the backoff stands in for graphile-worker's and counts, as its does, from the database's now().
      const when = failure.retryAfterMs !== undefined ? { runAt: at } : { runAfterMs: wait };
      await enqueueJob(tx, SEND_TASK, { messageId: m.id }, { ...when, jobKey: sendJobKey(m.id), maxAttempts: ctx.config.notifyMaxAttempts });
      return { kind: 'rescheduled', at, reason: failure.reason };
    }
    return { kind: 'retry', reason: failure.reason };
  }
}

/** The check job: still only 'sent' (no delivery report) after the configured time, so the next channel is tried too. */
export async function checkDelivery(ctx: Ctx, messageId: string): Promise<string | null> {
  return deliveryDb(ctx)
    .transaction()
    .execute(async (tx) => {
      const m = await lockMessage(tx, messageId);
      if (!m || m.status !== 'sent') return null;
      return fallBack(tx, ctx, m, `${m.channel} not reported delivered within ${ctx.config.notifyFallbackSeconds} s`);
    });
}
