/**
 * Glas as a real process on loopback, with its embedded PostgreSQL in a temporary data folder: for
 * tests of what only a real process shows (operator commands beside it, a database that dies).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, chmodSync, rmSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface GlasFolder {
  dataDir: string;
  env: Record<string, string | undefined>;
  url: string;
  /** The pid in the embedded PostgreSQL's lock file, or 0. */
  postmasterPid(): number;
  /** The embedded database's own URL (password from the data folder). */
  databaseUrl(): string;
  /** Glas processes started on the folder (killed by remove). */
  children: ChildProcess[];
  /** Kills whatever still runs in the folder and removes it. */
  remove(): void;
}

export async function glasFolder(prefix: string, extra: Record<string, string> = {}): Promise<GlasFolder> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(dataDir, 0o755);
  const pgPort = await freePort();
  const env = {
    ...process.env,
    GLAS_DATA_DIR: dataDir,
    GLAS_EMBEDDED_PG_PORT: String(pgPort),
    PORT: String(await freePort()),
    GLAS_DEMO: '0',
    GLAS_WORKER: '0',
    GLAS_LOG_LEVEL: 'warn',
    DATABASE_URL: '',
    GLAS_COOKIE_SECURE: '0',
    ...extra,
  };
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  const postmasterPid = () => (existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : 0);
  const children: ChildProcess[] = [];
  return {
    dataDir,
    env,
    url: `http://127.0.0.1:${env.PORT}`,
    postmasterPid,
    children,
    databaseUrl: () => `postgres://glas:${encodeURIComponent(readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim())}@127.0.0.1:${pgPort}/glas`,
    remove() {
      // A failed test must not leave Glas running (the test runner would wait for it).
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
      const pid = postmasterPid();
      if (pid > 0) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface GlasProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

export function startGlasProcess(folder: GlasFolder, nodeArgs: string[] = []): GlasProcess {
  let out = '';
  const child = spawn(process.execPath, [...nodeArgs, 'src/main.ts'], { env: folder.env, stdio: ['ignore', 'pipe', 'pipe'] });
  folder.children.push(child);
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, output: () => out, exited };
}

/** An operator command (`npm run glas -- …`) on the folder, to its end. */
export function runCli(
  folder: GlasFolder,
  args: string[],
  onSpawn?: (child: ChildProcess) => void,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['src/cli.ts', ...args], { env: folder.env, stdio: ['ignore', 'pipe', 'pipe'] });
    onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => {
      stdout += d;
    });
    child.stderr!.on('data', (d) => {
      stderr += d;
    });
    child.once('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

export async function readyz(url: string): Promise<number> {
  try {
    return (await fetch(`${url}/readyz`)).status;
  } catch {
    return 0;
  }
}

/** Polls /readyz until 200; throws with the log when the process exits or `maxMs` passes. */
export async function waitReady(url: string, glas: GlasProcess, maxMs = 120_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    if (glas.child.exitCode !== null) throw new Error(`Glas exited early (${glas.child.exitCode}):\n${glas.output()}`);
    if ((await readyz(url)) === 200) return;
    await sleep(100);
  }
  throw new Error(`Glas was not ready within ${maxMs} ms:\n${glas.output()}`);
}

/** Running, and not a zombie waiting for a container init that does not reap. */
export function processRunning(pid: number): boolean {
  if (!existsSync(`/proc/${pid}/stat`)) return false;
  return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]![0] !== 'Z';
}

export interface Clerk {
  cookie: string;
  csrf: string;
  caseTypeId: number;
}

export async function signInClerk(url: string, username = 'pisarnica', password = 'demo-glas-2026'): Promise<Clerk> {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (login.status !== 200) throw new Error(`login as ${username}: ${login.status} ${await login.text()}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const types = (await (await fetch(`${url}/api/v1/case-types`, { headers: { cookie } })).json()) as { items: { id: number; code: string }[] };
  return { cookie, csrf: csrfToken, caseTypeId: types.items.find((t) => t.code === 'UP')!.id };
}

export function caseBody(caseTypeId: number, subject: string): string {
  return JSON.stringify({ caseTypeId, subject, channel: 'counter', parties: [{ name: 'Ana Anić', phone: '0641234000' }] });
}

/** Registers a case at the counter; answers the status and, on 201, the case. */
export async function registerCase(
  url: string,
  clerk: Clerk,
  subject: string,
  signal?: AbortSignal,
): Promise<{ status: number; id?: string; number?: string }> {
  const r = await fetch(`${url}/api/v1/cases`, {
    method: 'POST',
    signal,
    headers: { cookie: clerk.cookie, 'x-csrf-token': clerk.csrf, 'content-type': 'application/json' },
    body: caseBody(clerk.caseTypeId, subject),
  });
  if (r.status !== 201) {
    await r.arrayBuffer().catch(() => {});
    return { status: r.status };
  }
  const c = (await r.json()) as { id: string; number: string };
  return { status: 201, id: c.id, number: c.number };
}
