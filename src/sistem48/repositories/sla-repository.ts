/** SQL for SLA escalations, their recipients, and the jobs that fire them. */
import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../db/database.ts';

/** Records that a threshold fired; false when it had already fired (a retried job). */
export async function insertEscalation(tx: Tx, e: { caseId: string; level: 'warning' | 'breach'; dueAt: Date; unitId: string | null; recipientIds: string[]; firedAt: Date }) {
  const row = await tx.insertInto('sla_escalations').values({
    case_id: e.caseId, level: e.level, due_at: e.dueAt, unit_id: e.unitId, recipient_ids: e.recipientIds, fired_at: e.firedAt,
  }).onConflict((oc) => oc.columns(['case_id', 'level']).doNothing()).returning('id').executeTakeFirst();
  return row !== undefined;
}

export async function escalationsOf(db: DbOrTx, caseId: string) {
  return db.selectFrom('sla_escalations').selectAll().where('case_id', '=', caseId).orderBy('fired_at').execute();
}

export async function unitHead(db: DbOrTx, unitId: string) {
  return db.selectFrom('org_units').leftJoin('users', 'users.id', 'org_units.head_user_id')
    .select(['org_units.id', 'org_units.name', 'org_units.head_user_id', 'users.display_name as head_name']).where('org_units.id', '=', unitId).executeTakeFirst();
}

export async function leadershipIds(db: DbOrTx): Promise<string[]> {
  return (await db.selectFrom('users').select('id').where('role', '=', 'leadership').where('active', '=', true).execute()).map((r) => r.id);
}

/** Cancels pending jobs by key (graphile-worker), in the caller's transaction, in one statement. */
export async function removeJobs(db: DbOrTx, keys: string[]) {
  if (keys.length) await sql`select graphile_worker.remove_job(k) from unnest(${keys}::text[]) as k`.execute(db);
}
