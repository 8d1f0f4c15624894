/**
 * A first start on a production DATABASE_URL (no GLAS_DEMO said) seeds nothing, no demo staff with
 * the published password, and tells the operator how to create the first administrator; it needs
 * GLAS_SECRET_KEY, and encrypts second-factor secrets an earlier Glas kept as plaintext.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, TEST_SECRET_KEY } from './helpers/db.ts';
import { glasFolder, startGlasProcess, waitReady } from './helpers/glas-process.ts';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { withSecretKey } from '../src/runtime.ts';
import { createStaffUser } from '../src/organisation/commands/create-staff-user.ts';
import { newTotpSecret, totpCode } from '../src/organisation/domain/totp.ts';
import { openSecret } from '../src/kernel/lib/secrets.ts';
import { PASSWORD } from './helpers/fixtures.ts';

test('a production start on DATABASE_URL seeds nothing and prints how to create an administrator', { timeout: 120_000 }, async () => {
  const tdb = await createTestDatabase();
  const folder = await glasFolder('glas-production-', { DATABASE_URL: tdb.url, GLAS_SECRET_KEY: TEST_SECRET_KEY });
  delete folder.env.GLAS_DEMO;
  try {
    const glas = startGlasProcess(folder);
    await waitReady(folder.url, glas);
    const users = await tdb.handle.pool.query<{ n: string }>('select count(*)::text as n from users');
    assert.equal(users.rows[0]!.n, '0', 'no demo staff');
    assert.match(
      glas.output(),
      /no administrator can sign in yet\. Create the first one with:\n {2}npm run glas -- create-admin <username> "<full name>" <password>/,
    );
    assert.doesNotMatch(glas.output(), /demo-glas-2026/);
    const login = await fetch(`${folder.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'demo-glas-2026' }),
    });
    assert.equal(login.status, 401);
    glas.child.kill('SIGTERM');
    assert.equal(await glas.exited, 0, glas.output());
  } finally {
    folder.remove();
    await tdb.drop();
  }
});

test('a production start on DATABASE_URL without GLAS_SECRET_KEY stops at once, saying how to make one; the embedded database makes its own once', {
  timeout: 60_000,
}, async () => {
  const tdb = await createTestDatabase();
  const folder = await glasFolder('glas-production-key-', { DATABASE_URL: tdb.url });
  delete folder.env.GLAS_DEMO;
  delete folder.env.GLAS_SECRET_KEY;
  try {
    const glas = startGlasProcess(folder);
    assert.equal(await glas.exited, 2, glas.output());
    assert.match(glas.output(), /GLAS_SECRET_KEY must be set with DATABASE_URL .*openssl rand -base64 32/);
    assert.ok(!existsSync(path.join(folder.dataDir, 'secret-key')), 'no key of its own beside a shared database');
  } finally {
    folder.remove();
    await tdb.drop();
  }
  // The same rule, as the runtime applies it: the demo and the embedded database get the data folder's key.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'glas-key-'));
  try {
    const embedded = withSecretKey(loadConfig({ GLAS_DATA_DIR: dir, GLAS_DEMO: '0' }));
    assert.equal(embedded.secretKey?.length, 32);
    assert.deepEqual(withSecretKey(loadConfig({ GLAS_DATA_DIR: dir })).secretKey, embedded.secretKey, 'made once');
    const demoOnServer = withSecretKey(loadConfig({ GLAS_DATA_DIR: dir, DATABASE_URL: 'postgres://glas@db.example.org/glas', GLAS_DEMO: '1' }));
    assert.deepEqual(demoOnServer.secretKey, embedded.secretKey);
    const given = withSecretKey(loadConfig({ DATABASE_URL: 'postgres://glas@db.example.org/glas', GLAS_SECRET_KEY: TEST_SECRET_KEY }));
    assert.deepEqual(given.secretKey, Buffer.from(TEST_SECRET_KEY, 'base64'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('upgrading: a TOTP secret an earlier Glas kept as plaintext is encrypted at the first start, and the app still signs its owner in', {
  timeout: 120_000,
}, async () => {
  const tdb = await createTestDatabase();
  const u = await createStaffUser(
    tdb.ctx,
    { kind: 'system', name: 'test' },
    { username: 'old2fa', displayName: 'Old Factor', password: PASSWORD, role: 'leadership' },
  );
  const secret = newTotpSecret();
  await tdb.ctx.db.insertInto('staff_second_factors').values({ user_id: u.id, secret, confirmed_at: new Date(), last_step: null }).execute();
  const folder = await glasFolder('glas-upgrade-', { DATABASE_URL: tdb.url, GLAS_SECRET_KEY: TEST_SECRET_KEY, GLAS_DEMO: '0' });
  try {
    const glas = startGlasProcess(folder);
    await waitReady(folder.url, glas);
    const kept = (await tdb.ctx.db.selectFrom('staff_second_factors').select('secret').where('user_id', '=', u.id).executeTakeFirstOrThrow()).secret;
    assert.notEqual(kept, secret);
    assert.equal(openSecret(Buffer.from(TEST_SECRET_KEY, 'base64'), kept, `staff_second_factors:${u.id}`), secret, 'encrypted under GLAS_SECRET_KEY');
    const post = (url: string, body: unknown) =>
      fetch(`${folder.url}${url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const step: { secondFactor: string; challenge: string } = await (await post('/api/v1/auth/login', { username: 'old2fa', password: PASSWORD })).json();
    assert.equal(step.secondFactor, 'totp');
    const done = await post('/api/v1/auth/login/second-factor', { challenge: step.challenge, code: totpCode(secret, new Date()) });
    assert.equal(done.status, 200, await done.text());
    glas.child.kill('SIGTERM');
    assert.equal(await glas.exited, 0, glas.output());
  } finally {
    folder.remove();
    await tdb.drop();
  }
});
