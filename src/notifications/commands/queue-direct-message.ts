/**
 * The outbox writer for messages no case event causes: activation links, one-time codes and sign-in
 * links, the answers to citizens' SMS, e-mails and Viber messages, and staff escalation e-mails.
 * Written in the caller's transaction into the same table as case notifications and sent by the same
 * delivery job, so they share the guarded status, retries and backoff, the stuck-message replay and
 * matched delivery receipts: a message exists only if what caused it committed, and the job alone
 * retries.
 *
 * A direct message has no consent record (the citizen asked for it, or it goes to staff) and no
 * fallback channel. It is never sent after expires_at: the delivery job ends it 'expired' instead, so
 * a code that can no longer be used is never delivered late by a retry or a replay.
 */
import type { DbOrTx } from '../../kernel/db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { enqueueJob } from '../../kernel/jobs.ts';
import { planSms } from '../../channels/sms-encoding.ts';
import { insertDirectMessage } from '../repositories/message-repository.ts';
import { enabledChannels, moduleLogger } from '../service.ts';
import { SEND_TASK, sendJobOptions } from './queue-messages.ts';

export interface DirectMessageInput {
  /** What it is for ('activation', 'sign_in', 'sla_warning', ...); kept as the message's kind. */
  purpose: string;
  channel: 'sms' | 'email' | 'viber';
  recipient: string;
  locale: string;
  body: string;
  subject?: string | null;
  partyId?: string | null;
  userId?: string | null;
  /** The case it concerns, if any (a reply to it is filed on that case). */
  caseId?: string | null;
  /** The body with its secret (code, link) masked: what stays stored once the message has left. */
  redacted?: string | null;
  keyboard?: Record<string, unknown> | null;
  delayMs?: number;
  /** A code that expires is useless after it: the message is not sent later than this (default 24 h). */
  ttlMs?: number;
}

/** Queues the message; null when this installation does not send on that channel. */
export async function queueDirectMessage(db: DbOrTx, ctx: Ctx, m: DirectMessageInput): Promise<string | null> {
  if (!enabledChannels(ctx.config).has(m.channel)) {
    moduleLogger(ctx.config)('warn', 'message not queued: channel not enabled', { purpose: m.purpose, channel: m.channel });
    return null;
  }
  const now = ctx.now();
  const notBefore = new Date(now.getTime() + (m.delayMs ?? 0));
  const plan = m.channel === 'sms' ? planSms(m.body, ctx.config.smsTextPolicy) : null;
  const row = await insertDirectMessage(db, {
    kind: m.purpose,
    channel: m.channel,
    recipient: m.recipient,
    partyId: m.partyId ?? null,
    userId: m.userId ?? null,
    aboutCaseId: m.caseId ?? null,
    locale: m.locale,
    subject: m.subject ?? null,
    body: plan?.text ?? m.body,
    redacted: m.redacted ?? null,
    keyboard: m.keyboard ?? null,
    smsEncoding: plan?.encoding ?? null,
    smsParts: plan?.parts ?? null,
    createdAt: now,
    notBefore,
    expiresAt: new Date(notBefore.getTime() + (m.ttlMs ?? 24 * 3_600_000)),
  });
  await enqueueJob(db, SEND_TASK, { messageId: row.id }, sendJobOptions(ctx, row.id, notBefore, now));
  return row.id;
}
