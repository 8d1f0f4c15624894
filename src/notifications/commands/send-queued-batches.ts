/**
 * The batch sender (GLAS_NOTIFY_BATCH, on by default): a loop beside the job worker (which leaves
 * the messages' own jobs, flagged BATCHED_JOB_FLAG, to it) that reads the queued messages whose own
 * job is due — run_at reached by the database's now(), exactly the test graphile-worker applies
 * before running the job, so a message goes when its job would have gone, whatever the process's
 * clock says (quiet hours included: the job's run_at is the end of the window) — claims them in one
 * guarded move to 'sending' (claimBatch, the same claim as a single job's: expiry, consent in force,
 * attempts counted on the message), removes their stand-by jobs in one statement, and hands them
 * all to their channels at once, so the SMPP window stays full: the next claim runs while a channel
 * still holds half a claim's worth of messages, and recording 'sent' (through the same group commit as
 * the jobs', deliver-message.ts) runs beside the next sends rather than in turn with them. Claiming,
 * sending and recording used to take turns, which kept the SMPP window idle for two thirds of the time.
 * A message costs no graphile-worker fetch and completion of its own any more: that was most of the
 * database work per SMS (issue 17).
 *
 * What does not change: the claim commits 'sending' before the send and carries this process's
 * sender id, so the heartbeat and the stuck-message replay treat a batch like a job; the window in
 * which a crash can send a message twice is the same for each message (one provider round trip plus
 * the commit that records it), though more messages can be in it at once: those answered and not yet
 * recorded, at most MAX_UNRECORDED. Retries are not batched: a failed attempt
 * schedules the message's own job (after the provider's wait, or graphile-worker's backoff), and
 * the message's attempts count decides when to give up.
 */
import type { Ctx } from '../../kernel/context.ts';
import type { WorkerLoop } from '../../kernel/module.ts';
import { removeJobs } from '../../kernel/jobs.ts';
import { MESSAGE_CHANNELS, type MessageChannel } from '../domain/recipients.ts';
import { deliveryDb } from '../delivery-db.ts';
import { dueBatchedMessages } from '../repositories/message-repository.ts';
import { currentService } from '../service.ts';
import { claimBatch, sendClaimed } from './deliver-message.ts';
import { BATCHED_JOB_FLAG, SEND_JOB_KEY_PREFIX, SEND_TASK, sendJobKey } from './queue-messages.ts';

/**
 * Messages of one channel handed to it that it has not answered yet: for SMS many SMPP windows, so the
 * window never waits for a claim. A channel is claimed for once half of these have been answered (a
 * claim costs the same round trips for one message as for a hundred), so the other half keeps the
 * window full while the next claim runs: at 2,500 SMS/s a claim must take under 80 ms, which it did
 * not always with 200 here on a loaded machine (bench peak 1,000 against 1,400 SMS/s with 400, same
 * session). A throttled SMS centre holds these longer; the heartbeat keeps the replay off them.
 * E-mail (a pool of SMTP connections) and Viber (one HTTP request each, no limit of its own) keep the
 * 100 they had: they are not the bottleneck, and Viber's would be 400 requests at once.
 */
const IN_FLIGHT: Record<MessageChannel, number> = { sms: 400, email: 100, viber: 100 };
/** For the notification benchmark, whose direct reference hands the channel as many SMS at once. */
export const SMS_IN_FLIGHT = IN_FLIGHT.sms;
/**
 * Messages answered by their channel whose outcome is not yet recorded (group commit, deliver-message.ts):
 * recording runs beside the sending, not in turn with it, but no further ahead than this.
 */
const MAX_UNRECORDED = 800;
/**
 * How often an idle sender looks for due messages: the most it adds to the time from commit to send.
 * Fixed: a pause stretched by how long the look took would stretch with the machine's load too, just
 * when the time to send matters. A look costs one probe of the job table per queued message read,
 * held ones (quiet hours, at night) included: about 3 ms per 1,000 held messages.
 */
const IDLE_POLL_MS = 50;
/** The jobs this sender stands in for: the messages' own, flagged (queue-messages.ts). */
const BATCHED_JOBS = { task: SEND_TASK, flag: BATCHED_JOB_FLAG, keyPrefix: SEND_JOB_KEY_PREFIX };
/** After a database error, before trying again. */
const ERROR_PAUSE_MS = 1000;

export function batchSender(ctx: Ctx): WorkerLoop {
  return { replacesJobsFlagged: [BATCHED_JOB_FLAG], start: () => startBatchSender(ctx) };
}

