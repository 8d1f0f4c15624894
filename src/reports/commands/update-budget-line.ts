/** The administrator changes the amount or note of a budget line; the audit trail keeps the old values. */
import type { Ctx } from '../../kernel/context.ts';
import { audit } from '../../kernel/audit.ts';
import type { Actor } from '../../kernel/types.ts';
import { forbidden, notFound } from '../../kernel/lib/errors.ts';
import { canManageBudget } from '../policy.ts';
import { findBudgetLine, updateBudgetLine } from '../repositories/budget-repository.ts';
import { checkAmount } from './create-budget-line.ts';

export async function changeBudgetLine(ctx: Ctx, actor: Actor, id: number, patch: { amount?: number; note?: string | null }) {
  if (!canManageBudget(actor)) throw forbidden();
  if (patch.amount !== undefined) checkAmount(patch.amount);
  return ctx.db.transaction().execute(async (tx) => {
    const before = await findBudgetLine(tx, id);
    if (!before) throw notFound();
    const after = (await updateBudgetLine(tx, id, patch, ctx.now()))!;
    await audit(tx, actor, 'update', 'budget_line', String(id), before, after);
    return after;
  });
}
