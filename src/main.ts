/** `npm start`: runs Glas (embedded PostgreSQL unless DATABASE_URL is set), seeding the demo municipality into an empty database. */
import { ConfigError, loadConfig } from './config.ts';
import { startGlas } from './runtime.ts';
import { seedDemoIfEmpty, DEMO_LOGINS } from './demo/seed.ts';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) { console.error(e.message); process.exit(2); }
    throw e;
  }
  if (!process.version.startsWith('v24') && !process.version.startsWith('v25') && !process.version.startsWith('v26')) {
    console.error(`Glas needs Node.js 24 or newer; this is ${process.version}. Run it through npm (npm start), which uses the Node 24 from node_modules.`);
    process.exit(2);
  }
  let seeded = false;
  const glas = await startGlas(config, {
    afterMigrate: async (ctx) => { if (config.demo) seeded = await seedDemoIfEmpty(ctx); },
  });
  const url = config.publicUrl;
  glas.app.log.info({ url }, 'Glas is running');
  if (config.demo) {
    const lines = [
      '',
      `Glas is running at ${url}`,
      seeded ? 'A demo municipality was created. Sign in as:' : 'Demo logins (created earlier):',
      ...DEMO_LOGINS.map((l) => `  ${l.username.padEnd(12)} ${l.role.padEnd(16)} password: ${config.adminPassword ?? 'demo-glas-2026'}`),
      `API documentation: ${url}/api/v1/docs`,
      '',
    ];
    console.log(lines.join('\n'));
  }
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    glas.app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 30_000);
    force.unref();
    await glas.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
