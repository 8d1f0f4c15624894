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
  userAgent?: string | null;
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
      user_agent: a.userAgent ?? null,
    })
    .execute();
}

/** What the audit-log viewer filters by: who, what, when, and which record (a case, a user, a unit…). */
export interface AuditFilter {
  actorId?: string;
  action?: string;
  entity?: string;
  entityId?: string;
  from?: Date;
  to?: Date;
}

/** Newest first, paged by id (`beforeId` is the last id of the previous page), so pages stay stable while rows are added. */
export async function listAudit(db: DbOrTx, f: AuditFilter & { limit: number; beforeId?: string }) {
  let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(f.limit);
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  if (f.beforeId) q = q.where('id', '<', f.beforeId);
  return q.execute();
}

/** The distinct actions and entities in the trail, for the viewer's filter lists. */
export async function auditVocabulary(db: DbOrTx) {
  const [actions, entities] = await Promise.all([
    db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute(),
    db.selectFrom('audit_log').select('entity').distinct().orderBy('entity').execute(),
  ]);
  return { actions: actions.map((r) => r.action), entities: entities.map((r) => r.entity) };
}
