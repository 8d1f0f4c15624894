/**
 * A first start on a production DATABASE_URL (no GLAS_DEMO said) seeds nothing, no demo staff with
 * the published password, and tells the operator how to create the first administrator.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase } from './helpers/db.ts';
import { glasFolder, startGlasProcess, waitReady } from './helpers/glas-process.ts';

test('a production start on DATABASE_URL seeds nothing and prints how to create an administrator', { timeout: 120_000 }, async () => {
  const tdb = await createTestDatabase();
  const folder = await glasFolder('glas-production-', { DATABASE_URL: tdb.url });
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
