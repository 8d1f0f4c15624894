/**
 * The one-command promise on a real process: Glas with its embedded PostgreSQL survives `kill -9`
 * (the orphaned server is found and handled on the next start, no committed case is lost) and
 * stops cleanly on SIGTERM.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, chmodSync, rmSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

async function waitReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`Glas exited early (${child.exitCode}):\n${log()}`);
    try {
      const r = await fetch(`${url}/readyz`);
      if (r.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Glas did not become ready:\n${log()}`);
}

test('kill -9 loses no committed case and the next start needs no manual step; SIGTERM stops Glas and its PostgreSQL', { timeout: 240_000 }, async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'glas-restart-'));
  chmodSync(dataDir, 0o755);
  const env = {
    ...process.env,
    GLAS_DATA_DIR: dataDir,
    GLAS_EMBEDDED_PG_PORT: String(await freePort()),
    PORT: String(await freePort()),
    GLAS_DEMO: '0',
    GLAS_WORKER: '0',
    GLAS_LOG_LEVEL: 'warn',
    DATABASE_URL: '',
    GLAS_COOKIE_SECURE: '0',
  };
  const url = `http://127.0.0.1:${env.PORT}`;
  try {
    const seeded = spawnSync(process.execPath, ['src/cli.ts', 'seed-demo'], { env, encoding: 'utf8' });
    assert.equal(seeded.status, 0, seeded.stderr);
    let out = '';
    const start = () => {
      const child = spawn(process.execPath, ['src/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout!.on('data', (d) => {
        out += d;
      });
      child.stderr!.on('data', (d) => {
        out += d;
      });
      return child;
    };
    let glas = start();
    await waitReady(url, glas, () => out);
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'pisarnica', password: 'demo-glas-2026' }),
    });
    assert.equal(login.status, 200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const types = (await (await fetch(`${url}/api/v1/case-types`, { headers: { cookie } })).json()) as { items: { id: number; code: string }[] };
    const reg = await fetch(`${url}/api/v1/cases`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({
        caseTypeId: types.items.find((t) => t.code === 'UP')!.id,
        subject: 'Pre pada',
        channel: 'counter',
        parties: [{ name: 'Ana Anić', phone: '0641234000' }],
      }),
    });
    assert.equal(reg.status, 201);
    const created = (await reg.json()) as { id: string; number: string };

    glas.kill('SIGKILL');
    await new Promise((r) => glas.once('exit', r));
    const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
    assert.ok(existsSync(pidFile), 'the embedded PostgreSQL outlives the killed app (an orphan the next start must handle)');

    out = '';
    glas = start();
    await waitReady(url, glas, () => out);
    const login2 = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'pisarnica', password: 'demo-glas-2026' }),
    });
    const cookie2 = login2.headers.get('set-cookie')!.split(';')[0]!;
    const got = await fetch(`${url}/api/v1/cases/${created.id}`, { headers: { cookie: cookie2 } });
    assert.equal(got.status, 200);
    assert.equal(((await got.json()) as { number: string }).number, created.number);

    const pgPid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    glas.kill('SIGTERM');
    const code = await new Promise((r) => glas.once('exit', (c) => r(c)));
    assert.equal(code, 0, out);
    assert.ok(!existsSync(pidFile), 'PostgreSQL stopped with the app');
    // Gone, or a zombie waiting for a container init that does not reap: either way no longer running.
    const state = existsSync(`/proc/${pgPid}/stat`) ? readFileSync(`/proc/${pgPid}/stat`, 'utf8').split(') ')[1]![0] : 'gone';
    assert.ok(state === 'gone' || state === 'Z', `postgres ${pgPid} is still running (state ${state})`);
  } finally {
    const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
});
