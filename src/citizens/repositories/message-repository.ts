/** SQL for messages to citizens outside case events (activation, codes, replies). */
import type { DbOrTx, Tx } from '../../db/database.ts';

export interface NewCitizenMessage {
  purpose: string; channel: 'sms' | 'email' | 'viber'; recipient: string; partyId: string | null; userId: string | null; caseId: string | null;
  locale: string; subject: string | null; body: string; redacted: string | null; keyboard: Record<string, unknown> | null;
  createdAt: Date; notBefore: Date; expiresAt: Date;
}

export async function insertCitizenMessage(tx: DbOrTx, m: NewCitizenMessage) {
  return tx.insertInto('citizen_messages').values({
    purpose: m.purpose, channel: m.channel, recipient: m.recipient, party_id: m.partyId, user_id: m.userId, case_id: m.caseId, locale: m.locale,
    subject: m.subject, body: m.body, redacted: m.redacted, keyboard: m.keyboard ? JSON.stringify(m.keyboard) : null,
    created_at: m.createdAt, not_before: m.notBefore, expires_at: m.expiresAt,
  }).returning(['id']).executeTakeFirstOrThrow();
}

export async function lockCitizenMessage(tx: Tx, id: string) {
  return tx.selectFrom('citizen_messages').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The outcome of one send; a body carrying a secret is replaced by its redacted text once it has left. */
export async function recordOutcome(tx: Tx, id: string, o: { status: 'queued' | 'sent' | 'failed' | 'expired'; error?: string | null; providerMessageId?: string | null; at: Date }) {
  await tx.updateTable('citizen_messages').set((eb) => ({
    status: o.status, attempts: eb('attempts', '+', 1), last_error: o.error ?? null, provider_message_id: o.providerMessageId ?? null,
    ...(o.status === 'sent' ? { sent_at: o.at } : {}),
    ...(o.status !== 'queued' ? { body: eb.fn.coalesce('redacted', 'body'), redacted: null } : {}),
  })).where('id', '=', id).execute();
}

/** Our e-mail a citizen replies to, by the id in its Message-ID. */
export async function findSentEmail(db: DbOrTx, id: string) {
  return db.selectFrom('citizen_messages').select(['id', 'case_id', 'party_id', 'recipient']).where('id', '=', id).where('channel', '=', 'email').executeTakeFirst();
}

export async function findNotificationEmail(db: DbOrTx, id: string) {
  return db.selectFrom('notification_messages').select(['id', 'case_id', 'party_id', 'recipient']).where('id', '=', id).where('channel', '=', 'email').executeTakeFirst();
}

export async function findCitizenMessage(db: DbOrTx, id: string) {
  return db.selectFrom('citizen_messages').selectAll().where('id', '=', id).executeTakeFirst();
}
