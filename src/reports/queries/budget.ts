/** Reading budget lines: the administrator and leadership see all; a unit head sees their subtree. */
import type { Ctx } from '../../kernel/context.ts';
import type { Actor } from '../../kernel/types.ts';
import { forbidden } from '../../kernel/lib/errors.ts';
import { canManageBudget, canReadBudget } from '../policy.ts';
import { budgetLinesOf } from '../repositories/budget-repository.ts';
import { unitNames } from './lookups.ts';

export async function listBudgetLines(ctx: Ctx, actor: Actor, f: { unitId?: string; year?: number }) {
  const units = await unitNames(ctx.db);
  const visible = [...units.values()].filter((u) => (f.unitId ? u.id === f.unitId : true) && (canManageBudget(actor) || canReadBudget(actor, u.path)));
  if (!visible.length && !f.unitId && actor.kind === 'staff' && !['admin', 'leadership', 'unit_head'].includes(actor.role)) throw forbidden();
  const rows = await budgetLinesOf(ctx.db, { unitIds: visible.map((u) => u.id), year: f.year });
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unit_id,
    unitCode: units.get(r.unit_id)?.code ?? null,
    year: r.year,
    categoryId: r.category_id,
    costKind: r.cost_kind,
    amount: Number(r.amount),
    note: r.note,
    updatedAt: r.updated_at,
  }));
}
