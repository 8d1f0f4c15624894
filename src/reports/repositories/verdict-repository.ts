/** SQL for what citizens said when asked "is it fixed?" (fix_questions), by the unit and category of the resolved report. */
import { sql } from 'kysely';
import type { DbOrTx } from '../../kernel/db/database.ts';

export interface VerdictRow {
  unitId: string | null;
  categoryId: number | null;
  asked: number;
  answered: number;
  fixed: number;
  notFixed: number;
  reopened: number;
  ratings: number;
  ratingSum: number;
}

/**
 * Per unit and category: questions asked in [from, to), and the answers given in it (fixed, not
 * fixed, how many of those reopened the report) with the ratings given with them.
 */
export async function verdictsBetween(db: DbOrTx, f: { from: Date; to: Date; unitIds: readonly string[] | null }): Promise<VerdictRow[]> {
  const units = f.unitIds ? sql`and unit_id = any(${[...f.unitIds]}::uuid[])` : sql``;
  const rows = await sql<{
    unit_id: string | null;
    category_id: number | null;
    asked: number;
    answered: number;
    fixed: number;
    not_fixed: number;
    reopened: number;
    ratings: number;
    rating_sum: number;
  }>`
    select unit_id, category_id,
      count(*) filter (where asked_at >= ${f.from} and asked_at < ${f.to})::int as asked,
      count(*) filter (where answered_at >= ${f.from} and answered_at < ${f.to})::int as answered,
      count(*) filter (where answered_at >= ${f.from} and answered_at < ${f.to} and answer = 'fixed')::int as fixed,
      count(*) filter (where answered_at >= ${f.from} and answered_at < ${f.to} and answer = 'not_fixed')::int as not_fixed,
      count(*) filter (where answered_at >= ${f.from} and answered_at < ${f.to} and answer = 'not_fixed' and reopened)::int as reopened,
      count(rating) filter (where answered_at >= ${f.from} and answered_at < ${f.to})::int as ratings,
      coalesce(sum(rating) filter (where answered_at >= ${f.from} and answered_at < ${f.to}), 0)::int as rating_sum
    from fix_questions
    where ((asked_at >= ${f.from} and asked_at < ${f.to}) or (answered_at >= ${f.from} and answered_at < ${f.to})) ${units}
    group by unit_id, category_id`.execute(db);
  return rows.rows.map((r) => ({
    unitId: r.unit_id,
    categoryId: r.category_id,
    asked: r.asked,
    answered: r.answered,
    fixed: r.fixed,
    notFixed: r.not_fixed,
    reopened: r.reopened,
    ratings: r.ratings,
    ratingSum: r.rating_sum,
  }));
}
