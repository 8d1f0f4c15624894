/** SQL for SLA escalations, their recipients, and the jobs that fire them. */
import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../kernel/db/database.ts';

/** Records that a threshold fired; false when it had already fired (a retried job). */
export async function insertEscalation(
  tx: Tx,
  e: { caseId: string; level: 'warning' | 'breach'; dueAt: Date; unitId: string | null; recipientIds: string[]; firedAt: Date },
) {
  const row = await tx
    .insertInto('sla_escalations')
    .values({
      case_id: e.caseId,
      level: e.level,
      due_at: e.dueAt,
      unit_id: e.unitId,
      recipient_ids: e.recipientIds,
      fired_at: e.firedAt,
    })
    .onConflict((oc) => oc.columns(['case_id', 'level']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function escalationsOf(db: DbOrTx, caseId: string) {
  return db.selectFrom('sla_escalations').selectAll().where('case_id', '=', caseId).orderBy('fired_at').execute();
}

export interface StaffContact {
  id: string;
  email: string | null;
  locale: string | null;
}
export interface UnitInChain {
  id: string;
  name: string;
  email: string | null;
  head: StaffContact | null;
}

/** The unit and the units above it, nearest first, each with its own mailbox and its active head. */
export async function unitAndAbove(db: DbOrTx, unitId: string): Promise<UnitInChain[]> {
  const unit = await db.selectFrom('org_units').select('path').where('id', '=', unitId).executeTakeFirst();
  if (!unit) return [];
  const ids = unit.path.split('/').filter(Boolean).reverse();
  const rows = await db
    .selectFrom('org_units')
    .leftJoin('users', (j) => j.onRef('users.id', '=', 'org_units.head_user_id').on('users.active', '=', true))
    .select(['org_units.id', 'org_units.name', 'org_units.email', 'users.id as head_id', 'users.email as head_email', 'users.locale as head_locale'])
    .where('org_units.id', 'in', ids)
    .execute();
  return ids.flatMap((id) => {
    const r = rows.find((x) => x.id === id);
    return r ? [{ id: r.id, name: r.name, email: r.email, head: r.head_id ? { id: r.head_id, email: r.head_email, locale: r.head_locale } : null }] : [];
  });
}

export async function leadership(db: DbOrTx): Promise<StaffContact[]> {
  return db.selectFrom('users').select(['id', 'email', 'locale']).where('role', '=', 'leadership').where('active', '=', true).orderBy('id').execute();
}

/** Cancels pending jobs by key (graphile-worker), in the caller's transaction, in one statement. */
export async function removeJobs(db: DbOrTx, keys: string[]) {
  if (keys.length) await sql`select graphile_worker.remove_job(k) from unnest(${keys}::text[]) as k`.execute(db);
}
