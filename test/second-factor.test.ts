import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { URI } from 'otpauth';
import { startTestApp, type TestApp, type Session } from './helpers/app.ts';
import { createStaffUser } from '../src/organisation/commands/create-staff-user.ts';
import { PASSWORD } from './helpers/fixtures.ts';
import { newTotpSecret, totpCode } from '../src/organisation/domain/totp.ts';
import { resealTotpSecrets, sealPlainTotpSecrets } from '../src/organisation/commands/seal-totp-secrets.ts';
import { savePendingSecret, totpSecretOf } from '../src/organisation/repositories/second-factor-repository.ts';
import { randomBytes } from 'node:crypto';

let t: TestApp;
let admin: Session;
const SYSTEM = { kind: 'system', name: 'test' } as const;
// The clock is held still and moved on by hand: a code belongs to a 30-second step, and a step works once.
let now = new Date();
const later = (seconds: number) => {
  now = new Date(now.getTime() + seconds * 1000);
};

before(async () => {
  t = await startTestApp();
  t.ctx.now = () => now;
  admin = await t.login('admin');
});
after(async () => {
  await t.close();
});

/** The code an authenticator app shows, computed with otpauth from the otpauth:// address, as a phone would. */
const appCode = (uri: string) => URI.parse(uri).generate({ timestamp: now.getTime() });

