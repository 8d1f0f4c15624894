import type { DbOrTx } from './db/database.ts';
import type { Actor } from './types.ts';
import { insertAudit } from './repositories/audit-repository.ts';
import { currentRequestClient } from './request-client.ts';

/**
 * Records who changed what (before and after) in the audit trail, in the caller's transaction; a change made
 * over HTTP also records the client's address and user agent (request-client.ts).
 */
export async function audit(db: DbOrTx, actor: Actor, action: string, entity: string, entityId: string | null, before?: unknown, after?: unknown) {
  const client = currentRequestClient();
  await insertAudit(db, {
    actorId: actor.kind === 'system' ? null : actor.userId,
    actorName: actor.name,
    action,
    entity,
    entityId,
    before,
    after,
    ip: client?.ip ?? null,
    userAgent: client?.userAgent ?? null,
  });
}
