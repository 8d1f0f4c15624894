/**
 * Sends a batch straight through a channel with a fixed number of concurrent sends, bypassing the
 * outbox and delivery job. Benchmarks use it to measure the raw rate of the same client, which is
 * the ceiling the full pipeline is compared against.
 */
import type { Channel, OutboundMessage } from './channel.ts';

export interface DirectSendStats {
  sent: number;
  retryable: number;
  permanent: number;
  /** Sum of SMS parts (1 per message for channels without parts). */
  parts: number;
  elapsedMs: number;
  perSecond: number;
  firstFailure?: string;
}

export async function sendDirect(channel: Channel, messages: Iterable<OutboundMessage>, options: { concurrency?: number } = {}): Promise<DirectSendStats> {
  const stats: DirectSendStats = { sent: 0, retryable: 0, permanent: 0, parts: 0, elapsedMs: 0, perSecond: 0 };
  const iterator = messages[Symbol.iterator]();
  const started = performance.now();
  // Workers pull from one shared iterator, so exactly `concurrency` sends are in flight at a time.
  const worker = async () => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) {
      const result = await channel.send(next.value);
      if (result.kind === 'sent') {
        stats.sent++;
        stats.parts += result.parts ?? 1;
      } else {
        stats[result.kind]++;
        stats.firstFailure ??= result.reason;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, worker));
  stats.elapsedMs = performance.now() - started;
  const total = stats.sent + stats.retryable + stats.permanent;
  stats.perSecond = stats.elapsedMs > 0 ? (total * 1000) / stats.elapsedMs : 0;
  return stats;
}