const login = (username: string, password = PASSWORD) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
const secondStep = (challenge: string, code: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login/second-factor', payload: { challenge, code } });
const sessionOf = (r: { cookies: { name: string; value: string }[]; json(): { csrfToken: string } }): Session => ({
  cookie: `glas_session=${r.cookies.find((c) => c.name === 'glas_session')!.value}`,
  csrf: r.json().csrfToken,
});

const notTheCode = (code: string) => (code === '000000' ? '111111' : '000000');

async function enrol(s: Session) {
  const started = await t.call({ method: 'POST', url: '/api/v1/me/second-factor/enrolment', as: s });
  assert.equal(started.statusCode, 200, started.body);
  const { uri, secret } = started.json() as { uri: string; secret: string };
  assert.match(uri, /^otpauth:\/\/totp\//);
  assert.ok(uri.includes(secret));
  const wrong = await t.call({ method: 'POST', url: '/api/v1/me/second-factor/confirmation', as: s, payload: { code: notTheCode(appCode(uri)) } });
  assert.equal(wrong.statusCode, 401, wrong.body);
  const ok = await t.call({ method: 'POST', url: '/api/v1/me/second-factor/confirmation', as: s, payload: { code: appCode(uri) } });
  assert.equal(ok.statusCode, 200, ok.body);
  return { uri, recoveryCodes: ok.json().recoveryCodes as string[] };
}

test('a clerk enrols TOTP; the password alone then opens no session; the code does, once; a recovery code works once; both are audited', async () => {
  const u = await createStaffUser(t.ctx, SYSTEM, {
    username: 'totp1',
    displayName: 'Tanja Totp',
    password: PASSWORD,
    role: 'case_officer',
    unitId: t.m.units.a.id,
  });
  const s = await t.login('totp1');
  const { uri, recoveryCodes } = await enrol(s);
  assert.equal(recoveryCodes.length, 10);
  const stored = await t.ctx.db.selectFrom('staff_recovery_codes').select('code_hash').where('user_id', '=', u.id).execute();
  assert.equal(stored.length, 10);
  for (const c of recoveryCodes) assert.ok(!stored.some((x) => x.code_hash.includes(c.replace('-', ''))), 'recovery codes are kept only as hashes');
  const kept = await t.ctx.db.selectFrom('staff_second_factors').select('secret').where('user_id', '=', u.id).executeTakeFirstOrThrow();
  const secret = URI.parse(uri).secret.base32;
  assert.match(kept.secret, /^v1\./, 'the TOTP secret is kept encrypted');
  assert.ok(!kept.secret.includes(secret) && !kept.secret.includes(Buffer.from(secret).toString('base64')));
  const status = (await t.call({ method: 'GET', url: '/api/v1/me/second-factor', as: s })).json();
  assert.deepEqual(status, { enabled: true, recoveryCodesLeft: 10, required: false });

  later(30);
  const first = await login('totp1');
  assert.equal(first.statusCode, 200);
  assert.equal(
    first.cookies.find((c) => c.name === 'glas_session'),
    undefined,
    'no session from the password alone',
  );
  assert.equal(first.json().secondFactor, 'totp');
  const challenge = first.json().challenge as string;
  const wrong = await secondStep(challenge, notTheCode(appCode(uri)));
  assert.equal(wrong.statusCode, 401);
  assert.equal(wrong.json().error.code, 'second_factor_code');
  const code = appCode(uri);
  const ok = await secondStep(challenge, code);
  assert.equal(ok.statusCode, 200, ok.body);
  const me = await t.call({ method: 'GET', url: '/api/v1/auth/me', as: sessionOf(ok) });
  assert.equal(me.json().userId, u.id);
  assert.equal((await secondStep(challenge, code)).statusCode, 401, 'a finished sign-in step is gone');

  // The same code cannot open a second session within its step.
  const again = await login('totp1');
  assert.equal((await secondStep(again.json().challenge, code)).statusCode, 401, 'a code works once');
  // A recovery code opens it, once.
  const rc = await secondStep(again.json().challenge, recoveryCodes[3]!.toUpperCase());
  assert.equal(rc.statusCode, 200, rc.body);
  const third = await login('totp1');
  assert.equal((await secondStep(third.json().challenge, recoveryCodes[3]!)).statusCode, 401, 'a recovery code works once');
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/me/second-factor', as: sessionOf(rc) })).json().recoveryCodesLeft, 9);

  const trail = (await t.call({ method: 'GET', url: `/api/v1/audit?entity=user&entityId=${u.id}`, as: admin }))
    .json()
    .items.map((i: { action: string }) => i.action);
  assert.ok(trail.includes('enable_second_factor') && trail.includes('use_recovery_code'), trail.join());
});

test('a sign-in step takes five tries and lives five minutes', async () => {
  await createStaffUser(t.ctx, SYSTEM, { username: 'totp2', displayName: 'Tomo Totp', password: PASSWORD, role: 'leadership' });
  const { uri } = await enrol(await t.login('totp2'));
  later(30);
  const a = (await login('totp2')).json().challenge as string;
  for (let i = 0; i < 5; i++) assert.equal((await secondStep(a, notTheCode(appCode(uri)))).statusCode, 401);
  const spent = await secondStep(a, appCode(uri));
  assert.equal(spent.statusCode, 401);
  assert.equal(spent.json().error.code, 'sign_in_step_expired');

  const b = (await login('totp2')).json().challenge as string;
  later(5 * 60 + 1);
  assert.equal((await secondStep(b, appCode(uri))).json().error.code, 'sign_in_step_expired');
});

test("removing a factor needs the password; an administrator can reset a lost one, which ends that user's sessions", async () => {
  const u = await createStaffUser(t.ctx, SYSTEM, {
    username: 'totp3',
    displayName: 'Tea Totp',
    password: PASSWORD,
    role: 'case_officer',
    unitId: t.m.units.a.id,
  });
  const s = await t.login('totp3');
  await enrol(s);
  assert.equal((await t.call({ method: 'POST', url: '/api/v1/me/second-factor/removal', as: s, payload: { password: 'not-my-password' } })).statusCode, 400);
  assert.equal((await t.call({ method: 'POST', url: '/api/v1/me/second-factor/removal', as: s, payload: { password: PASSWORD } })).statusCode, 200);
  assert.equal((await login('totp3')).json().csrfToken !== undefined, true, 'the password alone signs in again');

  const s2 = await t.login('totp3');
  later(30);
  await enrol(s2);
  const clerk = await t.login('clerkA');
  assert.equal((await t.call({ method: 'POST', url: `/api/v1/users/${u.id}/second-factor/reset`, as: clerk })).statusCode, 403);
  const reset = await t.call({ method: 'POST', url: `/api/v1/users/${u.id}/second-factor/reset`, as: admin });
  assert.equal(reset.statusCode, 200, reset.body);
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/auth/me', as: s2 })).statusCode, 401, 'their sessions ended');
  const users = (await t.call({ method: 'GET', url: '/api/v1/users', as: admin })).json().items as { id: string; second_factor: boolean }[];
  assert.equal(users.find((x) => x.id === u.id)?.second_factor, false);
});

test('when the municipality requires it, an administrator without a factor enrols at sign-in before any session exists, and cannot turn it off', async () => {
  await createStaffUser(t.ctx, SYSTEM, { username: 'admin2', displayName: 'Second Admin', password: PASSWORD, role: 'admin' });
  const leader = await t.login('leader');
  assert.equal((await t.call({ method: 'PUT', url: '/api/v1/security-settings', as: leader, payload: { adminSecondFactorRequired: true } })).statusCode, 403);
  // The administrator turning it on must use one first, or the switch would shut them out at once.
  const early = await t.call({
    method: 'PUT',
    url: '/api/v1/security-settings',
    as: admin,
    payload: { adminSecondFactorRequired: true },
    headers: { 'accept-language': 'sr-Latn' },
  });
  assert.equal(early.statusCode, 409, early.body);
  assert.equal(early.json().error.code, 'own_second_factor_first');
  assert.match(early.json().error.message, /^Najpre i sami koristite drugi faktor/);
  later(30);
  await enrol(admin);
  const on = await t.call({ method: 'PUT', url: '/api/v1/security-settings', as: admin, payload: { adminSecondFactorRequired: true } });
  assert.equal(on.statusCode, 200, on.body);
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/users', as: admin })).statusCode, 200, 'the session that enrolled goes on');

  // Other roles are not affected.
  assert.ok((await login('clerkB')).json().csrfToken);
  const r = await login('admin2');
  assert.equal(r.json().secondFactor, 'enrol');
  assert.equal(
    r.cookies.find((c) => c.name === 'glas_session'),
    undefined,
  );
  const { challenge, uri } = r.json() as { challenge: string; uri: string };
  later(30);
  const done = await secondStep(challenge, appCode(uri));
  assert.equal(done.statusCode, 200, done.body);
  assert.equal((done.json().recoveryCodes as string[]).length, 10);
  const s = sessionOf(done);
  assert.deepEqual((await t.call({ method: 'GET', url: '/api/v1/me/second-factor', as: s })).json(), { enabled: true, recoveryCodesLeft: 10, required: true });
  const off = await t.call({ method: 'POST', url: '/api/v1/me/second-factor/removal', as: s, payload: { password: PASSWORD } });
  assert.equal(off.statusCode, 409, off.body);

  later(30);
  const next = await login('admin2');
  assert.equal(next.json().secondFactor, 'totp', 'from now on the code is asked like for anyone with a factor');
  assert.equal((await secondStep(next.json().challenge, appCode(uri))).statusCode, 200);
  await t.call({ method: 'PUT', url: '/api/v1/security-settings', as: admin, payload: { adminSecondFactorRequired: false } });
  const trail = (await t.call({ method: 'GET', url: '/api/v1/audit?entity=security_settings', as: admin })).json().items;
  assert.equal(trail.length, 2);
});

test('an operator removes a lost second factor from the command line (for the last administrator who lost phone and codes)', async () => {
  const u = await createStaffUser(t.ctx, SYSTEM, { username: 'lostphone', displayName: 'Lost Phone', password: PASSWORD, role: 'admin' });
  later(30);
  await enrol(await t.login('lostphone'));
  later(30);
  assert.equal((await login('lostphone')).json().secondFactor, 'totp');
  const run = spawnSync(process.execPath, ['src/cli.ts', 'reset-second-factor', 'lostphone'], {
    env: { ...process.env, DATABASE_URL: t.url, GLAS_LOG_LEVEL: 'silent', GLAS_DEMO: '0' },
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /second factor of lostphone removed/);
  assert.ok((await login('lostphone')).json().csrfToken, 'the password alone signs in again');
  const trail = (await t.call({ method: 'GET', url: `/api/v1/audit?entity=user&entityId=${u.id}&action=reset_second_factor`, as: admin })).json().items;
  assert.equal(trail.length, 1);
  const unknown = spawnSync(process.execPath, ['src/cli.ts', 'reset-second-factor', 'nobody-here'], {
    env: { ...process.env, DATABASE_URL: t.url, GLAS_LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });
  assert.equal(unknown.status, 2);
});

test('a TOTP secret a Glas from before encryption kept as plaintext still signs in, and is encrypted at start; another key cannot read it', async () => {
  const u = await createStaffUser(t.ctx, SYSTEM, { username: 'oldfactor', displayName: 'Stari Faktor', password: PASSWORD, role: 'leadership' });
  // As the earlier version stored it: the base32 secret itself.
  const secret = newTotpSecret();
  await t.ctx.db.insertInto('staff_second_factors').values({ user_id: u.id, secret, confirmed_at: now, last_step: null }).execute();
  later(30);
  const before = await login('oldfactor');
  assert.equal(before.json().secondFactor, 'totp');
  assert.equal((await secondStep(before.json().challenge, totpCode(secret, now))).statusCode, 200, 'read as it is until sealed');

  assert.ok((await sealPlainTotpSecrets(t.ctx)) >= 1);
  const kept = await t.ctx.db.selectFrom('staff_second_factors').select('secret').where('user_id', '=', u.id).executeTakeFirstOrThrow();
  assert.match(kept.secret, /^v1\./);
  assert.ok(!kept.secret.includes(secret));
  assert.equal(await sealPlainTotpSecrets(t.ctx), 0, 'each secret once');

  later(30);
  const after = await login('oldfactor');
  assert.equal((await secondStep(after.json().challenge, totpCode(secret, now))).statusCode, 200, 'the same app code after encryption');

  // Under another server key the stored value does not open, and the log says why.
  const row = await t.ctx.db.selectFrom('staff_second_factors').selectAll().where('user_id', '=', u.id).executeTakeFirstOrThrow();
  assert.equal(totpSecretOf(t.ctx.config, row), secret);
  assert.throws(() => totpSecretOf({ secretKey: Buffer.alloc(32, 1) }, row), /does not open with this server's key \(was GLAS_SECRET_KEY changed\?\)/);
});

test("turning the requirement on refuses at once every administrator's session opened without a second factor, and no one else's; signing in again enrols", async () => {
  const u = await createStaffUser(t.ctx, SYSTEM, { username: 'admin3', displayName: 'Third Admin', password: PASSWORD, role: 'admin' });
  const promoted = await createStaffUser(t.ctx, SYSTEM, { username: 'promoted', displayName: 'Soon Admin', password: PASSWORD, role: 'leadership' });
  const before = await t.login('admin3');
  const clerk = await t.login('clerkB');
  const soon = await t.login('promoted');
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/users', as: before })).statusCode, 200, 'works while not required');

  const on = await t.call({ method: 'PUT', url: '/api/v1/security-settings', as: admin, payload: { adminSecondFactorRequired: true } });
  assert.equal(on.statusCode, 200, on.body);
  const refused = await t.call({ method: 'GET', url: '/api/v1/users', as: before, headers: { 'accept-language': 'en' } });
  assert.equal(refused.statusCode, 401, refused.body);
  assert.equal(refused.json().error.code, 'session_second_factor');
  assert.equal(refused.json().error.message, 'The municipality now requires administrators to use a second factor. Sign in again to set it up.');
  const change = await t.call({ method: 'PATCH', url: `/api/v1/users/${u.id}`, as: before, payload: { displayName: 'Sneaky' } });
  assert.equal(change.statusCode, 401, 'no change either');
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/auth/me', as: before })).statusCode, 401);
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/cases', as: clerk })).statusCode, 200, "a clerk's session is not affected");
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/users', as: admin })).statusCode, 200, 'a session that passed the factor goes on');
  const trail = (await t.call({ method: 'GET', url: '/api/v1/audit?entity=security_settings', as: admin })).json().items;
  // admin3's, and one an earlier test left open for an administrator who signed in with the password alone.
  assert.equal(trail[0].after.sessionsRefused, 2, 'the trail says how many sessions it refused');

  // Someone made an administrator while it is required is refused too, until they sign in with a factor.
  assert.equal((await t.call({ method: 'PATCH', url: `/api/v1/users/${promoted.id}`, as: admin, payload: { role: 'admin' } })).statusCode, 200);
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/auth/me', as: soon })).json().error.code, 'session_second_factor');

  // Signing in again is where they enrol; the new session works.
  const again = await login('admin3');
  assert.equal(again.json().secondFactor, 'enrol');
  later(30);
  const done = await secondStep(again.json().challenge, appCode(again.json().uri));
  assert.equal(done.statusCode, 200, done.body);
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/users', as: sessionOf(done) })).statusCode, 200);
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/users', as: before })).statusCode, 401, 'the old session stays refused');

  await t.call({ method: 'PUT', url: '/api/v1/security-settings', as: admin, payload: { adminSecondFactorRequired: false } });
});

test('changing the server key: with the old one as GLAS_SECRET_KEY_PREVIOUS, second factors still sign in, are encrypted under the new key at start, once, and then need the old key no more; a secret under neither key is counted, not lost', async () => {
  const oldConfig = t.ctx.config;
  try {
    const u = await createStaffUser(t.ctx, SYSTEM, { username: 'rotate1', displayName: 'Rotacija Ključa', password: PASSWORD, role: 'leadership' });
    const { uri } = await enrol(await t.login('rotate1'));
    const secret = URI.parse(uri).secret.base32;
    const signIn = async () => {
      later(30);
      const first = await login('rotate1');
      assert.equal(first.json().secondFactor, 'totp', first.body);
      return (await secondStep(first.json().challenge, appCode(uri))).statusCode;
    };
    const stored = async () => t.ctx.db.selectFrom('staff_second_factors').selectAll().where('user_id', '=', u.id).executeTakeFirstOrThrow();

    const newKey = randomBytes(32);
    t.ctx.config = { ...oldConfig, secretKey: newKey, previousSecretKey: oldConfig.secretKey };
    assert.equal(await signIn(), 200, 'read under the previous key before it is encrypted again');
    const underOld = (await stored()).secret;

    // Another user's secret sealed under a key nobody has any more.
    const lost = await createStaffUser(t.ctx, SYSTEM, { username: 'rotate2', displayName: 'Izgubljen Ključ', password: PASSWORD, role: 'leadership' });
    await savePendingSecret(t.ctx.db, randomBytes(32), lost.id, newTotpSecret());

    const first = await resealTotpSecrets(t.ctx);
    assert.ok(first.resealed >= 1, JSON.stringify(first));
    assert.ok(first.unreadable >= 1, JSON.stringify(first));
    const underNew = await stored();
    assert.notEqual(underNew.secret, underOld);
    assert.equal(totpSecretOf({ secretKey: newKey }, underNew), secret, 'opens under the new key alone');
    assert.deepEqual(await resealTotpSecrets(t.ctx), { resealed: 0, unreadable: first.unreadable }, 'each secret once');
    assert.ok(
      await t.ctx.db.selectFrom('staff_second_factors').select('user_id').where('user_id', '=', lost.id).executeTakeFirst(),
      'an unreadable secret is kept for its reset',
    );

    t.ctx.config = { ...oldConfig, secretKey: newKey };
    assert.equal(await signIn(), 200, 'the previous key is no longer needed');
    assert.deepEqual(await resealTotpSecrets(t.ctx), { resealed: 0, unreadable: 0 }, 'nothing to do without a previous key');
  } finally {
    t.ctx.config = oldConfig;
  }
});
