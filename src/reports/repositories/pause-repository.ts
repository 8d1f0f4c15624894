/** SQL for the time reports waited for the citizen (the answer clock paused; cases.paused_ms and a wait still running). */
import { sql } from 'kysely';
import type { DbOrTx } from '../../kernel/db/database.ts';

/** Of the reports registered in [from, to): how many waited for the citizen, for how long in all (up to `at`), and how many wait at `at`. */
export async function citizenWaits(db: DbOrTx, f: { from: Date; to: Date; at: Date; unitIds: readonly string[] | null }) {
  const units = f.unitIds ? sql`and f.unit_id = any(${[...f.unitIds]}::uuid[])` : sql``;
  const row = await sql<{ reports: number; ms: string; waiting: number }>`
    select count(*) filter (where c.paused_ms > 0 or c.paused_at is not null)::int as reports,
      coalesce(sum(c.paused_ms + case when c.paused_at is not null and c.paused_at < ${f.at}
        then (extract(epoch from (${f.at}::timestamptz - c.paused_at)) * 1000)::bigint else 0 end), 0)::text as ms,
      count(*) filter (where c.paused_at is not null and c.paused_at < ${f.at})::int as waiting
    from report_facts f join cases c on c.id = f.case_id
    where f.registered_at >= ${f.from} and f.registered_at < ${f.to} ${units}`.execute(db);
  const r = row.rows[0]!;
  return { reports: r.reports, hours: Math.round((Number(r.ms) / 3_600_000) * 10) / 10, waitingNow: r.waiting };
}
