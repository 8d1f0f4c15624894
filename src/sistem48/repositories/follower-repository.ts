/** SQL for the followers and supporters of public problem reports. */
import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../kernel/db/database.ts';

export interface FollowRequestRow {
  caseId: string;
  channel: 'sms' | 'email';
  address: string;
  locale: string;
  requested: { updates: boolean; support: boolean };
  codeHash: string;
  salt: string;
  createdAt: Date;
  codeExpiresAt: Date;
  stopToken: string;
}

/** A new code for a report and contact: the row is made, or its code (and what is asked) replaced; what was proven stays. */
export async function upsertFollowRequest(tx: Tx, r: FollowRequestRow) {
  await tx
    .insertInto('report_followers')
    .values({
      case_id: r.caseId,
      channel: r.channel,
      address: r.address,
      locale: r.locale,
      requested: JSON.stringify(r.requested),
      code_hash: r.codeHash,
      salt: r.salt,
      created_at: r.createdAt,
      code_expires_at: r.codeExpiresAt,
      stop_token: r.stopToken,
    })
    .onConflict((oc) =>
      oc.columns(['case_id', 'channel', 'address']).doUpdateSet({
        locale: r.locale,
        requested: JSON.stringify(r.requested),
        code_hash: r.codeHash,
        salt: r.salt,
        attempts: 0,
        code_expires_at: r.codeExpiresAt,
      }),
    )
    .execute();
}

export async function lockFollower(tx: Tx, caseId: string, channel: 'sms' | 'email', address: string) {
  return tx
    .selectFrom('report_followers')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('channel', '=', channel)
    .where('address', '=', address)
    .forUpdate()
    .executeTakeFirst();
}

export async function countFollowAttempt(db: DbOrTx, id: string) {
  await db
    .updateTable('report_followers')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** The code proved the contact: what was asked (updates, support) is added to what was there, and the code is spent. */
export async function confirmFollower(tx: Tx, id: string, f: { updates: boolean; support: boolean; at: Date; consentTextVersion: string }) {
  return tx
    .updateTable('report_followers')
    .set((eb) => ({
      verified_at: eb.fn.coalesce('verified_at', sql<Date>`${f.at}::timestamptz`),
      wants_updates: f.updates ? true : eb.ref('wants_updates'),
      supports: f.support ? true : eb.ref('supports'),
      stopped_at: f.updates ? null : eb.ref('stopped_at'),
      consent_text_version: f.updates ? f.consentTextVersion : eb.ref('consent_text_version'),
      consent_at: f.updates ? f.at : eb.ref('consent_at'),
      requested: JSON.stringify({}),
      code_expires_at: f.at,
    }))
    .where('id', '=', id)
    .returning(['wants_updates', 'supports', 'stopped_at'])
    .executeTakeFirstOrThrow();
}

export async function stopFollowing(tx: Tx, stopToken: string, at: Date) {
  return tx
    .updateTable('report_followers')
    .set({ stopped_at: at, wants_updates: false })
    .where('stop_token', '=', stopToken)
    .where('stopped_at', 'is', null)
    .returning(['case_id'])
    .executeTakeFirst();
}

/** The proven followers a report's public updates go to. */
export async function followersToTell(db: DbOrTx, caseId: string) {
  return db
    .selectFrom('report_followers')
    .select(['id', 'channel', 'address', 'locale', 'stop_token'])
    .where('case_id', '=', caseId)
    .where('verified_at', 'is not', null)
    .where('wants_updates', '=', true)
    .where('stopped_at', 'is', null)
    .orderBy('verified_at')
    .execute();
}

/** "Me too": proven contacts that support each report, one per contact. */
export async function supportCounts(db: DbOrTx, caseIds: readonly string[]): Promise<Map<string, number>> {
  if (!caseIds.length) return new Map();
  const rows = await db
    .selectFrom('report_followers')
    .select(['case_id', sql<number>`count(*)::int`.as('n')])
    .where('case_id', 'in', caseIds)
    .where('verified_at', 'is not', null)
    .where('supports', '=', true)
    .groupBy('case_id')
    .execute();
  return new Map(rows.map((r) => [r.case_id, r.n]));
}

/** A report's public number and page id, if the case is a problem report. */
export async function reportRefOf(db: DbOrTx, caseId: string) {
  return db
    .selectFrom('problem_reports')
    .innerJoin('cases', 'cases.id', 'problem_reports.case_id')
    .select(['cases.number', 'problem_reports.report_no'])
    .where('problem_reports.case_id', '=', caseId)
    .executeTakeFirst();
}
