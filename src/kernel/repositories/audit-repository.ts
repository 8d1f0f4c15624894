/** SQL for the audit trail of configuration and personal-data changes. */
import type { DbOrTx } from '../db/database.ts';

export interface AuditEntry {
  actorId: string | null;
  actorName: string;
  action: string;
  entity: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

export async function insertAudit(db: DbOrTx, a: AuditEntry) {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: a.actorId,
      actor_name: a.actorName,
      action: a.action,
      entity: a.entity,
      entity_id: a.entityId,
      before: a.before === undefined ? null : JSON.stringify(a.before),
      after: a.after === undefined ? null : JSON.stringify(a.after),
      ip: a.ip ?? null,
    })
    .execute();
}

export async function listAudit(db: DbOrTx, f: { entity?: string; entityId?: string; limit: number; beforeId?: string }) {
  let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(f.limit);
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.beforeId) q = q.where('id', '<', f.beforeId);
  return q.execute();
}
