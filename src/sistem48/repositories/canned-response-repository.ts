/** SQL for canned responses. */
import type { DbOrTx, Tx } from '../../kernel/db/database.ts';
import type { CaseStatus } from '../../kernel/types.ts';

export interface CannedResponseValues {
  unit_id: string | null;
  category_id: number | null;
  status: CaseStatus | null;
  title: Record<string, string>;
  body: Record<string, string>;
  active: boolean;
}

const COLUMNS = ['id', 'unit_id', 'category_id', 'status', 'title', 'body', 'active', 'updated_at'] as const;

export async function listCannedResponses(db: DbOrTx, f: { activeOnly?: boolean } = {}) {
  let q = db.selectFrom('canned_responses').select(COLUMNS).orderBy('unit_id', 'asc').orderBy('updated_at', 'desc');
  if (f.activeOnly) q = q.where('active', '=', true);
  return q.execute();
}

export async function findCannedResponse(db: DbOrTx, id: string) {
  return db.selectFrom('canned_responses').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function insertCannedResponse(tx: Tx, v: CannedResponseValues & { created_by: string | null }) {
  return tx
    .insertInto('canned_responses')
    .values({ ...v, title: JSON.stringify(v.title), body: JSON.stringify(v.body) })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
}

export async function updateCannedResponse(tx: Tx, id: string, v: CannedResponseValues, at: Date) {
  return tx
    .updateTable('canned_responses')
    .set({ ...v, title: JSON.stringify(v.title), body: JSON.stringify(v.body), updated_at: at })
    .where('id', '=', id)
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
}

export async function deleteCannedResponse(tx: Tx, id: string) {
  await tx.deleteFrom('canned_responses').where('id', '=', id).execute();
}
