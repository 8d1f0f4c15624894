/** SQL for a party's contacts, notification preferences and consent records. */
import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../kernel/db/database.ts';
import { randomToken } from '../../kernel/lib/secrets.ts';
import type { MessageChannel, Scope } from '../domain/recipients.ts';

export type ConsentMethod = 'counter_signed' | 'written_application' | 'portal' | 'viber_subscription' | 'viber_unsubscribed' | 'web_form' | 'phone_call';

export async function findPreferences(db: DbOrTx, partyId: string) {
  return db.selectFrom('party_notification_preferences').selectAll().where('party_id', '=', partyId).executeTakeFirst();
}

/** The preferences row of a party, created with defaults (and its unsubscribe token) when missing. */
export async function ensurePreferences(tx: Tx, partyId: string) {
  await tx
    .insertInto('party_notification_preferences')
    .values({ party_id: partyId, unsubscribe_token: randomToken(24) })
    .onConflict((oc) => oc.column('party_id').doNothing())
    .execute();
  return tx.selectFrom('party_notification_preferences').selectAll().where('party_id', '=', partyId).forUpdate().executeTakeFirstOrThrow();
}

export async function updatePreferences(
  tx: Tx,
  partyId: string,
  patch: Partial<{
    viber_user_id: string | null;
    channel_order: MessageChannel[];
    scope: Scope;
    locale: string | null;
    quiet_from: number | null;
    quiet_to: number | null;
  }>,
  at: Date,
) {
  return tx
    .updateTable('party_notification_preferences')
    .set({ ...patch, updated_at: at })
    .where('party_id', '=', partyId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findPreferencesByUnsubscribeToken(db: DbOrTx, token: string) {
  return db.selectFrom('party_notification_preferences').selectAll().where('unsubscribe_token', '=', token).executeTakeFirst();
}

export async function findPartyIdByViberUser(db: DbOrTx, viberUserId: string): Promise<string | undefined> {
  const row = await db.selectFrom('party_notification_preferences').select('party_id').where('viber_user_id', '=', viberUserId).executeTakeFirst();
  return row?.party_id;
}

export async function viberUserTaken(db: DbOrTx, viberUserId: string, exceptPartyId: string): Promise<boolean> {
  const row = await db
    .selectFrom('party_notification_preferences')
    .select('party_id')
    .where('viber_user_id', '=', viberUserId)
    .where('party_id', '<>', exceptPartyId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function lockParty(tx: Tx, partyId: string) {
  return tx.selectFrom('parties').select(['id', 'name', 'phone', 'email', 'locale']).where('id', '=', partyId).forUpdate().executeTakeFirst();
}

export async function updatePartyContacts(tx: Tx, partyId: string, patch: { phone?: string | null; email?: string | null }, at: Date) {
  await tx
    .updateTable('parties')
    .set({ ...patch, updated_at: at })
    .where('id', '=', partyId)
    .execute();
}

export interface NewConsentRecord {
  partyId: string;
  channel: MessageChannel;
  action: 'given' | 'withdrawn';
  method: ConsentMethod;
  address: string | null;
  textVersion: string | null;
  documentRef: string | null;
  recordedBy: string | null;
  recordedByName: string;
  at: Date;
}

export async function insertConsent(tx: Tx, c: NewConsentRecord) {
  return tx
    .insertInto('notification_consents')
    .values({
      party_id: c.partyId,
      channel: c.channel,
      action: c.action,
      method: c.method,
      address: c.address,
      text_version: c.textVersion,
      document_ref: c.documentRef,
      recorded_by: c.recordedBy,
      recorded_by_name: c.recordedByName,
      at: c.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The latest consent record per party and channel: the one in force. */
export async function consentsInForce(db: DbOrTx, partyIds: readonly string[]) {
  if (!partyIds.length) return [];
  return db
    .selectFrom('notification_consents')
    .select(['id', 'party_id', 'channel', 'action', 'method', 'address', 'text_version', 'recorded_by_name', 'at'])
    .distinctOn(['party_id', 'channel'])
    .where('party_id', 'in', partyIds)
    .orderBy('party_id')
    .orderBy('channel')
    .orderBy('id', 'desc')
    .execute();
}

export async function consentHistory(db: DbOrTx, partyId: string) {
  return db.selectFrom('notification_consents').selectAll().where('party_id', '=', partyId).orderBy('id', 'desc').execute();
}

/** Serialises consent changes of one party, so two clerks cannot both "give" on top of each other. */
export async function lockPartyConsents(tx: Tx, partyId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`consent:${partyId}`}, 0))`.execute(tx);
}

/** Every party with its contacts (the demo grants consent to all of them). */
export async function allPartyContacts(db: DbOrTx) {
  return db.selectFrom('parties').select(['id', 'name', 'phone', 'email']).orderBy('created_at').execute();
}

/** Demo only: people with a mobile number (and their Viber user, if linked), for the citizen's phone page. */
export async function demoCitizens(db: DbOrTx) {
  return db
    .selectFrom('parties')
    .leftJoin('party_notification_preferences as p', 'p.party_id', 'parties.id')
    .select(['parties.name', 'parties.phone', 'p.viber_user_id'])
    .where('parties.kind', '=', 'person')
    .where('parties.phone', 'is not', null)
    .orderBy('parties.name')
    .limit(200)
    .execute();
}
