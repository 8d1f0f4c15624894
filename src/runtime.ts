/**
 * Composition root: database (embedded or DATABASE_URL), migrations, catalogue sync, demo seed,
 * HTTP server and job worker, started in order and stopped in reverse on SIGTERM. A watch keeps the
 * database alive (the embedded server is started again when it dies) and the job worker too.
 */
import { EventEmitter } from 'node:events';
import { Logger, makeWorkerUtils, parseCrontab, run as runWorker, type Runner, type TaskList, type WorkerEvents } from 'graphile-worker';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { ConfigError, type Config } from './config.ts';
import { dataFolderSecretKey } from './kernel/lib/secrets.ts';
import { moduleLog, numericLog } from './kernel/log.ts';
import { connect, migrate, ping, waitUntilIdle, type DatabaseHandle } from './kernel/db/database.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './kernel/db/embedded-postgres.ts';
import { openChangeFeed, type ChangeFeed } from './kernel/db/changes.ts';
import { buildApp } from './http/app.ts';
import { MODULES, crontab, historyWriters, httpParts, outboxWriters, taskList, workerLoops } from './modules.ts';
import { upsertEventTypes } from './organisation/repositories/event-type-repository.ts';
import { EVENT_TYPES } from './cases/domain/event-types.ts';
import type { Ctx } from './kernel/context.ts';
import type { WorkerLoop } from './kernel/module.ts';
import { deliveryPoolSize } from './notifications/delivery-db.ts';

/**
 * The configured database. Without DATABASE_URL: the embedded server of GLAS_DATA_DIR, started by the
 * Glas server ("server"), or, for an operator command ("cli"), the running Glas's server when there is
 * one (started just for the command otherwise).
 */
export async function openDatabase(
  config: Config,
  log: (m: string) => void,
  role: 'server' | 'cli' = 'server',
): Promise<{ handle: DatabaseHandle; embedded: EmbeddedPostgres | null }> {
  let url = config.databaseUrl;
  let embedded: EmbeddedPostgres | null = null;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, log, role });
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
    await upsertEventTypes(
      handle.db,
      EVENT_TYPES.map((e) => ({ code: e.code, default_visibility: e.visibility, description: e.description })),
    );
  } finally {
    await client.query('select pg_advisory_unlock(7419001)').catch(() => {});
    client.release();
  }
}

/** graphile-worker's log lines through the one logger; its per-job info lines count as debug. */
function workerLogger(level: string): Logger {
  const log = moduleLog(level, 'worker');
  return new Logger((scope) => (lvl, message, meta) => {
    const at = lvl === 'error' ? 'error' : lvl === 'warning' ? 'warn' : 'debug';
    log[at]({ worker: scope, ...(meta ? { meta } : {}) }, message);
  });
}

export interface JobWorker {
  runner: Runner;
  workerIds: string[];
  stop(): Promise<void>;
}

