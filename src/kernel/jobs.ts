/**
 * Background jobs run by graphile-worker (a PostgreSQL job queue). Each module adds its typed task
 * handlers to its GlasModule (src/modules.ts); jobs are enqueued with `enqueueJob` inside the transaction whose change causes them.
 */
import { sql } from 'kysely';
import type { DbOrTx } from './db/database.ts';

export interface EnqueueOptions {
  runAt?: Date;
  /** Instead of runAt: this long after the database's now(), the clock graphile-worker compares run_at with (its own retry backoff counts from it too). */
  runAfterMs?: number;
  jobKey?: string;
  maxAttempts?: number;
  queueName?: string;
  priority?: number;
  /** graphile-worker job flags: a worker started with one of them forbidden leaves the job alone. */
  flags?: string[];
}

export interface JobSpec {
  task: string;
  payload: unknown;
  options?: EnqueueOptions;
}

const runAt = (o: EnqueueOptions) =>
  o.runAt ? sql`${o.runAt}::timestamptz` : o.runAfterMs !== undefined ? sql`now() + ${o.runAfterMs} * interval '1 millisecond'` : sql`null::timestamptz`;

/** One job as graphile-worker's job_spec: add_jobs(specs) is what add_job(...) calls with a one-element array. */
const jobSpec = (j: JobSpec) => {
  const o = j.options ?? {};
  return sql`(${j.task}::text, ${JSON.stringify(j.payload)}::json, ${o.queueName ?? null}::text, ${runAt(o)}, ${o.maxAttempts ?? null}::int,
    ${o.jobKey ?? null}::text, ${o.priority ?? null}::int, ${o.flags ?? null}::text[])::graphile_worker.job_spec`;
};

/** Adds a job in the caller's transaction: it exists if and only if the change that caused it commits. */
export async function enqueueJob(db: DbOrTx, task: string, payload: unknown, o: EnqueueOptions = {}): Promise<void> {
  await enqueueJobs(db, [{ task, payload, options: o }]);
}

/**
 * Adds several jobs in one statement (one round trip), in the caller's transaction, through one call of
 * graphile-worker's add_jobs: add_job is add_jobs with one spec, and each call runs its four statements
 * (tasks, queues, keys of running jobs, insert) once, so a report's two SLA timers cost half the work of
 * two add_job calls. One add_jobs insert cannot meet the same key twice (ON CONFLICT would affect a row
 * twice), so a batch naming a key twice is added in order as separate calls, each replacing the one before.
 */
export async function enqueueJobs(db: DbOrTx, jobs: JobSpec[]): Promise<void> {
  if (!jobs.length) return;
  const keys = jobs.flatMap((j) => (j.options?.jobKey !== undefined ? [j.options.jobKey] : []));
  const batches = new Set(keys).size === keys.length ? [jobs] : jobs.map((j) => [j]);
  const calls = batches.map((b) => sql`(select count(*) from graphile_worker.add_jobs(array[${sql.join(b.map(jobSpec))}]))`);
  await sql`select ${sql.join(calls)}`.execute(db);
}

/** Removes the pending jobs with these keys in one statement (a running one is kept but not retried: graphile-worker's remove_job). */
export async function removeJobs(db: DbOrTx, jobKeys: readonly string[]): Promise<void> {
  if (!jobKeys.length) return;
  await sql`select graphile_worker.remove_job(k) from unnest(${jobKeys}::text[]) as k`.execute(db);
}
