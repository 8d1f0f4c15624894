/**
 * Every operator command of the README, run while Glas serves the same data folder with its embedded
 * PostgreSQL, works against the running server and leaves it running: /readyz stays 200 during and
 * after each command, and a case can be registered between them. (Before, the orphan clean-up of the
 * command stopped the live Glas's database.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { glasFolder, startGlasProcess, runCli, waitReady, readyz, signInClerk, registerCase, processRunning, caseBody, sleep } from './helpers/glas-process.ts';

test('operator commands beside a running Glas use its embedded PostgreSQL and leave it ready', { timeout: 240_000 }, async () => {
  const folder = await glasFolder('glas-cli-beside-');
  try {
    const glas = startGlasProcess(folder);
    await waitReady(folder.url, glas);
    // No demo was asked for (GLAS_DEMO=0): nothing seeded, and the start says how to make an administrator.
    assert.match(glas.output(), /npm run glas -- create-admin <username> "<full name>" <password>/);
    const postmaster = folder.postmasterPid();
    const owner = JSON.parse(readFileSync(path.join(folder.dataDir, 'embedded-owner.json'), 'utf8')) as { pid: number; role: string };
    assert.deepEqual([owner.pid, owner.role], [glas.child.pid, 'server']);

    // Each command runs to its end while /readyz is polled: not one answer other than 200.
    const besideGlas = async (args: string[]) => {
      let running = true;
      const seen = new Set<number>();
      const poll = (async () => {
        while (running) {
          seen.add(await readyz(folder.url));
          await sleep(50);
        }
      })();
      const r = await runCli(folder, args);
      running = false;
      await poll;
      seen.add(await readyz(folder.url));
      assert.deepEqual([...seen], [200], `/readyz during and after "${args.join(' ')}": ${[...seen].join(', ')}\n${glas.output()}`);
      assert.equal(folder.postmasterPid(), postmaster, `"${args.join(' ')}" left the same PostgreSQL running`);
      assert.doesNotMatch(r.stderr, /stopping it/);
      return r;
    };

    let n = 0;
    let clerk: Awaited<ReturnType<typeof signInClerk>> | null = null;
    const registers = async () => {
      const c = await registerCase(folder.url, clerk!, `Između komandi ${++n}`);
      assert.equal(c.status, 201);
      return c;
    };

    const migrate = await besideGlas(['migrate']);
    assert.equal(migrate.status, 0, migrate.stderr);
    assert.match(migrate.stdout, /database is up to date/);

    const seed = await besideGlas(['seed-demo']);
    assert.equal(seed.status, 0, seed.stderr);
    assert.match(seed.stdout, /demo municipality seeded/);
    clerk = await signInClerk(folder.url);
    const first = await registers();

    const admin = await besideGlas(['create-admin', 'nacelnik', 'Marko Marković', 'dugacka-lozinka-2026']);
    assert.equal(admin.status, 0, admin.stderr);
    assert.match(admin.stdout, /administrator nacelnik created/);
    await registers();
    const adminLogin = await fetch(`${folder.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'nacelnik', password: 'dugacka-lozinka-2026' }),
    });
    assert.equal(adminLogin.status, 200, 'the running Glas sees the administrator the command created');

    const token = await besideGlas(['create-token', 'pisarnica', 'Šalter integracija', 'cases:read,cases:write']);
    assert.equal(token.status, 0, token.stderr);
    const bearer = token.stdout.trim();
    const byToken = await fetch(`${folder.url}/api/v1/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: caseBody(clerk.caseTypeId, 'Preko tokena'),
    });
    assert.equal(byToken.status, 201, 'the running Glas accepts the token the command issued');
    await registers();

    const all = await besideGlas(['verify-chains']);
    assert.equal(all.status, 0, all.stderr);
    assert.match(all.stdout, / 0 broken/);
    const one = await besideGlas(['verify-chains', first.number!]);
    assert.equal(one.status, 0, one.stderr);
    assert.match(one.stdout, /^1 case histories checked, 0 broken/m);

    const usage = await besideGlas(['help']);
    assert.equal(usage.status, 0);
    await registers();

    // A second Glas on the same folder refuses to start and leaves the first one serving.
    const second = startGlasProcess({ ...folder, env: { ...folder.env, PORT: '0' } });
    assert.notEqual(await second.exited, 0);
    assert.match(second.output(), /Another Glas \(pid \d+\) is already running the embedded PostgreSQL/);
    assert.equal(await readyz(folder.url), 200);
    await registers();

    glas.child.kill('SIGTERM');
    assert.equal(await glas.exited, 0, glas.output());
    assert.ok(!processRunning(postmaster), 'PostgreSQL stopped with Glas');
    assert.ok(!existsSync(path.join(folder.dataDir, 'embedded-owner.json')), 'the owner record is gone with its owner');

    // Without a running Glas, a command starts the embedded server for itself and stops it again.
    const alone = await runCli(folder, ['verify-chains']);
    assert.equal(alone.status, 0, alone.stderr);
    assert.match(alone.stdout, /^[1-9]\d* case histories checked, 0 broken/m);
    assert.equal(folder.postmasterPid(), 0, 'the command stopped the server it started');
  } finally {
    folder.remove();
  }
});

test('Glas started while an operator command runs the embedded PostgreSQL for itself waits for it instead of killing its server', {
  timeout: 180_000,
}, async () => {
  const folder = await glasFolder('glas-cli-first-', { GLAS_LOG_LEVEL: 'info' });
  let cli: ChildProcess | null = null;
  try {
    const seeded = await runCli(folder, ['seed-demo']);
    assert.equal(seeded.status, 0, seeded.stderr);
    const ownerFile = path.join(folder.dataDir, 'embedded-owner.json');
    const command = runCli(folder, ['verify-chains'], (c) => {
      cli = c;
    });
    // The command is held (SIGSTOP) once it owns the folder, so that Glas surely starts meanwhile.
    for (let i = 0; i < 1500 && !(existsSync(ownerFile) && readFileSync(ownerFile, 'utf8').includes('"cli"')); i++) await sleep(20);
    cli!.kill('SIGSTOP');
    const glas = startGlasProcess(folder);
    for (let i = 0; i < 1500 && !glas.output().includes('waiting for the operator command'); i++) await sleep(20);
    assert.match(glas.output(), new RegExp(`waiting for the operator command \\(pid ${cli!.pid}\\)`));
    cli!.kill('SIGCONT');
    const r = await command;
    assert.equal(r.status, 0, `${r.stderr}\n${glas.output()}`);
    assert.match(r.stdout, /case histories checked, 0 broken/);
    await waitReady(folder.url, glas);
    const clerk = await signInClerk(folder.url);
    assert.equal((await registerCase(folder.url, clerk, 'Posle komande')).status, 201);
    glas.child.kill('SIGTERM');
    assert.equal(await glas.exited, 0, glas.output());
  } finally {
    // Never leave the held command stopped behind a failed assertion.
    const held = cli as ChildProcess | null;
    if (held && held.exitCode === null) {
      held.kill('SIGCONT');
      held.kill('SIGKILL');
    }
    folder.remove();
  }
});
