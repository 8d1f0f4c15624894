/**
 * The safety net (GOV.UK Notify's replay of notifications stuck in `created`): messages left in
 * 'sending' by a process that died mid-delivery (its heartbeat stopped), and messages waiting without any delivery job, are
 * queued again. It runs as a self-rescheduling job, so one instance runs however many workers there are.
 *
 * Its cadence is fixed: scheduling (at every start of Glas, and after each run) never moves a pending
 * run later. Each start used to push it GLAS_NOTIFY_REPLAY_SECONDS further, so during a crash loop it
 * never ran and interrupted notices waited up to 27 minutes.
 */
import { sql } from 'kysely';
import type { Ctx } from '../../kernel/context.ts';
import { enqueueJob } from '../../kernel/jobs.ts';
import { moveMessageStatus, orphanedWaiting, stuckSending } from '../repositories/message-repository.ts';
import { SEND_TASK, sendJobKey } from './queue-messages.ts';
import { SENDER_DEAD_AFTER_MS } from '../sender-heartbeat.ts';

export const REPLAY_TASK = 'notifications.replay';
export const REPLAY_JOB_KEY = 'notifications:replay';
const BATCH = 500;

export async function replayStuckMessages(ctx: Ctx): Promise<{ interrupted: number; orphaned: number }> {
  const now = ctx.now();
  const olderThan = new Date(now.getTime() - ctx.config.notifyStuckSeconds * 1000);
  let interrupted = 0;
  const senderAliveSince = new Date(now.getTime() - SENDER_DEAD_AFTER_MS);
  for (const id of await stuckSending(ctx.db, olderThan, BATCH, senderAliveSince)) {
    await ctx.db.transaction().execute(async (tx) => {
      const r = await moveMessageStatus(tx, id, 'failed_temporary', now, {
        last_error: 'delivery was interrupted; whether the provider accepted it is unknown, so it is sent again',
      });
      if (!r.moved) return;
      await enqueueJob(tx, SEND_TASK, { messageId: id }, { jobKey: sendJobKey(id), maxAttempts: ctx.config.notifyMaxAttempts });
      interrupted++;
    });
  }
  let orphaned = 0;
  for (const id of await orphanedWaiting(ctx.db, olderThan, now, BATCH)) {
    await enqueueJob(ctx.db, SEND_TASK, { messageId: id }, { jobKey: sendJobKey(id), maxAttempts: ctx.config.notifyMaxAttempts });
    orphaned++;
  }
  return { interrupted, orphaned };
}

/**
 * Schedules the next run one interval from now, unless a pending run is due earlier: then that one
 * stays. The job key keeps exactly one pending run. graphile-worker's 'preserve_run_at' alone keeps
 * the old time only while the job has no failed attempt, so the earlier of the two times is also
 * passed explicitly. A run held by a worker (running, or locked by a killed one) is not pending:
 * add_job then detaches its key and the new run is the next one.
 */
export async function scheduleReplay(ctx: Ctx): Promise<void> {
  const wanted = new Date(ctx.now().getTime() + ctx.config.notifyReplaySeconds * 1000);
  await sql`select graphile_worker.add_job(
    identifier => ${REPLAY_TASK}, payload => '{}'::json, max_attempts => 3, job_key => ${REPLAY_JOB_KEY}, job_key_mode => 'preserve_run_at',
    run_at => least(${wanted}::timestamptz,
      (select min(j.run_at) from graphile_worker.jobs j where j.key = ${REPLAY_JOB_KEY} and j.locked_at is null)))`.execute(ctx.db);
}
