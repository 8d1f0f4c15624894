/**
 * The database connection the delivery path uses: claiming a message, recording "sent" or a failure,
 * storing delivery receipts and the sender heartbeat. It is a small pool of its own (ctx.deliveryDb,
 * created in runtime.ts) so that these writes never queue behind web requests: the time between the
 * provider accepting a message and "sent" being committed is the one window in which a crash sends it
 * twice, and under load a shared 20-connection pool stretched it to 8.3 s. The heartbeat is here too,
 * because a heartbeat held up by web traffic would make a live sender look dead to the replay.
 */
import type { Ctx } from '../kernel/context.ts';
import type { Config } from '../config.ts';
import type { Db } from '../kernel/db/database.ts';

export function deliveryDb(ctx: Ctx): Db {
  return ctx.deliveryDb ?? ctx.db;
}

/**
 * One connection for each group-commit pipeline (claims, sents, receipts), one for the heartbeat and
 * one per concurrent job for its failure write: recording an outcome then never waits for a connection.
 * Connections are opened on demand, so a process that sends little keeps few open.
 */
export function deliveryPoolSize(config: Config): number {
  return config.workerConcurrency + 4;
}
