import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, newCaseBody, type TestApp, type Session } from './helpers/app.ts';
import { createStaffUser } from '../src/organisation/commands/create-staff-user.ts';
import { PASSWORD } from './helpers/fixtures.ts';
import { sweepExpiredSignInData } from '../src/organisation/commands/sweep-expired.ts';

let t: TestApp;
let admin: Session;
const SYSTEM = { kind: 'system', name: 'test' } as const;

before(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
});
after(async () => {
  await t.close();
});

/** A fresh staff user per test, so that tests do not depend on one another's deactivations. */
async function newClerk(username: string) {
  const u = await createStaffUser(t.ctx, SYSTEM, {
    username,
    displayName: `User ${username}`,
    password: PASSWORD,
    role: 'case_officer',
    unitId: t.m.units.a.id,
  });
  return u.id;
}

const loginStatus = async (username: string, password = PASSWORD) =>
  (await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } })).statusCode;

async function auditActions(userId: string) {
  const r = await t.call({ method: 'GET', url: `/api/v1/audit?entity=user&entityId=${userId}`, as: admin });
  assert.equal(r.statusCode, 200, r.body);
  return r.json().items.map((i: { action: string }) => i.action) as string[];
}

test('deactivation refuses the open session and the API token at once, sign-in fails like a wrong password; reactivation lets them in again', async () => {
  const id = await newClerk('leaver1');
  const session = await t.login('leaver1');
  const issued = await t.call({ method: 'POST', url: '/api/v1/api-tokens', as: admin, payload: { name: 'leaver', userId: id, scopes: ['cases:read'] } });
  assert.equal(issued.statusCode, 201, issued.body);
  const token = issued.json().token as string;
  // Both work and are cached before the deactivation.
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/auth/me', as: session })).statusCode, 200);
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/cases', bearer: token })).statusCode, 200);

  const off = await t.call({ method: 'POST', url: `/api/v1/users/${id}/deactivate`, as: admin });
  assert.equal(off.statusCode, 200, off.body);
  assert.equal(off.json().active, false);

  assert.equal((await t.call({ method: 'GET', url: '/api/v1/auth/me', as: session })).statusCode, 401);
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/cases', bearer: token })).statusCode, 401);
  const tokens = (await t.call({ method: 'GET', url: '/api/v1/api-tokens', as: admin })).json().items as { id: string; revoked_at: string | null }[];
  assert.ok(tokens.find((x) => x.id === issued.json().id)?.revoked_at, 'the token is revoked, not just refused');

  const refused = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'leaver1', password: PASSWORD } });
  const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'not-the-password' } });
  assert.equal(refused.statusCode, 401);
  assert.deepEqual(refused.json(), wrong.json(), 'a deactivated account answers exactly like a wrong password');

  const on = await t.call({ method: 'POST', url: `/api/v1/users/${id}/reactivate`, as: admin });
  assert.equal(on.statusCode, 200, on.body);
  assert.equal(await loginStatus('leaver1'), 200);
  // The revoked token stays revoked: reactivation does not bring back what was taken.
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/cases', bearer: token })).statusCode, 401);
  assert.deepEqual((await auditActions(id)).slice(0, 2), ['reactivate', 'deactivate']);
});

test("a deactivated clerk's cases stay theirs and still show who had them", async () => {
  const registry = await t.login('registry');
  const id = await newClerk('leaver2');
  const c = (await t.call({ method: 'POST', url: '/api/v1/cases', as: registry, payload: newCaseBody(t.m) })).json();
  await t.call({ method: 'POST', url: `/api/v1/cases/${c.id}/transitions`, as: registry, payload: { to: 'delivered', unitId: t.m.units.a.id } });
  const headA = await t.login('headA');
  const a = await t.call({ method: 'POST', url: `/api/v1/cases/${c.id}/assignment`, as: headA, payload: { unitId: t.m.units.a.id, clerkId: id } });
  assert.equal(a.statusCode, 200, a.body);
  assert.equal((await t.call({ method: 'POST', url: `/api/v1/users/${id}/deactivate`, as: admin })).statusCode, 200);
  const got = (await t.call({ method: 'GET', url: `/api/v1/cases/${c.id}`, as: headA })).json();
  assert.equal(got.clerk_id, id);
  assert.equal(got.clerk_name, 'User leaver2');
});

test('only an administrator deactivates, and not their own account; unknown users are 404', async () => {
  const id = await newClerk('leaver3');
  const headA = await t.login('headA');
  assert.equal((await t.call({ method: 'POST', url: `/api/v1/users/${id}/deactivate`, as: headA })).statusCode, 403);
  const self = await t.call({ method: 'POST', url: `/api/v1/users/${t.m.users.admin!.id}/deactivate`, as: admin, headers: { 'accept-language': 'en' } });
  assert.equal(self.statusCode, 409);
  assert.match(self.json().error.message, /own account/);
  assert.equal((await t.call({ method: 'POST', url: '/api/v1/users/00000000-0000-4000-8000-000000000000/deactivate', as: admin })).statusCode, 404);
  assert.equal(await loginStatus('leaver3'), 200, 'the refused attempts changed nothing');
});

