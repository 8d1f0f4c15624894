/** SQL for parties (citizens and legal entities) and their contact data. */
import type { DbOrTx, Tx } from '../../kernel/db/database.ts';
import { recordset } from '../../kernel/db/recordset.ts';

export interface PartyInput {
  kind: 'person' | 'legal_entity';
  name: string;
  idNumber?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  locale?: string | null;
}

export async function insertParty(tx: Tx, p: PartyInput, searchKey: string) {
  return tx
    .insertInto('parties')
    .values({
      kind: p.kind,
      name: p.name,
      id_number: p.idNumber ?? null,
      phone: p.phone ?? null,
      email: p.email ?? null,
      address: p.address ?? null,
      locale: p.locale ?? null,
      search_key: searchKey,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findParty(db: DbOrTx, id: string) {
  return db.selectFrom('parties').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPartiesByIds(db: DbOrTx, ids: string[]) {
  if (!ids.length) return [];
  return db.selectFrom('parties').selectAll().where('id', 'in', ids).execute();
}

/** Parties matching a name (script/diacritic-free key), phone or ID number. */
export async function searchParties(db: DbOrTx, q: { key?: string; phone?: string; idNumber?: string }, limit: number) {
  let query = db.selectFrom('parties').selectAll();
  query = query.where((eb) => {
    const ors = [];
    if (q.key) ors.push(eb('search_key', 'like', `%${q.key.replace(/[\\%_]/g, (c) => '\\' + c)}%`));
    if (q.phone) ors.push(eb('phone', '=', q.phone));
    if (q.idNumber) ors.push(eb('id_number', '=', q.idNumber));
    return ors.length ? eb.or(ors) : eb.val(false);
  });
  return query.orderBy('name').limit(limit).execute();
}

/** Inserts many parties in one statement, their ids chosen by the caller (an import's anonymous reporters). */
export async function insertParties(tx: Tx, parties: readonly { id: string; party: PartyInput; searchKey: string }[]): Promise<void> {
  if (!parties.length) return;
  const v = recordset(
    parties.map(({ id, party: p, searchKey }) => ({
      id,
      kind: p.kind,
      name: p.name,
      id_number: p.idNumber ?? null,
      phone: p.phone ?? null,
      email: p.email ?? null,
      address: p.address ?? null,
      locale: p.locale ?? null,
      search_key: searchKey,
    })),
    { id: 'uuid', kind: 'text', name: 'text', id_number: 'text', phone: 'text', email: 'text', address: 'text', locale: 'text', search_key: 'text' },
    'v',
  );
  await tx
    .insertInto('parties')
    .columns(['id', 'kind', 'name', 'id_number', 'phone', 'email', 'address', 'locale', 'search_key'])
    .expression(tx.selectFrom(v).selectAll('v'))
    .execute();
}
