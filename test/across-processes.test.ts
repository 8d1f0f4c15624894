/**
 * Several Glas processes share one database (DATABASE_URL): what one of them (or an operator command)
 * changes and the others keep in memory holds in every other at once: a wording, not only after a
 * restart; a deactivation or a revoked token, not only when the session cache runs out. A process that
 * lost its listening connection listens again and catches up. This test process plays the other process:
 * it changes things through the same commands the API runs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, TEST_SECRET_KEY } from './helpers/db.ts';
import { glasFolder, startGlasProcess, waitReady, type GlasProcess } from './helpers/glas-process.ts';
import { saveOverride } from '../src/translations/commands/save-override.ts';
import { createStaffUser } from '../src/organisation/commands/create-staff-user.ts';
import { setStaffUserActive } from '../src/organisation/commands/set-user-active.ts';
import { createApiToken, revokeApiTokenCommand } from '../src/organisation/commands/manage-api-tokens.ts';
import { SYSTEM_ACTOR } from '../src/kernel/types.ts';
import { PASSWORD } from './helpers/fixtures.ts';

/**
 * Resolves when the process's output has one more line matching `pattern` than it had when asked; rejects when
 * the process exits or the test times out (its signal), so the test ends and cleans up instead of hanging.
 */
function nextLine(glas: GlasProcess, pattern: RegExp, signal: AbortSignal): Promise<void> {
  const count = () =>
    glas
      .output()
      .split('\n')
      .filter((l) => pattern.test(l)).length;
  const before = count();
  return new Promise((resolve, reject) => {
    // The log is on standard error, the start-up notice on standard output; output() holds both.
    const streams = [glas.child.stdout!, glas.child.stderr!];
    const onData = () => {
      if (count() > before) {
        for (const s of streams) s.off('data', onData);
        resolve();
      }
    };
    for (const s of streams) s.on('data', onData);
    void glas.exited.then((code) => reject(new Error(`Glas exited (${code}):\n${glas.output()}`)));
    signal.addEventListener('abort', () => reject(new Error(`no line matching ${pattern} came:\n${glas.output()}`)));
  });
}

async function loginFailure(url: string): Promise<string> {
  const r = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'en' },
    body: JSON.stringify({ username: 'nobody', password: 'not-the-password' }),
  });
  assert.equal(r.status, 401);
  return ((await r.json()) as { error: { message: string } }).error.message;
}

test('a wording saved elsewhere is in force in a running process at once, and again after its listening connection was cut', {
  timeout: 120_000,
}, async (t) => {
  const tdb = await createTestDatabase();
  const folder = await glasFolder('glas-wording-', { DATABASE_URL: tdb.url, GLAS_SECRET_KEY: TEST_SECRET_KEY, GLAS_LOG_LEVEL: 'debug' });
  try {
    const glas = startGlasProcess(folder);
    await waitReady(folder.url, glas);
    assert.equal(await loginFailure(folder.url), 'Wrong username or password.');

    const followed = nextLine(glas, /followed a change/, t.signal);
    await saveOverride(tdb.ctx, SYSTEM_ACTOR, { key: 'error.login_failed', locale: 'en', text: 'That username and password do not match.' });
    await followed;
    assert.equal(await loginFailure(folder.url), 'That username and password do not match.');

    // The database ends the listening connection (a restart, a network cut): the process listens again,
    // reloads what it may have missed, and follows the next change too.
    const listening = nextLine(glas, /listening for changes again/, t.signal);
    const cut = await tdb.handle.pool.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'glas-changes' and datname = current_database()`,
    );
    assert.equal(cut.rowCount, 1);
    await listening;
    const followedAgain = nextLine(glas, /followed a change/, t.signal);
    await saveOverride(tdb.ctx, SYSTEM_ACTOR, { key: 'error.login_failed', locale: 'en', text: null });
    await followedAgain;
    assert.equal(await loginFailure(folder.url), 'Wrong username or password.');

    glas.child.kill('SIGTERM');
    assert.equal(await glas.exited, 0, glas.output());
  } finally {
    folder.remove();
    await tdb.drop();
  }
});

test('a deactivation and a revoked token made elsewhere refuse a session and a token that process has just let in', { timeout: 120_000 }, async (t) => {
  const tdb = await createTestDatabase();
  const folder = await glasFolder('glas-access-', { DATABASE_URL: tdb.url, GLAS_SECRET_KEY: TEST_SECRET_KEY, GLAS_LOG_LEVEL: 'debug' });
  const accessFollowed = /"channel":"glas_access_changed","msg":"followed a change"/;
  try {
    const clerk = await createStaffUser(tdb.ctx, SYSTEM_ACTOR, { username: 'clerk', displayName: 'Clerk', password: PASSWORD, role: 'operator' });
    const other = await createStaffUser(tdb.ctx, SYSTEM_ACTOR, { username: 'other', displayName: 'Other', password: PASSWORD, role: 'operator' });
    const token = await createApiToken(tdb.ctx, SYSTEM_ACTOR, { name: 'integration', userId: other.id, scopes: ['cases:read'] });
    const glas = startGlasProcess(folder);
    await waitReady(folder.url, glas);
    const login = await fetch(`${folder.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'clerk', password: PASSWORD }),
    });
    assert.equal(login.status, 200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const me = (headers: Record<string, string>) => fetch(`${folder.url}/api/v1/auth/me`, { headers }).then((r) => r.status);
    // Each is let in once, so the process keeps it for the seconds of its session cache.
    assert.equal(await me({ cookie }), 200);
    assert.equal(await me({ authorization: `Bearer ${token.token}` }), 200);

    const deactivated = nextLine(glas, accessFollowed, t.signal);
    await setStaffUserActive(tdb.ctx, SYSTEM_ACTOR, clerk.id, false);
    await deactivated;
    assert.equal(await me({ cookie }), 401);

    const revoked = nextLine(glas, accessFollowed, t.signal);
    await revokeApiTokenCommand(tdb.ctx, SYSTEM_ACTOR, token.id);
    await revoked;
    assert.equal(await me({ authorization: `Bearer ${token.token}` }), 401);

    glas.child.kill('SIGTERM');
    assert.equal(await glas.exited, 0, glas.output());
  } finally {
    folder.remove();
    await tdb.drop();
  }
});