/** The job worker as Glas runs it (also what the SLA timer benchmark measures, with only the SLA task). */
export async function startJobWorker(url: string, config: Config, tasks: TaskList, crontab?: string, loops: WorkerLoop[] = []): Promise<JobWorker> {
  // Which workers (and worker pool) this runner had, so that jobs they held can be unlocked once it is replaced.
  const workerIds: string[] = [];
  const events: WorkerEvents = new EventEmitter();
  events.on('worker:create', ({ worker }) => {
    workerIds.push(worker.workerId);
  });
  // graphile-worker 0.17 fetches and locks jobs under the pool's id (locked_by = pool id), not the
  // worker's: a job in flight when the database died is held by the pool, so its id is released too.
  events.on('pool:create', ({ workerPool }) => {
    workerIds.push(workerPool.id);
  });
  // The worker gets its own pool: under load, request handlers holding every connection of a
  // shared pool would starve delivery jobs (measured with the notification benchmark).
  const pool = new pg.Pool({ connectionString: url, max: config.workerConcurrency + 4 });
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  try {
    const runner = await runWorker({
      pgPool: pool,
      taskList: tasks,
      concurrency: config.workerConcurrency,
      noHandleSignals: true,
      pollInterval: 1000,
      events,
      // Always given (maybe empty): without it graphile-worker would read a file named "crontab" in the working folder.
      parsedCronItems: parseCrontab(crontab ?? ''),
      logger: workerLogger(config.logLevel),
      ...(loops.some((l) => l.replacesJobsFlagged?.length) ? { forbiddenFlags: loops.flatMap((l) => l.replacesJobsFlagged ?? []) } : {}),
      // No localQueue (batch fetching): it would make an idle worker ask PostgreSQL once per poll instead
      // of once per slot, but bench/notifications.ts at the default concurrency measured commit→SMS
      // p50 245 ms / p99 3,076 ms with it against p50 38 ms / p99 924 ms without.
    });
    const stopLoops = loops.map((l) => l.start());
    return {
      runner,
      workerIds,
      stop: async () => {
        await Promise.all(stopLoops.map((stopLoop) => stopLoop()));
        await runner.stop();
        await pool.end().catch(() => {});
      },
    };
  } catch (e) {
    await pool.end().catch(() => {});
    throw e;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Keeps one job worker running. graphile-worker stops its runner when it cannot record a job's end
 * (the database went away): it is started again. Jobs whose end could not be recorded stay locked by
 * their worker for hours, so after the database comes back the runner is replaced and the old
 * workers' locks are released (they were stopped first, so no job runs twice at once).
 */
export function superviseJobWorker(handle: DatabaseHandle, start: () => Promise<JobWorker>, log: (m: string, level?: number) => void) {
  let current: JobWorker | null = null;
  let stopping = false;
  let cycle: Promise<void> = Promise.resolve();
  const adopt = (w: JobWorker) => {
    current = w;
    w.runner.promise.then(
      () => {
        if (!stopping && current === w) {
          log('the job worker stopped by itself; starting it again', 40);
          void replace();
        }
      },
      (e) => {
        if (!stopping && current === w) {
          log(`the job worker failed (${(e as Error).message}); starting it again`, 50);
          void replace();
        }
      },
    );
  };
  const relaunch = async () => {
    for (let attempt = 0; !stopping; attempt++) {
      try {
        adopt(await start());
        return;
      } catch (e) {
        log(`the job worker could not start (${(e as Error).message}); trying again`, 40);
        await sleep(Math.min(500 * 2 ** attempt, 5_000));
      }
    }
  };
  // A runner blocked on a dead connection may never finish stopping: give it a bounded time.
  const stopBounded = (w: JobWorker) => Promise.race([w.stop().catch(() => {}), sleep(15_000).then(() => w.runner.kill().catch(() => {}))]);
  const retire = async (w: JobWorker) => {
    await stopBounded(w);
    if (!w.workerIds.length) return;
    const utils = await makeWorkerUtils({ pgPool: handle.pool });
    try {
      await utils.forceUnlockWorkers(w.workerIds);
    } catch (e) {
      log(`could not release the jobs of the replaced job worker (${(e as Error).message}); graphile-worker releases them after 4 hours`, 40);
    } finally {
      await utils.release();
    }
  };
  const replace = () => {
    cycle = cycle.then(async () => {
      if (stopping) return;
      const old = current;
      current = null;
      if (old) await retire(old);
      await relaunch();
    });
    return cycle;
  };
  return {
    /** The first start fails as it is (a worker that cannot start at boot is a configuration problem). */
    start: async () => {
      adopt(await start());
    },
    /** Called once the database is back after a loss. */
    replace: () => {
      log('replacing the job worker after the database came back', 40);
      return replace();
    },
    async stop() {
      stopping = true;
      await cycle;
      if (current) await stopBounded(current);
    },
  };
}

/**
 * Watches the database: pings it every half second and, when Glas runs the embedded server, starts
 * it again when its postmaster dies. `healthy()` is false once the database has been unreachable for
 * longer than GLAS_DB_RECOVERY_SECONDS while the embedded server keeps failing to start: a liveness
 * probe should then restart the whole process. A DATABASE_URL
 * server that is down is not this process's fault, and a restart of Glas would not bring it back.
 */
export function watchDatabase(
  handle: DatabaseHandle,
  embedded: EmbeddedPostgres | null,
  config: Config,
  log: (m: string, level?: number) => void,
  onRecovered: () => void,
) {
  let downSince: number | null = null;
  let stopped = false;
  let checking: Promise<void> | null = null;
  const restart = async () => {
    for (let attempt = 0; !stopped; attempt++) {
      try {
        await embedded!.restart();
        return;
      } catch (e) {
        log(`the embedded PostgreSQL did not start again (${(e as Error).message.split('\n')[0]}); trying again`, 50);
        await sleep(Math.min(250 * 2 ** attempt, 5_000));
      }
    }
  };
  const check = async () => {
    if (embedded?.owned && !embedded.running()) {
      log('the embedded PostgreSQL has stopped; starting it again', 50);
      downSince ??= Date.now();
      await restart();
    }
    if (stopped) return;
    try {
      // A server that accepts connections but never answers must count as down, not stall the watch.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        ping(handle.db),
        new Promise((_r, reject) => {
          timer = setTimeout(() => reject(new Error('no answer within 5 s')), 5_000);
        }),
      ]).finally(() => clearTimeout(timer));
      if (downSince !== null) {
        log(`the database is reachable again after ${Math.round((Date.now() - downSince) / 100) / 10} s`, 40);
        downSince = null;
        onRecovered();
      }
    } catch {
      if (downSince === null) log('the database is unreachable', 50);
      downSince ??= Date.now();
    }
  };
  const timer = setInterval(() => {
    if (!checking && !stopped)
      checking = check()
        .catch(() => {})
        .finally(() => {
          checking = null;
        });
  }, 500);
  timer.unref();
  return {
    // A postmaster that runs but does not accept connections yet is most likely replaying its WAL after
    // the crash, which can take minutes on a large database: restarting Glas then would only start
    // that recovery over. Unhealthy is: no postmaster, and starting one has failed for the whole bound.
    healthy: () => !(embedded?.owned && downSince !== null && Date.now() - downSince > config.dbRecoverySeconds * 1000 && !embedded.running()),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await checking;
    },
  };
}

