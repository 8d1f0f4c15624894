/** The administrator removes a budget line; the audit trail keeps what it was. */
import type { Ctx } from '../../commands/context.ts';
import { audit } from '../../commands/audit.ts';
import type { Actor } from '../../domain/types.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
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
