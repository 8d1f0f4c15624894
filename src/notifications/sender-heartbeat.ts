/**
 * Each Glas process has a sender id and says every few seconds that it is alive. A message claimed
 * for sending carries the id of the process that claimed it; the stuck-message replay leaves it
 * alone while that process lives, however long it waits in the channel's queue (a throttled SMS
 * centre can hold messages for minutes), so a live send is never duplicated by the replay.
 */
import type { Ctx } from '../kernel/context.ts';
import { touchSender } from './repositories/message-repository.ts';
import { SENDER_ID } from './sender-id.ts';
import { deliveryDb } from './delivery-db.ts';
export const HEARTBEAT_MS = 10_000;
/** A sender not seen for this long is taken for dead. */
export const SENDER_DEAD_AFTER_MS = 60_000;

export function startHeartbeat(ctx: Ctx): () => void {
  const beat = () => touchSender(deliveryDb(ctx), SENDER_ID, ctx.now()).catch(() => {});
  void beat();
  const timer = setInterval(beat, HEARTBEAT_MS);
  timer.unref();
  return () => clearInterval(timer);
}
