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
 * Per unit and category: the questions asked in [from, to) (one per person asked), and the verdicts
 * given in it (fixed, not fixed, how many of those reopened the report) with their ratings.
 * A resolution has one verdict however many were asked (the reporter, applicants, followers of the
 * public report): the answer that reopened the report if one did (the reopening happened, and the
 * figures must agree with the report's history), else the reporter's or applicant's, else the first
 * follower's; its rating is that answer's.
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
    with touched as (
      select distinct case_id, resolved_at from fix_questions
      where answered_at >= ${f.from} and answered_at < ${f.to} ${units}
    ),
    verdict as (
      select distinct on (q.case_id, q.resolved_at) q.unit_id, q.category_id, q.answered_at, q.answer, q.reopened, q.rating
      from fix_questions q join touched using (case_id, resolved_at)
      where q.answered_at is not null
      order by q.case_id, q.resolved_at, q.reopened desc, (q.party_id is null), q.answered_at
    ),
    counted as (
      select unit_id, category_id, 1 as asked, 0 as answered, null::text as answer, false as reopened, null::int as rating
      from fix_questions where asked_at >= ${f.from} and asked_at < ${f.to} ${units}
      union all
      select unit_id, category_id, 0, 1, answer, reopened, rating
      from verdict where answered_at >= ${f.from} and answered_at < ${f.to}
    )
    select unit_id, category_id,
      sum(asked)::int as asked,
      sum(answered)::int as answered,
      count(*) filter (where answer = 'fixed')::int as fixed,
      count(*) filter (where answer = 'not_fixed')::int as not_fixed,
      count(*) filter (where answer = 'not_fixed' and reopened)::int as reopened,
      count(rating)::int as ratings,
      coalesce(sum(rating), 0)::int as rating_sum
    from counted
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