function startBatchSender(ctx: Ctx): () => Promise<void> {
  let stopped = false;
  let wake: (() => void) | null = null;
  const nap = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  // Wakes a sender waiting for room: a channel answered a message, or a recording committed.
  let freed: (() => void) | null = null;
  const roomMade = () => freed?.();
  /**
   * Until one of `watch` has room for a claim (its backlog waits: it was full), or a poll interval has
   * passed. An empty SMS window must not wait out the idle pause that e-mail and Viber, open and with
   * nothing due, took the loop into.
   */
  const waitForRoom = (watch: readonly MessageChannel[]) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        freed = null;
        resolve();
      };
      const timer = setTimeout(done, IDLE_POLL_MS);
      freed = () => {
        if (stopped || openChannels().some((c) => watch.includes(c))) done();
      };
    });
  const inFlight = new Set<Promise<void>>();
  const perChannel = new Map<MessageChannel, number>();
  let unrecorded = 0;

  const roomIn = (c: MessageChannel) => IN_FLIGHT[c] - (perChannel.get(c) ?? 0);
  /** Channels with room for a claim's worth of messages (half their in-flight number); none while too many outcomes wait to be recorded. */
  const openChannels = () => (unrecorded >= MAX_UNRECORDED ? [] : MESSAGE_CHANNELS.filter((c) => roomIn(c) >= IN_FLIGHT[c] / 2));

  const dispatch = async (open: MessageChannel[]): Promise<number> => {
    const service = currentService();
    if (!service) return 0;
    // Every channel, running here or not: a message whose channel is not running fails its attempt and retries with backoff, as with a job.
    const ids = await dueBatchedMessages(deliveryDb(ctx), BATCHED_JOBS, new Map(open.map((c) => [c, roomIn(c)])));
    if (!ids.length) return 0;
    const claims = await claimBatch(ctx, ids);
    const sends = claims.flatMap((c) => (c.kind === 'send' ? [c] : []));
    // A message ended unsent by the claim (expired, consent withdrawn) needs its job no more either: the
    // worker never fetches a flagged job, so it would stay in the job table for good.
    const ended = ids.filter((_, i) => {
      const c = claims[i];
      return c?.kind === 'done' && (c.outcome.kind === 'expired' || c.outcome.kind === 'failed');
    });
    // Claimed messages need no job of their own; one that ran meanwhile found the message no longer queued.
    // Before the sends: a failed send schedules its retry as a job under the same key, which must stay.
    await removeJobs(deliveryDb(ctx), [...sends.map((c) => sendJobKey(c.message.id)), ...ended.map(sendJobKey)]).catch((error: unknown) =>
      service.log('warn', 'removing the jobs of batch-claimed messages failed; they will find the messages sent', { error: String(error) }),
    );
    for (const c of sends) {
      const channel = c.message.channel;
      perChannel.set(channel, (perChannel.get(channel) ?? 0) + 1);
      unrecorded++;
      // The channel's place is given back when it answers (or, failing that, when the send ends).
      let held = true;
      const answered = () => {
        if (!held) return;
        held = false;
        perChannel.set(channel, (perChannel.get(channel) ?? 1) - 1);
        roomMade();
      };
      const job = { attempts: c.message.attempts, maxAttempts: ctx.config.notifyMaxAttempts };
      const p: Promise<void> = sendClaimed(ctx, service, c, job, true, answered)
        .then(
          () => {},
          // The outcome could not be written after retries: the message stays 'sending' as with a job, for the replay once this sender stops.
          (error: unknown) => service.log('error', 'recording a batch-sent message failed', { messageId: c.message.id, error: String(error) }),
        )
        .finally(() => {
          inFlight.delete(p);
          answered();
          unrecorded--;
          roomMade();
        });
      inFlight.add(p);
    }
    return ids.length;
  };

  const loop = (async () => {
    while (!stopped) {
      const open = openChannels();
      if (!open.length) {
        // Every channel is full: wait until one answers.
        await waitForRoom(MESSAGE_CHANNELS);
        continue;
      }
      let found = 0;
      try {
        found = await dispatch(open);
      } catch (error) {
        currentService()?.log('warn', 'the batch sender could not claim messages', { error: String(error) });
        await nap(ERROR_PAUSE_MS);
        continue;
      }
      // Something found: look again at once (a backlog is claimed as fast as the channels take it).
      if (!found) await waitForRoom(MESSAGE_CHANNELS.filter((c) => !open.includes(c)));
    }
  })();

  return async () => {
    stopped = true;
    wake?.();
    roomMade();
    await loop;
    await Promise.allSettled(inFlight);
  };
}