test('a reset link sets a new password once, ends every session of the user, and is audited', async () => {
  const id = await newClerk('forgetful1');
  const old = await t.login('forgetful1');
  const headA = await t.login('headA');
  assert.equal((await t.call({ method: 'POST', url: `/api/v1/users/${id}/password-reset`, as: headA })).statusCode, 403);
  const issued = await t.call({ method: 'POST', url: `/api/v1/users/${id}/password-reset`, as: admin });
  assert.equal(issued.statusCode, 201, issued.body);
  const { token, path } = issued.json() as { token: string; path: string };
  assert.ok(path.endsWith(token));
  const stored = await t.ctx.db.selectFrom('password_resets').select('token_hash').where('user_id', '=', id).execute();
  assert.equal(stored.length, 1);
  assert.notEqual(stored[0]!.token_hash, token, 'only the hash is kept');

  const short = await t.call({ method: 'POST', url: '/api/v1/password-reset', payload: { token, password: 'short' } });
  assert.equal(short.statusCode, 400, 'the password rules of account creation apply');
  const ok = await t.call({ method: 'POST', url: '/api/v1/password-reset', payload: { token, password: 'a-brand-new-pass-1' } });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/auth/me', as: old })).statusCode, 401, 'the old session ended');
  assert.equal(await loginStatus('forgetful1'), 401);
  assert.equal(await loginStatus('forgetful1', 'a-brand-new-pass-1'), 200);

  const again = await t.call({
    method: 'POST',
    url: '/api/v1/password-reset',
    payload: { token, password: 'another-pass-2026' },
    headers: { 'accept-language': 'en' },
  });
  assert.equal(again.statusCode, 410, 'the link works once');
  assert.match(again.json().error.message, /already used or has expired/);
  assert.equal(await loginStatus('forgetful1', 'another-pass-2026'), 401);
  assert.deepEqual((await auditActions(id)).slice(0, 2), ['reset_password', 'issue_password_reset']);
});

test('a reset link stops working when it expires or when a newer one is issued', async () => {
  const id = await newClerk('forgetful2');
  const first = (await t.call({ method: 'POST', url: `/api/v1/users/${id}/password-reset`, as: admin })).json().token as string;
  const second = (await t.call({ method: 'POST', url: `/api/v1/users/${id}/password-reset`, as: admin })).json().token as string;
  assert.equal((await t.call({ method: 'POST', url: '/api/v1/password-reset', payload: { token: first, password: 'replaced-link-2026' } })).statusCode, 410);
  // Expiry: move the link's deadline just before the app's own clock rather than waiting for it.
  await t.ctx.db
    .updateTable('password_resets')
    .set({ expires_at: new Date(t.ctx.now().getTime() - 1000) })
    .where('user_id', '=', id)
    .where('used_at', 'is', null)
    .execute();
  assert.equal((await t.call({ method: 'POST', url: '/api/v1/password-reset', payload: { token: second, password: 'expired-link-2026' } })).statusCode, 410);
  assert.equal(
    (await t.call({ method: 'POST', url: '/api/v1/password-reset', payload: { token: 'not-a-token', password: 'unknown-link-2026' } })).statusCode,
    410,
  );
  assert.equal(await loginStatus('forgetful2'), 200, 'the password is unchanged');
});

test('a user changes their own password only with the current one; their other sessions end, this one stays', async () => {
  const id = await newClerk('changer1');
  const here = await t.login('changer1');
  const elsewhere = await t.login('changer1');
  const wrong = await t.call({
    method: 'POST',
    url: '/api/v1/me/password',
    as: here,
    payload: { currentPassword: 'not-my-password', newPassword: 'my-new-password-1' },
  });
  assert.equal(wrong.statusCode, 400);
  assert.equal(wrong.json().error.code, 'wrong_current_password');
  assert.equal(wrong.json().error.details.field, 'currentPassword');
  assert.equal(await loginStatus('changer1'), 200, 'nothing changed');
  const weak = await t.call({ method: 'POST', url: '/api/v1/me/password', as: here, payload: { currentPassword: PASSWORD, newPassword: 'short' } });
  assert.equal(weak.statusCode, 400);
  const ok = await t.call({ method: 'POST', url: '/api/v1/me/password', as: here, payload: { currentPassword: PASSWORD, newPassword: 'my-new-password-1' } });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/auth/me', as: here })).statusCode, 200);
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/auth/me', as: elsewhere })).statusCode, 401);
  assert.equal(await loginStatus('changer1', 'my-new-password-1'), 200);
  assert.deepEqual((await auditActions(id)).slice(0, 1), ['change_password']);
});

test('the hourly sweep deletes reset links a day after they expire, not before', async () => {
  const id = await newClerk('forgetful3');
  const issued = (await t.call({ method: 'POST', url: `/api/v1/users/${id}/password-reset`, as: admin })).json();
  const expiresAt = new Date(issued.expiresAt).getTime();
  const links = () => t.ctx.db.selectFrom('password_resets').select('id').where('user_id', '=', id).execute();
  await sweepExpiredSignInData({ ...t.ctx, now: () => new Date(expiresAt + 23 * 3_600_000) });
  assert.equal((await links()).length, 1);
  await sweepExpiredSignInData({ ...t.ctx, now: () => new Date(expiresAt + 25 * 3_600_000) });
  assert.equal((await links()).length, 0);
});
