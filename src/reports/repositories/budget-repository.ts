/** SQL for budget lines. */
import type { DbOrTx } from '../../kernel/db/database.ts';

export type CostKind = 'total' | 'labour' | 'materials' | 'contractor';
export interface BudgetLineRow {
  id: number;
  unit_id: string;
  year: number;
  category_id: number | null;
  cost_kind: CostKind;
  amount: string;
  note: string | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export async function budgetLinesOf(db: DbOrTx, f: { unitIds: string[]; year?: number }): Promise<BudgetLineRow[]> {
  if (!f.unitIds.length) return [];
  let q = db.selectFrom('budget_lines').selectAll().where('unit_id', 'in', f.unitIds);
  if (f.year !== undefined) q = q.where('year', '=', f.year);
  return q.orderBy('year').orderBy('unit_id').orderBy('category_id').orderBy('cost_kind').execute();
}

export async function findBudgetLine(db: DbOrTx, id: number): Promise<BudgetLineRow | undefined> {
  return db.selectFrom('budget_lines').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The line with the same unit, year, category and kind, if one exists (they are unique). */
export async function findSameLine(
  db: DbOrTx,
  k: { unitId: string; year: number; categoryId: number | null; costKind: CostKind },
): Promise<BudgetLineRow | undefined> {
  let q = db.selectFrom('budget_lines').selectAll().where('unit_id', '=', k.unitId).where('year', '=', k.year).where('cost_kind', '=', k.costKind);
  q = k.categoryId === null ? q.where('category_id', 'is', null) : q.where('category_id', '=', k.categoryId);
  return q.executeTakeFirst();
}

export async function insertBudgetLine(
  db: DbOrTx,
  v: { unitId: string; year: number; categoryId: number | null; costKind: CostKind; amount: number; note: string | null; createdBy: string | null; now: Date },
): Promise<BudgetLineRow> {
  return db
    .insertInto('budget_lines')
    .values({
      unit_id: v.unitId,
      year: v.year,
      category_id: v.categoryId,
      cost_kind: v.costKind,
      amount: v.amount,
      note: v.note,
      created_by: v.createdBy,
      created_at: v.now,
      updated_at: v.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateBudgetLine(
  db: DbOrTx,
  id: number,
  patch: { amount?: number; note?: string | null },
  now: Date,
): Promise<BudgetLineRow | undefined> {
  return db
    .updateTable('budget_lines')
    .set({ ...patch, updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteBudgetLine(db: DbOrTx, id: number): Promise<boolean> {
  return (await db.deleteFrom('budget_lines').where('id', '=', id).executeTakeFirst()).numDeletedRows > 0n;
}
