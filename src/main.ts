/**
 * `npm start`: runs Glas (embedded PostgreSQL unless DATABASE_URL is set). The demo municipality is
 * seeded into an empty database only when asked for (GLAS_DEMO, on by default for the embedded one).
 */
import { ConfigError, loadConfig } from './config.ts';
import { startGlas, withSecretKey, type Glas } from './runtime.ts';
import { numericLog } from './kernel/log.ts';
import { seedDemoIfEmpty, DEMO_LOGINS } from './demo/seed.ts';
import { hasActiveAdministrator } from './organisation/repositories/org-repository.ts';

// The one logger (src/kernel/log.ts), once the configuration names its level.
let logLine: (msg: string, level?: number, extra?: Record<string, unknown>) => void = () => {};

async function main() {
  let config;
  try {
    config = withSecretKey(loadConfig());
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  if (!process.version.startsWith('v24') && !process.version.startsWith('v25') && !process.version.startsWith('v26')) {
    console.error(`Glas needs Node.js 24 or newer; this is ${process.version}. Run it through npm (npm start), which uses the Node 24 from node_modules.`);
    process.exit(2);
  }
  logLine = numericLog(config.logLevel, 'main');
  let glas: Glas | null = null;
  let starting: Promise<Glas> | null = null;
  let stopping = false;
  const shutdown = async (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    logLine('shutting down', code ? 50 : 30, { reason });
    // A stop that hangs (a request that never ends, a dead connection) must still not leave the
    // embedded PostgreSQL running without its owner.
    const force = setTimeout(() => {
      logLine(`shutdown took longer than ${config.shutdownSeconds} s; stopping the database at once`, 50);
      glas?.stopDatabaseNow();
      process.exit(code || 1);
    }, config.shutdownSeconds * 1000);
    force.unref();
    // A signal during start-up: let the start finish (it stops what it started if it fails), then stop.
    glas ??= (await starting?.catch(() => null)) ?? null;
    await glas?.stop().catch((e) => {
      logLine('shutdown failed', 50, { err: String(e) });
      glas?.stopDatabaseNow();
    });
    process.exit(code);
  };
  // Registered before anything starts, so that a signal during start-up also stops what has started.
  process.on('SIGTERM', () => void shutdown('SIGTERM', 0));
  process.on('SIGINT', () => void shutdown('SIGINT', 0));
  // A promise nobody waits for that fails: graphile-worker does not wait for its record of a job's
  // end, which fails while the database is away. Log it and keep serving: the database watch brings
  // the database back, and the job worker is replaced and its jobs released when it is back.
  process.on('unhandledRejection', (reason) => {
    // The cause is in the message too: pino writes msg after the fields, and one line should read on its own.
    logLine(`a background operation failed and nothing was waiting for it: ${reason instanceof Error ? reason.message : String(reason)}`, 50, {
      err: reason instanceof Error ? `${reason.message}\n${reason.stack}` : String(reason),
    });
  });
  // A thrown error nobody caught leaves the process in an unknown state: stop cleanly with an error
  // code so that the supervisor (systemd, a container runtime) starts it again.
  process.on('uncaughtException', (e) => {
    logLine(`uncaught error; stopping so that Glas is started again: ${e.message}`, 60, { err: `${e.message}\n${e.stack}` });
    void shutdown('uncaught error', 1);
  });

  let seeded = false;
  let hasAdmin = true;
  starting = startGlas(config, {
    afterMigrate: async (ctx) => {
      if (config.demo) seeded = await seedDemoIfEmpty(ctx);
      hasAdmin = await hasActiveAdministrator(ctx.db);
    },
  });
  glas = await starting;
  if (stopping) return;
  const url = config.publicUrl;
  glas.app.log.info({ url }, 'Glas is running');
  if (config.demo) {
    const lines = [
      '',
      `Glas is running at ${url}`,
      `Citizens start at ${url}/ (the citizen's phone: ${url}/demo/phone); staff sign in at ${url}/staff`,
      seeded ? 'A demo municipality was created. Sign in as:' : 'Demo logins (created earlier):',
      ...DEMO_LOGINS.map((l) => `  ${l.username.padEnd(12)} ${l.role.padEnd(16)} password: ${config.adminPassword ?? 'demo-glas-2026'}`),
      `API documentation: ${url}/api/v1/docs`,
      '',
    ];
    console.log(lines.join('\n'));
  } else if (!hasAdmin) {
    console.log(
      [
        '',
        `Glas is running at ${url}, but no administrator can sign in yet. Create the first one with:`,
        '  npm run glas -- create-admin <username> "<full name>" <password>',
        '(with the same DATABASE_URL or GLAS_DATA_DIR as this Glas; it works while Glas runs).',
        '',
      ].join('\n'),
    );
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