export function makeCtx(handle: DatabaseHandle, config: Config): Ctx {
  return { db: handle.db, config, now: () => new Date(), outbox: outboxWriters(), historyWriters: historyWriters() };
}

export interface Glas {
  ctx: Ctx;
  app: FastifyInstance;
  handle: DatabaseHandle;
  url: string;
  stop(): Promise<void>;
  /** For a process that must exit now: stops the embedded server at once, so it is never orphaned. */
  stopDatabaseNow(): void;
}

/**
 * The configuration with the key that encrypts stored secrets: GLAS_SECRET_KEY, or with the embedded database
 * (or the demo) the key made once into the data folder. A production DATABASE_URL without it does not start:
 * processes sharing a database must share the key, which a key made in one process's folder would not be.
 */
export function withSecretKey(config: Config): Config {
  if (config.secretKey) return config;
  if (config.databaseUrl && !config.demo)
    throw new ConfigError(
      'Invalid configuration: GLAS_SECRET_KEY must be set with DATABASE_URL (the same in every Glas process on that database); make one with: openssl rand -base64 32',
    );
  return { ...config, secretKey: dataFolderSecretKey(config.dataDir) };
}

export async function startGlas(given: Config, hooks: { afterMigrate?: (ctx: Ctx) => Promise<void> } = {}): Promise<Glas> {
  const config = withSecretKey(given);
  const log = numericLog(config.logLevel, 'runtime');
  const { handle, embedded } = await openDatabase(config, log);
  // Recording message deliveries gets a pool of its own: it must never wait behind web requests.
  const delivery = connect(handle.url, deliveryPoolSize(config));
  let worker: ReturnType<typeof superviseJobWorker> | null = null;
  let watch: ReturnType<typeof watchDatabase> | null = null;
  let app: FastifyInstance | null = null;
  let changes: ChangeFeed | null = null;
  const started: typeof MODULES = [];
  const stop = async () => {
    await app?.close();
    await worker?.stop();
    for (const m of started.reverse()) await m.stop?.().catch(() => {});
    await changes?.close().catch(() => {});
    // After the worker (whose jobs need the database to finish) and before the server stops, so the
    // watch does not start again the server being stopped.
    await watch?.stop();
    await waitUntilIdle(handle.pool);
    await delivery.close();
    await handle.close();
    await embedded?.stop();
  };
  try {
    await prepareDatabase(handle);
    changes = await openChangeFeed(handle.url, numericLog(config.logLevel, 'changes'));
    const ctx: Ctx = { ...makeCtx(handle, config), deliveryDb: delivery.db, changes };
    await hooks.afterMigrate?.(ctx);
    for (const m of MODULES) {
      await m.start?.(ctx);
      started.push(m);
    }
    if (config.runWorker) {
      const tasks = taskList(ctx);
      worker = superviseJobWorker(handle, () => startJobWorker(handle.url, config, tasks, crontab(), workerLoops(ctx)), log);
      await worker.start();
    }
    watch = watchDatabase(handle, embedded, config, log, () => {
      void worker?.replace();
    });
    ctx.databaseRecoverable = watch.healthy;
    app = await buildApp(ctx, httpParts());
    const url = await app.listen({ host: config.host, port: config.port });
    return { ctx, app, handle, url, stop, stopDatabaseNow: () => embedded?.stopNow() };
  } catch (e) {
    await stop().catch(() => {});
    throw e;
  }
}
