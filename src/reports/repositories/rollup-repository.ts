/** The dashboard's roll-up tables (migration 202612079301_report_rollup): per UTC day ('d') and month ('m'). */
import { sql } from 'kysely';
import type { DbOrTx } from '../../kernel/db/database.ts';
import type { RollupDim, RollupRow } from '../queries/figures.ts';
import type { Bucket, RollupLevel } from '../domain/rollup-cover.ts';

/** Of the given buckets, those with a change not yet rolled up (their stored rows may be stale). */
export async function changedAmong(db: DbOrTx, buckets: readonly Bucket[]): Promise<Set<string>> {
  if (!buckets.length) return new Set();
  const r = await sql<{ level: string; bucket: string }>`
    select b.level, b.bucket::text as bucket
    from unnest(${buckets.map((b) => b.level)}::text[], ${buckets.map((b) => b.bucket)}::date[]) b(level, bucket)
    where exists (select 1 from report_rollup_changes c where c.level = b.level and c.bucket = b.bucket)`.execute(db);
  return new Set(r.rows.map((x) => `${x.level}:${x.bucket}`));
}

// As JSON: node-postgres parses a JSON array several times faster than PostgreSQL's array text.
const HISTOGRAMS = sql`array_to_json(fr_bins) as fr_bins, array_to_json(fr_counts) as fr_counts, array_to_json(res_bins) as res_bins,
  array_to_json(res_counts) as res_counts`;

/** The stored rows of the buckets for the splits. */
export async function rollupRowsOf(db: DbOrTx, buckets: readonly Bucket[], dims: readonly RollupDim[]): Promise<RollupRow[]> {
  const days = buckets.filter((b) => b.level === 'd').map((b) => b.bucket);
  const months = buckets.filter((b) => b.level === 'm').map((b) => b.bucket);
  if (!days.length && !months.length) return [];
  const r = await sql<Record<string, unknown>>`
    select dim, key, received, due_sla, answered_sla, fr_n, res_n, ${HISTOGRAMS} from report_rollup
    where level = 'd' and dim = any(${[...dims]}::text[]) and bucket = any(${days}::date[])
    union all
    select dim, key, received, due_sla, answered_sla, fr_n, res_n, ${HISTOGRAMS} from report_rollup
    where level = 'm' and dim = any(${[...dims]}::text[]) and bucket = any(${months}::date[])`.execute(db);
  return r.rows.map((x) => ({
    dim: x.dim as RollupDim,
    key: String(x.key),
    received: Number(x.received),
    dueSla: Number(x.due_sla),
    answeredSla: Number(x.answered_sla),
    frN: Number(x.fr_n),
    resN: Number(x.res_n),
    frBins: x.fr_bins as number[],
    frCounts: x.fr_counts as number[],
    resBins: x.res_bins as number[],
    resCounts: x.res_counts as number[],
  }));
}

/** The oldest bucket of a level with a change to roll up that lies before `before` (a finished day or month), after `after` if given. */
export async function nextChangedBucket(db: DbOrTx, level: RollupLevel, before: string, after?: string): Promise<string | null> {
  const r = await sql<{ bucket: string }>`
    select bucket::text as bucket from report_rollup_changes
    where level = ${level} and bucket < ${before}::date ${after ? sql`and bucket > ${after}::date` : sql``}
    order by bucket limit 1`.execute(db);
  return r.rows[0]?.bucket ?? null;
}

/** Takes the bucket's change marks (those committed so far; a change committed later leaves its own, and the bucket is rolled up again). */
export async function takeChanges(db: DbOrTx, b: Bucket): Promise<void> {
  await sql`delete from report_rollup_changes where level = ${b.level} and bucket = ${b.bucket}::date`.execute(db);
}

/** Replaces a bucket's stored rows. */
export async function replaceBucket(db: DbOrTx, b: Bucket, rows: readonly RollupRow[]): Promise<void> {
  await sql`delete from report_rollup where level = ${b.level} and bucket = ${b.bucket}::date`.execute(db);
  if (!rows.length) return;
  await sql`
    insert into report_rollup (level, bucket, dim, key, received, due_sla, answered_sla, fr_n, res_n, fr_bins, fr_counts, res_bins, res_counts)
    select ${b.level}, ${b.bucket}::date, x.dim, x.key, x.received, x.due_sla, x.answered_sla, x.fr_n, x.res_n,
           x.fr_bins, x.fr_counts, x.res_bins, x.res_counts
    from jsonb_to_recordset(${JSON.stringify(
      rows.map((r) => ({
        dim: r.dim,
        key: r.key,
        received: r.received,
        due_sla: r.dueSla,
        answered_sla: r.answeredSla,
        fr_n: r.frN,
        res_n: r.resN,
        fr_bins: r.frBins,
        fr_counts: r.frCounts,
        res_bins: r.resBins,
        res_counts: r.resCounts,
      })),
    )}::jsonb) as x(dim text, key text, received int, due_sla int, answered_sla int, fr_n int, res_n int,
                     fr_bins int[], fr_counts int[], res_bins int[], res_counts int[])`.execute(db);
}

/** Only one process rolls up at a time (the lock ends with the transaction). */
export async function tryRollupLock(db: DbOrTx): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(hashtext('glas:report_rollup')) as ok`.execute(db);
  return r.rows[0]?.ok ?? false;
}
