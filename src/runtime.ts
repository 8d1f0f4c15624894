/**
 * Composition root: database (embedded or DATABASE_URL), migrations, catalogue sync, demo seed,
 * HTTP server and job worker, started in order and stopped in reverse on SIGTERM.
 */
import { Logger, parseCrontab, run as runWorker, type Runner, type TaskList } from 'graphile-worker';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { connect, migrate, waitUntilIdle, type DatabaseHandle } from './db/database.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './db/embedded-postgres.ts';
import { buildApp } from './http/app.ts';
import { MODULES, crontab, outboxWriters, taskList } from './modules.ts';
import { upsertEventTypes } from './repositories/event-type-repository.ts';
import { EVENT_TYPES } from './domain/event-types.ts';
import type { Ctx } from './commands/context.ts';
import { deliveryPoolSize } from './notifications/delivery-db.ts';

export interface Glas { ctx: Ctx; app: FastifyInstance; handle: DatabaseHandle; url: string; stop(): Promise<void> }

export async function openDatabase(config: Config, log: (m: string) => void): Promise<{ handle: DatabaseHandle; embedded: EmbeddedPostgres | null }> {
  let url = config.databaseUrl;
  let embedded: EmbeddedPostgres | null = null;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, log });
    url = embedded.url;
  }
  const handle = connect(url);
  return { handle, embedded };
}

export async function prepareDatabase(handle: DatabaseHandle): Promise<void> {
  // Several Glas processes may start together on one server: one migrates, the others wait for its lock.
  const client = await handle.pool.connect();
  try {
    await client.query('select pg_advisory_lock(7419001)');
    await migrate(handle);
    await upsertEventTypes(handle.db, EVENT_TYPES.map((e) => ({ code: e.code, default_visibility: e.visibility, description: e.description })));
  } finally {
    await client.query('select pg_advisory_unlock(7419001)').catch(() => {});
    client.release();
  }
}

const LEVEL_RANK: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: 100 };

/** graphile-worker's log lines in our JSON shape; its per-job info lines count as debug. */
function workerLogger(level: string): Logger {
  const min = LEVEL_RANK[level] ?? 30;
  return new Logger((scope) => (lvl, message, meta) => {
    const rank = lvl === 'error' ? 50 : lvl === 'warning' ? 40 : 20;
    if (rank < min) return;
    console.error(JSON.stringify({ level: rank, time: Date.now(), msg: message, worker: scope, ...(meta ? { meta } : {}) }));
  });
}

export interface JobWorker { runner: Runner; stop(): Promise<void> }

/** The job worker as Glas runs it (also what the SLA timer benchmark measures, with only the SLA task). */
export async function startJobWorker(url: string, config: Config, tasks: TaskList, crontab?: string): Promise<JobWorker> {
  // The worker gets its own pool: under load, request handlers holding every connection of a
  // shared pool would starve delivery jobs (measured with the notification benchmark).
  const pool = new pg.Pool({ connectionString: url, max: config.workerConcurrency + 4 });
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  try {
    const runner = await runWorker({
      pgPool: pool, taskList: tasks, concurrency: config.workerConcurrency, noHandleSignals: true, pollInterval: 1000,
      // Always given (maybe empty): without it graphile-worker would read a file named "crontab" in the working folder.
      parsedCronItems: parseCrontab(crontab ?? ''),
      logger: workerLogger(config.logLevel),
      // No localQueue (batch fetching): it would make an idle worker ask PostgreSQL once per poll instead
      // of once per slot, but bench/notifications.ts at the default concurrency measured commit→SMS
      // p50 245 ms / p99 3,076 ms with it against p50 38 ms / p99 924 ms without.
    });
    return { runner, stop: async () => { await runner.stop(); await pool.end().catch(() => {}); } };
  } catch (e) {
    await pool.end().catch(() => {});
    throw e;
  }
}

export function makeCtx(handle: DatabaseHandle, config: Config): Ctx {
  return { db: handle.db, config, now: () => new Date(), outbox: outboxWriters() };
}

export async function startGlas(config: Config, hooks: { afterMigrate?: (ctx: Ctx) => Promise<void> } = {}): Promise<Glas> {
  const bootLog = (m: string) => { if (config.logLevel !== 'silent') console.error(JSON.stringify({ level: 30, time: Date.now(), msg: m })); };
  const { handle, embedded } = await openDatabase(config, bootLog);
  // Recording message deliveries gets a pool of its own: it must never wait behind web requests.
  const delivery = connect(handle.url, deliveryPoolSize(config));
  let worker: JobWorker | null = null;
  let app: FastifyInstance | null = null;
  const started: typeof MODULES = [];
  const stop = async () => {
    await app?.close();
    await worker?.stop();
    for (const m of started.reverse()) await m.stop?.().catch(() => {});
    await waitUntilIdle(handle.pool);
    await delivery.close();
    await handle.close();
    await embedded?.stop();
  };
  try {
    await prepareDatabase(handle);
    const ctx: Ctx = { ...makeCtx(handle, config), deliveryDb: delivery.db };
    await hooks.afterMigrate?.(ctx);
    for (const m of MODULES) { await m.start?.(ctx); started.push(m); }
    app = await buildApp(ctx);
    if (config.runWorker) worker = await startJobWorker(handle.url, config, taskList(ctx), crontab());
    const url = await app.listen({ host: config.host, port: config.port });
    return { ctx, app, handle, url, stop };
  } catch (e) {
    await stop().catch(() => {});
    throw e;
  }
}
