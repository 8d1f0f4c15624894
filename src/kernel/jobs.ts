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

const addJob = (j: JobSpec) => {
  const o = j.options ?? {};
  return sql`graphile_worker.add_job(
    identifier => ${j.task}, payload => ${JSON.stringify(j.payload)}::json, queue_name => ${o.queueName ?? null},
    run_at => ${runAt(o)}, max_attempts => ${o.maxAttempts ?? null}::int, job_key => ${o.jobKey ?? null},
    priority => ${o.priority ?? null}::int, flags => ${o.flags ?? null}::text[])`;
};

/** Adds a job in the caller's transaction: it exists if and only if the change that caused it commits. */
export async function enqueueJob(db: DbOrTx, task: string, payload: unknown, o: EnqueueOptions = {}): Promise<void> {
  await enqueueJobs(db, [{ task, payload, options: o }]);
}

/** Adds several jobs in one statement (one round trip), in the caller's transaction. */
export async function enqueueJobs(db: DbOrTx, jobs: JobSpec[]): Promise<void> {
  if (!jobs.length) return;
  await sql`select ${sql.join(jobs.map(addJob))}`.execute(db);
}

/** Removes the pending jobs with these keys in one statement (a running one is kept but not retried: graphile-worker's remove_job). */
export async function removeJobs(db: DbOrTx, jobKeys: readonly string[]): Promise<void> {
  if (!jobKeys.length) return;
  await sql`select graphile_worker.remove_job(k) from unnest(${jobKeys}::text[]) as k`.execute(db);
}
