/**
 * Messages to a citizen that no case event causes: the activation link, one-time codes, and the
 * answers to their SMS, e-mails and Viber messages. Written in the caller's transaction and sent
 * by the 'citizens.send' job on the notification module's channels, like case notifications: a
 * message exists only if what caused it committed, and the job alone retries.
 */
import type { DbOrTx } from '../../db/database.ts';
import type { Ctx } from '../../commands/context.ts';
import { enqueueJob } from '../../jobs/registry.ts';
import { planSms } from '../../channels/sms-encoding.ts';
import { enabledChannels } from '../../notifications/service.ts';
import { insertCitizenMessage } from '../repositories/message-repository.ts';
import { citizensLog } from '../log.ts';

export const CITIZEN_SEND_TASK = 'citizens.send';
export const MAX_SEND_ATTEMPTS = 6;

export interface CitizenMessageInput {
  purpose: string; channel: 'sms' | 'email' | 'viber'; recipient: string; locale: string; body: string;
  subject?: string | null; partyId?: string | null; userId?: string | null; caseId?: string | null;
  /** The body with its secret (code, link) masked: what stays stored once the message has left. */
  redacted?: string | null;
  keyboard?: Record<string, unknown> | null;
  delayMs?: number;
  /** A code that expires is useless after it: the message is not sent later than this. */
  ttlMs?: number;
}

/** Queues the message; null when this installation does not send on that channel. */
export async function queueCitizenMessage(db: DbOrTx, ctx: Ctx, m: CitizenMessageInput): Promise<string | null> {
  if (!enabledChannels(ctx.config).has(m.channel)) {
    citizensLog(ctx.config)('warn', 'message not queued: channel not enabled', { purpose: m.purpose, channel: m.channel });
    return null;
  }
  const now = ctx.now();
  const notBefore = new Date(now.getTime() + (m.delayMs ?? 0));
  const body = m.channel === 'sms' ? planSms(m.body, ctx.config.smsTextPolicy).text : m.body;
  const row = await insertCitizenMessage(db, {
    purpose: m.purpose, channel: m.channel, recipient: m.recipient, partyId: m.partyId ?? null, userId: m.userId ?? null, caseId: m.caseId ?? null,
    locale: m.locale, subject: m.subject ?? null, body, redacted: m.redacted ?? null, keyboard: m.keyboard ?? null,
    createdAt: now, notBefore, expiresAt: new Date(notBefore.getTime() + (m.ttlMs ?? 24 * 3_600_000)),
  });
  await enqueueJob(db, CITIZEN_SEND_TASK, { messageId: row.id }, {
    jobKey: `citizen-msg:${row.id}`, maxAttempts: MAX_SEND_ATTEMPTS, ...(notBefore > now ? { runAt: notBefore } : {}),
  });
  return row.id;
}
