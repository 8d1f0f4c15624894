/** Sets the classification code of a case (the filing plan's code). */
import type { Actor } from '../../kernel/types.ts';
import { forbidden, notFound } from '../../kernel/lib/errors.ts';
import { caseReadScope, canActOnCase } from '../policy.ts';
import { lockVisibleCase, updateCase } from '../repositories/case-repository.ts';
import type { Ctx } from '../../kernel/context.ts';
import { recordCaseEvent } from './record-case-event.ts';

export async function classifyCase(ctx: Ctx, actor: Actor, input: { caseId: string; code: string }) {
  return ctx.db.transaction().execute(async (tx) => {
    const c = await lockVisibleCase(tx, caseReadScope(actor), input.caseId);
    if (!c) throw notFound();
    if (!canActOnCase(actor, 'classify')) throw forbidden();
    await updateCase(tx, c.id, { classification_code: input.code });
    return recordCaseEvent(tx, ctx, c, actor, { type: 'case.classified', data: { from: c.classification_code, code: input.code } });
  });
}
