/** SQL for problem categories. */
import type { DbOrTx } from '../../kernel/db/database.ts';
import type { LocalisedText } from '../../kernel/types.ts';

export interface CategoryRow {
  id: number;
  code: string;
  case_type_id: number;
  name: Record<string, string>;
  description: Record<string, string>;
  icon: string;
  group_code: string | null;
  keywords: string[];
  fields: unknown[];
  sla_hours: number;
  sla_clock: 'calendar' | 'working';
  warn_percent: number;
  resolution_days: number | null;
  sort_order: number;
  active: boolean;
  created_at: Date;
  updated_at: Date;
  review_required: boolean;
  fix_question_days: number | null;
}

export async function listCategories(db: DbOrTx, activeOnly: boolean): Promise<CategoryRow[]> {
  let q = db.selectFrom('problem_categories').selectAll();
  if (activeOnly) q = q.where('active', '=', true);
  return q.orderBy('sort_order').orderBy('code').execute();
}

export async function findCategory(db: DbOrTx, where: { id: number } | { code: string }): Promise<CategoryRow | undefined> {
  const q = db.selectFrom('problem_categories').selectAll();
  return ('id' in where ? q.where('id', '=', where.id) : q.where('code', '=', where.code)).executeTakeFirst();
}

export interface CategoryValues {
  code: string;
  case_type_id: number;
  name: LocalisedText;
  description: LocalisedText;
  icon: string;
  group_code: string | null;
  keywords: string[];
  fields: unknown[];
  sla_hours: number;
  sla_clock: 'calendar' | 'working';
  warn_percent: number;
  resolution_days: number | null;
  sort_order: number;
  active: boolean;
  review_required?: boolean;
  fix_question_days?: number | null;
}

const json = (v: Partial<CategoryValues>) => ({
  ...v,
  ...(v.name ? { name: JSON.stringify(v.name) } : {}),
  ...(v.description ? { description: JSON.stringify(v.description) } : {}),
  ...(v.fields ? { fields: JSON.stringify(v.fields) } : {}),
});

export async function insertCategory(db: DbOrTx, v: CategoryValues): Promise<CategoryRow> {
  return db
    .insertInto('problem_categories')
    .values(json(v) as CategoryValues & { name: string; description: string; fields: string })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateCategory(db: DbOrTx, id: number, patch: Partial<CategoryValues>, now: Date): Promise<CategoryRow | undefined> {
  return db
    .updateTable('problem_categories')
    .set({ ...json(patch), updated_at: now } as Record<string, unknown>)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}
