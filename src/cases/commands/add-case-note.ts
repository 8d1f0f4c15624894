/** Adds a note to a case: internal for colleagues, or public for the citizen. */
import type { Actor } from '../../kernel/types.ts';
import { forbidden, notFound } from '../../kernel/lib/errors.ts';
import { caseReadScope, canActOnCase } from '../policy.ts';
import { lockVisibleCase } from '../repositories/case-repository.ts';
import type { Ctx } from '../../kernel/context.ts';
import { recordCaseEvent } from './record-case-event.ts';

export async function addCaseNote(ctx: Ctx, actor: Actor, input: { caseId: string; text: string; visibility: 'public' | 'internal' }) {
  return ctx.db.transaction().execute(async (tx) => {
    const c = await lockVisibleCase(tx, caseReadScope(actor), input.caseId);
    if (!c) throw notFound();
    if (!canActOnCase(actor, 'note')) throw forbidden();
    return recordCaseEvent(tx, ctx, c, actor, { type: 'case.note_added', note: input.text, visibility: input.visibility });
  });
}
