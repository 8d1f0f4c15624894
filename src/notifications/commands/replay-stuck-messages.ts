/**
 * The safety net (GOV.UK Notify's replay of notifications stuck in `created`): messages left in
 * 'sending' by a process that died mid-delivery (its heartbeat stopped), and messages waiting without any delivery job, are
 * queued again. It runs as a self-rescheduling job, so one instance runs however many workers there are.
 */
import type { Ctx } from '../../commands/context.ts';
import { enqueueJob } from '../../jobs/registry.ts';
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
      const r = await moveMessageStatus(tx, id, 'failed_temporary', now, { last_error: 'delivery was interrupted; whether the provider accepted it is unknown, so it is sent again' });
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

/** Schedules the next run; the job key keeps exactly one pending run. */
export async function scheduleReplay(ctx: Ctx): Promise<void> {
  await enqueueJob(ctx.db, REPLAY_TASK, {}, { jobKey: REPLAY_JOB_KEY, runAt: new Date(ctx.now().getTime() + ctx.config.notifyReplaySeconds * 1000), maxAttempts: 3 });
}
