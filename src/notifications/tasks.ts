/**
 * The module's background jobs (graphile-worker), with typed payloads:
 * - notifications.send {messageId}: deliver one message (render happened when it was queued, so a retry never re-renders);
 * - notifications.check_delivery {messageId}: fall back to the next channel if still not delivered;
 * - notifications.replay {}: requeue stuck messages, then schedule its next run.
 */
import type { JobHelpers, TaskList } from 'graphile-worker';
import type { Ctx } from '../kernel/context.ts';
import { CHECK_TASK, checkDelivery, deliverMessage } from './commands/deliver-message.ts';
import { SEND_TASK } from './commands/queue-messages.ts';
import { REPLAY_TASK, replayStuckMessages, scheduleReplay } from './commands/replay-stuck-messages.ts';
import { currentService } from './service.ts';

export interface MessageJob {
  messageId: string;
}

function messageJob(payload: unknown): MessageJob {
  const id = (payload as { messageId?: unknown } | null)?.messageId;
  // A malformed payload cannot become valid by retrying: fail it loudly once.
  if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id)) throw new Error(`bad payload ${JSON.stringify(payload)}`);
  return { messageId: id };
}

export function notificationTasks(ctx: Ctx): TaskList {
  return {
    [SEND_TASK]: async (payload: unknown, helpers: JobHelpers) => {
      const { messageId } = messageJob(payload);
      const outcome = await deliverMessage(ctx, currentService(), messageId, { attempts: helpers.job.attempts, maxAttempts: helpers.job.max_attempts });
      // Thrown after the outcome is committed, so graphile-worker's backoff decides when to try again.
      if (outcome.kind === 'retry') throw new Error(outcome.reason);
    },
    [CHECK_TASK]: async (payload: unknown) => {
      await checkDelivery(ctx, messageJob(payload).messageId);
    },
    [REPLAY_TASK]: async () => {
      try {
        const r = await replayStuckMessages(ctx);
        if (r.interrupted || r.orphaned) currentService()?.log('warn', 'stuck messages requeued', r);
      } finally {
        await scheduleReplay(ctx);
      }
    },
  };
}
