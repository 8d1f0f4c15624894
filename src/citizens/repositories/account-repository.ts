/** SQL for citizen accounts (users with role 'citizen') and the parties and cases they belong to. */
import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../kernel/db/database.ts';

const accountColumns = [
  'id',
  'display_name',
  'party_id',
  'phone',
  'email',
  'locale',
  'password_hash',
  'active',
  'phone_verified_at',
  'email_verified_at',
  'created_at',
  'last_login_at',
] as const;

export type AccountRow = Awaited<ReturnType<typeof findAccountById>> & {};

export async function findAccountById(db: DbOrTx, id: string) {
  return db.selectFrom('users').select(accountColumns).where('id', '=', id).where('role', '=', 'citizen').executeTakeFirst();
}

export async function findAccountByPhone(db: DbOrTx, phone: string) {
  return db.selectFrom('users').select(accountColumns).where('role', '=', 'citizen').where('phone', '=', phone).executeTakeFirst();
}

export async function findAccountByEmail(db: DbOrTx, email: string) {
  return db.selectFrom('users').select(accountColumns).where('role', '=', 'citizen').where('email', '=', email).executeTakeFirst();
}

/** Creates the account unless one for the same phone or e-mail appeared meanwhile (then undefined, and the caller reads that one). */
export async function insertAccount(tx: Tx, a: { displayName: string; partyId: string; phone: string | null; email: string | null; locale: string | null }) {
  const row = await sql<{ id: string }>`
    insert into users (username, display_name, password_hash, role, unit_id, party_id, phone, email, locale)
    values (null, ${a.displayName}, null, 'citizen', null, ${a.partyId}, ${a.phone}, ${a.email}, ${a.locale})
    on conflict do nothing returning id`.execute(tx);
  return row.rows[0]?.id;
}

export async function markVerified(tx: Tx, id: string, what: 'phone' | 'email', at: Date) {
  await tx
    .updateTable('users')
    .set(what === 'phone' ? { phone_verified_at: at } : { email_verified_at: at })
    .where('id', '=', id)
    .execute();
}

export async function setPasswordHash(tx: Tx, id: string, hash: string) {
  await tx.updateTable('users').set({ password_hash: hash }).where('id', '=', id).execute();
}

/** The parties of a case who can be told about it: people and companies with their contacts. */
export async function caseContacts(db: DbOrTx, caseId: string) {
  return db
    .selectFrom('case_parties')
    .innerJoin('parties', 'parties.id', 'case_parties.party_id')
    .select(['parties.id', 'parties.kind', 'parties.name', 'parties.phone', 'parties.email', 'parties.locale', 'case_parties.role'])
    .where('case_parties.case_id', '=', caseId)
    .execute();
}

/** Parties with this mobile number, newest first. */
export async function partiesWithPhone(db: DbOrTx, phone: string) {
  return db.selectFrom('parties').select(['id', 'name', 'locale']).where('phone', '=', phone).orderBy('created_at', 'desc').limit(50).execute();
}

export async function partiesWithEmail(db: DbOrTx, email: string) {
  return db.selectFrom('parties').select(['id', 'name', 'locale']).where('email', '=', email).orderBy('created_at', 'desc').limit(50).execute();
}

/** The case with this number if one of the given parties is a party of it (the only way a sender learns anything about a case). */
export async function caseOfParties(db: DbOrTx, number: string, partyIds: readonly string[]) {
  if (!partyIds.length) return undefined;
  return caseFacts(db)
    .where('cases.number', '=', number)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('case_parties')
          .select('case_parties.case_id')
          .whereRef('case_parties.case_id', '=', 'cases.id')
          .where('case_parties.party_id', 'in', partyIds),
      ),
    )
    .executeTakeFirst();
}

/** The case with this tracking code: whoever holds the code may follow the case (as on the public tracking page). */
export async function caseWithTrackingCode(db: DbOrTx, code: string) {
  if (!code) return undefined;
  return caseFacts(db).where('cases.tracking_code', '=', code).executeTakeFirst();
}

function caseFacts(db: DbOrTx) {
  return db
    .selectFrom('cases')
    .leftJoin('org_units as unit', 'unit.id', 'cases.unit_id')
    .leftJoin('users as clerk', 'clerk.id', 'cases.clerk_id')
    .leftJoin('org_units as awaiting', 'awaiting.id', 'cases.awaiting_unit_id')
    .select([
      'cases.id',
      'cases.number',
      'cases.status',
      'cases.due_at',
      'cases.closed_at',
      'cases.registered_at',
      'unit.name as unit_name',
      'clerk.display_name as clerk_name',
      'awaiting.name as awaiting_name',
    ]);
}

/** The newest open case of these parties that waits for the citizen (its answer clock paused): what a reply without a number is about. */
export async function waitingCaseOfParties(db: DbOrTx, partyIds: readonly string[]) {
  if (!partyIds.length) return undefined;
  return db
    .selectFrom('cases')
    .select(['cases.id', 'cases.number'])
    .where('cases.paused_at', 'is not', null)
    .where('cases.is_open', '=', true)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('case_parties')
          .select('case_parties.case_id')
          .whereRef('case_parties.case_id', '=', 'cases.id')
          .where('case_parties.party_id', 'in', partyIds),
      ),
    )
    .orderBy('cases.paused_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The account's sign-in phone or e-mail, once the citizen has proven the new one. */
export async function setAccountContact(tx: Tx, id: string, field: 'phone' | 'email', value: string) {
  await tx
    .updateTable('users')
    .set(field === 'phone' ? { phone: value } : { email: value })
    .where('id', '=', id)
    .execute();
}
