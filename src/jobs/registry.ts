/**
 * Background jobs run by graphile-worker (a PostgreSQL job queue). Each module adds its typed task
 * handlers to its GlasModule (src/modules.ts); jobs are enqueued with `enqueueJob` inside the transaction whose change causes them.
 */
import { sql } from 'kysely';
import type { DbOrTx } from '../db/database.ts';

export interface EnqueueOptions { runAt?: Date; jobKey?: string; maxAttempts?: number; queueName?: string; priority?: number }

/** Adds a job in the caller's transaction: it exists if and only if the change that caused it commits. */
export async function enqueueJob(db: DbOrTx, task: string, payload: unknown, o: EnqueueOptions = {}): Promise<void> {
  await sql`select graphile_worker.add_job(
    identifier => ${task}, payload => ${JSON.stringify(payload)}::json, queue_name => ${o.queueName ?? null},
    run_at => ${o.runAt ?? null}::timestamptz, max_attempts => ${o.maxAttempts ?? null}::int, job_key => ${o.jobKey ?? null},
    priority => ${o.priority ?? null}::int)`.execute(db);
}
