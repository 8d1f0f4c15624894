/** SQL for mirroring an external registry: processed event ids, mirrored cases and mapped parties. */
import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../../kernel/db/database.ts';

/** Serialises everything posted about one external case, so its first two events cannot both create the mirror. */
export async function lockExternalCase(tx: Tx, system: string, externalCaseId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`external-case:${system}:${externalCaseId}`}, 0))`.execute(tx);
}

export async function findProcessedEvent(db: DbOrTx, system: string, eventId: string) {
  return db
    .selectFrom('external_registry_events')
    .selectAll()
    .where('external_system', '=', system)
    .where('external_event_id', '=', eventId)
    .executeTakeFirst();
}

/** Records an external event as processed; false when it was already (the caller then does nothing). */
export async function claimExternalEvent(tx: Tx, system: string, eventId: string, caseId: string): Promise<boolean> {
  const row = await tx
    .insertInto('external_registry_events')
    .values({ external_system: system, external_event_id: eventId, case_id: caseId })
    .onConflict((oc) => oc.columns(['external_system', 'external_event_id']).doNothing())
    .returning('case_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function setProcessedCaseEvent(tx: Tx, system: string, eventId: string, caseEventId: string): Promise<void> {
  await tx
    .updateTable('external_registry_events')
    .set({ case_event_id: caseEventId })
    .where('external_system', '=', system)
    .where('external_event_id', '=', eventId)
    .execute();
}

export async function findMirroredCase(tx: Tx, system: string, externalCaseId: string) {
  return tx
    .selectFrom('cases')
    .select(['id', 'last_event_seq', 'last_event_hash', 'status', 'closed_at'])
    .where('external_system', '=', system)
    .where('external_id', '=', externalCaseId)
    .forUpdate()
    .executeTakeFirst();
}

export async function findExternalParty(db: DbOrTx, system: string, externalPartyId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('external_parties')
    .select('party_id')
    .where('external_system', '=', system)
    .where('external_party_id', '=', externalPartyId)
    .executeTakeFirst();
  return row?.party_id;
}

export async function mapExternalParty(tx: Tx, system: string, externalPartyId: string, partyId: string): Promise<void> {
  await tx
    .insertInto('external_parties')
    .values({ external_system: system, external_party_id: externalPartyId, party_id: partyId })
    .onConflict((oc) => oc.columns(['external_system', 'external_party_id']).doNothing())
    .execute();
}

/** A party already on the case with the same name and phone or e-mail: the same person posted again without an external id. */
export async function findCasePartyByContact(tx: Tx, caseId: string, name: string, phone: string | null, email: string | null): Promise<string | undefined> {
  if (!phone && !email) return undefined;
  const row = await tx
    .selectFrom('case_parties')
    .innerJoin('parties', 'parties.id', 'case_parties.party_id')
    .select('parties.id')
    .where('case_parties.case_id', '=', caseId)
    .where('parties.name', '=', name)
    .where((eb) => eb.or([...(phone ? [eb('parties.phone', '=', phone)] : []), ...(email ? [eb('parties.email', '=', email)] : [])]))
    .executeTakeFirst();
  return row?.id;
}

/** The language (and script) a party's messages are written in, as the registry says. */
export async function setPartyLocale(tx: Tx, partyId: string, locale: string, at: Date): Promise<void> {
  await tx.updateTable('parties').set({ locale, updated_at: at }).where('id', '=', partyId).execute();
}
