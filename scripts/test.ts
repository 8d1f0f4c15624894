/**
 * `npm test`: runs every test against a real PostgreSQL. Uses TEST_DATABASE_URL when set (a server on
 * which it may create databases), otherwise starts an embedded PostgreSQL in a temporary folder.
 * Migrates one template database once; each test file clones it (CREATE DATABASE … TEMPLATE), so files
 * run in parallel on isolated databases. Browser tests need Chromium: installed from Debian when missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, chmodSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { connect, migrate } from '../src/kernel/db/database.ts';
import { startEmbeddedPostgres } from '../src/kernel/db/embedded-postgres.ts';
import { buildWeb } from './build-web.ts';

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(`tests need Node 24+, got ${process.version}; run them with npm test`);
  process.exit(2);
}

function ensureChromium() {
  if (process.env.GLAS_SKIP_BROWSER_INSTALL === '1' || existsSync('/usr/bin/chromium')) return;
  if (process.getuid?.() !== 0) {
    console.error('Chromium is missing (/usr/bin/chromium): install it with `sudo apt-get install -y chromium` for the browser tests.');
    process.exit(2);
  }
  console.error('installing Chromium from Debian for the browser tests…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-dejavu-core']]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed`);
      process.exit(2);
    }
  }
}

/**
 * The linters run before any test, and an error stops the run here, before a database is made:
 * Biome (biome.jsonc; only errors are printed, `npm run lint` also lists the warnings), then Knip
 * (knip.jsonc: unused files, exports and dependencies).
 */
function lint(): boolean {
  if (process.env.GLAS_SKIP_LINT === '1') return true;
  const root = fileURLToPath(new URL('..', import.meta.url));
  const tool = (bin: string, args: string[]) =>
    spawnSync(process.execPath, [path.join(root, 'node_modules', bin), ...args], { stdio: 'inherit', cwd: root }).status === 0;
  // `check`: lint errors and unformatted files both stop the run (`npm run format` formats the tree).
  if (tool('@biomejs/biome/bin/biome', ['check', '--diagnostic-level=error']) && tool('knip/bin/knip.js', ['--no-progress'])) return true;
  console.error('\nnpm test stopped: the linter found errors (listed above; `npm run lint` also shows the warnings). Fix them, then run the tests again.');
  return false;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

async function main(): Promise<number> {
  if (!lint()) return 1;
  ensureChromium();
  if (process.env.GLAS_SKIP_WEB_BUILD !== '1' && !buildWeb()) return 1;
  let serverUrl = process.env.TEST_DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | null = null;
  let tmp: string | null = null;
  if (!serverUrl) {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'glas-test-pg-'));
    chmodSync(tmp, 0o755);
    const embedded = await startEmbeddedPostgres({ dataDir: tmp, port: await freePort(), database: 'postgres' });
    serverUrl = embedded.url;
    stopEmbedded = embedded.stop;
    console.error(`tests run on an embedded PostgreSQL in ${tmp}`);
  }
  const template = `glas_test_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${template}`);
  await admin.query(`create database ${template}`);
  const url = new URL(serverUrl);
  url.pathname = `/${template}`;
  const handle = connect(url.toString(), 2);
  await migrate(handle);
  await handle.close();

  const patterns = process.argv.slice(2).length ? process.argv.slice(2) : ['src/**/*.test.ts', 'test/**/*.test.ts'];
  const r = spawnSync(process.execPath, ['--test', `--test-concurrency=${process.env.GLAS_TEST_CONCURRENCY ?? 2}`, '--test-timeout=300000', ...patterns], {
    stdio: 'inherit',
    env: { ...process.env, GLAS_TEST_SERVER_URL: serverUrl, GLAS_TEST_TEMPLATE: template },
  });
  await admin.query(`drop database if exists ${template}`).catch(() => {});
  await admin.end();
  await stopEmbedded?.();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  return r.status ?? 1;
}

process.exitCode = await main();
