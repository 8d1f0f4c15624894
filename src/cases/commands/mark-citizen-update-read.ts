/** A member of staff has read what the citizen wrote back: the case no longer shows an unread update in the queues. */
import type { Actor } from '../../kernel/types.ts';
import { forbidden, notFound } from '../../kernel/lib/errors.ts';
import { caseReadScope, canActOnCase } from '../policy.ts';
import { lockVisibleCase, updateCase } from '../repositories/case-repository.ts';
import type { Ctx } from '../../kernel/context.ts';

export async function markCitizenUpdateRead(ctx: Ctx, actor: Actor, caseId: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const c = await lockVisibleCase(tx, caseReadScope(actor), caseId);
    if (!c) throw notFound();
    if (!canActOnCase(actor, 'note')) throw forbidden();
    if (c.citizen_update_at) await updateCase(tx, c.id, { citizen_update_at: null });
  });
}
