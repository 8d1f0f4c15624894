/** SQL for the catalogue of event types. */
import type { DbOrTx } from '../../kernel/db/database.ts';

export async function listEventTypes(db: DbOrTx) {
  return db.selectFrom('event_types').selectAll().orderBy('code').execute();
}

export async function upsertEventTypes(db: DbOrTx, rows: { code: string; default_visibility: 'public' | 'internal'; description: string }[]) {
  if (!rows.length) return;
  await db
    .insertInto('event_types')
    .values(rows)
    .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ description: eb.ref('excluded.description') })))
    .execute();
}
