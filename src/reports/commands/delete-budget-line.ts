/** The administrator removes a budget line; the audit trail keeps what it was. */
import type { Ctx } from '../../kernel/context.ts';
import { audit } from '../../kernel/audit.ts';
import type { Actor } from '../../kernel/types.ts';
import { forbidden, notFound } from '../../kernel/lib/errors.ts';
import { canManageBudget } from '../policy.ts';
import { deleteBudgetLine, findBudgetLine } from '../repositories/budget-repository.ts';

export async function removeBudgetLine(ctx: Ctx, actor: Actor, id: number) {
  if (!canManageBudget(actor)) throw forbidden();
  return ctx.db.transaction().execute(async (tx) => {
    const before = await findBudgetLine(tx, id);
    if (!before) throw notFound();
    await deleteBudgetLine(tx, id);
    await audit(tx, actor, 'delete', 'budget_line', String(id), before, undefined);
    return { id, deleted: true };
  });
}
