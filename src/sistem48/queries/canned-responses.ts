/**
 * Canned responses as staff read them: every unit's and the municipality's (they hold no personal data, and a
 * dispatcher answers for several units), each marked with whether this reader may change it.
 */
import type { Actor } from '../../kernel/types.ts';
import { forbidden } from '../../kernel/lib/errors.ts';
import { canManageCannedResponses } from '../policy.ts';
import { listCannedResponses } from '../repositories/canned-response-repository.ts';
import type { Ctx } from '../../kernel/context.ts';

export async function getCannedResponses(ctx: Ctx, actor: Actor, f: { activeOnly?: boolean } = {}) {
  if (actor.kind !== 'staff' && actor.kind !== 'system') throw forbidden();
  const rows = await listCannedResponses(ctx.db, { ...(f.activeOnly ? { activeOnly: true } : {}) });
  return rows.map((r) => ({ ...r, editable: canManageCannedResponses(actor, r.unit_id) }));
}
