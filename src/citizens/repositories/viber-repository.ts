/** SQL for the Viber chatbot: link tokens and what the bot remembers of each Viber user. */
import type { DbOrTx, Tx } from '../../kernel/db/database.ts';

export async function insertLinkToken(tx: DbOrTx, t: { tokenHash: string; partyId: string; createdBy: string | null; createdAt: Date; expiresAt: Date }) {
  await tx
    .insertInto('viber_link_tokens')
    .values({ token_hash: t.tokenHash, party_id: t.partyId, created_by: t.createdBy, created_at: t.createdAt, expires_at: t.expiresAt })
    .execute();
}

export async function lockLinkToken(tx: Tx, tokenHash: string) {
  return tx.selectFrom('viber_link_tokens').selectAll().where('token_hash', '=', tokenHash).forUpdate().executeTakeFirst();
}

export async function useLinkToken(tx: Tx, tokenHash: string, viberUserId: string, at: Date) {
  await tx.updateTable('viber_link_tokens').set({ used_at: at, used_by: viberUserId }).where('token_hash', '=', tokenHash).execute();
}

export async function touchBotUser(db: DbOrTx, viberUserId: string, at: Date, locale: string | null) {
  await db
    .insertInto('viber_bot_users')
    .values({ viber_user_id: viberUserId, locale, first_seen_at: at, last_seen_at: at })
    .onConflict((oc) =>
      oc.column('viber_user_id').doUpdateSet((eb) => ({
        last_seen_at: at,
        locale: eb.fn.coalesce(eb.val(locale), eb.ref('viber_bot_users.locale')),
      })),
    )
    .execute();
}

export async function findBotUser(db: DbOrTx, viberUserId: string) {
  return db.selectFrom('viber_bot_users').selectAll().where('viber_user_id', '=', viberUserId).executeTakeFirst();
}

export async function setPendingPhone(db: DbOrTx, viberUserId: string, phone: string | null, until: Date | null) {
  await db.updateTable('viber_bot_users').set({ pending_phone: phone, pending_until: until }).where('viber_user_id', '=', viberUserId).execute();
}

/** Keeps a report the user wrote until they confirm it (or drops it: null). */
export async function setPendingReport(db: DbOrTx, viberUserId: string, text: string | null, until: Date | null) {
  await db.updateTable('viber_bot_users').set({ pending_report: text, pending_report_until: until }).where('viber_user_id', '=', viberUserId).execute();
}

/**
 * Takes the report waiting for confirmation, if it is still in time, and clears it in the same statement: a second
 * tap on "File the report" (or Viber's retry of the first) finds nothing, so a report is filed once.
 */
export async function takePendingReport(db: DbOrTx, viberUserId: string, now: Date): Promise<string | null> {
  const row = await db
    .with('taken', (qb) =>
      qb
        .selectFrom('viber_bot_users')
        .select(['viber_user_id', 'pending_report', 'pending_report_until'])
        .where('viber_user_id', '=', viberUserId)
        .where('pending_report', 'is not', null)
        .forUpdate(),
    )
    .updateTable('viber_bot_users')
    .from('taken')
    .set({ pending_report: null, pending_report_until: null })
    .whereRef('viber_bot_users.viber_user_id', '=', 'taken.viber_user_id')
    .returning(['taken.pending_report as text', 'taken.pending_report_until as until'])
    .executeTakeFirst();
  return row?.text && row.until && new Date(row.until) > now ? row.text : null;
}

/** Unlinks a Viber user from whichever party had it (one Viber user is one person). */
export async function unlinkViberUser(tx: Tx, viberUserId: string, at: Date) {
  return tx
    .updateTable('party_notification_preferences')
    .set({ viber_user_id: null, updated_at: at })
    .where('viber_user_id', '=', viberUserId)
    .returning(['party_id'])
    .execute();
}

/** Forgets the phone numbers and report texts chatbot users left unconfirmed, once their time is long over. */
export async function clearPendingExpiredBefore(db: DbOrTx, before: Date): Promise<number> {
  const phones = await db
    .updateTable('viber_bot_users')
    .set({ pending_phone: null, pending_until: null })
    .where('pending_until', '<', before)
    .executeTakeFirst();
  const reports = await db
    .updateTable('viber_bot_users')
    .set({ pending_report: null, pending_report_until: null })
    .where('pending_report_until', '<', before)
    .executeTakeFirst();
  return Number(phones.numUpdatedRows) + Number(reports.numUpdatedRows);
}

export async function deleteLinkTokensExpiredBefore(db: DbOrTx, before: Date): Promise<number> {
  const r = await db.deleteFrom('viber_link_tokens').where('expires_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
