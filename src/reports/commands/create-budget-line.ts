/** The administrator adds a budget line: a unit's amount for a year, in total or for one category, for all costs or one kind. */
import type { Ctx } from '../../kernel/context.ts';
import { audit } from '../../kernel/audit.ts';
import type { Actor } from '../../kernel/types.ts';
import { AppError, forbidden, invalidAs } from '../../kernel/lib/errors.ts';
import { findUnit } from '../../organisation/repositories/org-repository.ts';
import { categoryExists } from '../../sistem48/queries/category-exists.ts';
import type { Tx } from '../../kernel/db/database.ts';
import { canManageBudget } from '../policy.ts';
import { findSameLine, insertBudgetLine, type CostKind } from '../repositories/budget-repository.ts';

export const COST_KINDS: readonly CostKind[] = ['total', 'labour', 'materials', 'contractor'];

export interface BudgetLineInput {
  unitId: string;
  year: number;
  categoryId?: number | null;
  costKind?: CostKind;
  amount: number;
  note?: string | null;
}

export function checkAmount(amount: number) {
  if (!Number.isFinite(amount) || amount < 0 || amount > 1e12 || Math.round(amount * 100) !== amount * 100)
    throw invalidAs('detail.amount_not_negative', { field: 'amount' }, 'amount');
}

export async function checkLineRefs(tx: Tx, input: BudgetLineInput) {
  const unit = await findUnit(tx, input.unitId);
  if (!unit || unit.kind === 'external_institution') throw new AppError('unknown_unit');
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) throw invalidAs('detail.year_range', {}, 'year');
  if (input.categoryId != null && !(await categoryExists(tx, input.categoryId))) throw invalidAs('detail.unknown_category', {}, 'categoryId');
  if (input.costKind && !COST_KINDS.includes(input.costKind))
    throw invalidAs('detail.v_enum', { field: 'costKind', allowed: COST_KINDS.join(', ') }, 'costKind');
}

export async function createBudgetLine(ctx: Ctx, actor: Actor, input: BudgetLineInput) {
  if (!canManageBudget(actor)) throw forbidden();
  checkAmount(input.amount);
  return ctx.db.transaction().execute(async (tx) => {
    await checkLineRefs(tx, input);
    const key = { unitId: input.unitId, year: input.year, categoryId: input.categoryId ?? null, costKind: input.costKind ?? 'total' };
    if (await findSameLine(tx, key)) throw new AppError('conflict', {}, { reason: 'this unit already has a line for that year, category and kind of cost' });
    const row = await insertBudgetLine(tx, {
      ...key,
      amount: input.amount,
      note: input.note ?? null,
      createdBy: actor.kind === 'staff' ? actor.userId : null,
      now: ctx.now(),
    });
    await audit(tx, actor, 'create', 'budget_line', String(row.id), undefined, row);
    return row;
  });
}
