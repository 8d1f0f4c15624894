import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { hash } from '@node-rs/argon2';
import { startTestApp, newCaseBody, type TestApp } from './helpers/app.ts';
import { buildApp } from '../src/http/app.ts';
import { httpParts } from '../src/modules.ts';
import { declaredRoutes, ROUTE_AUTH_VALUES } from '../src/http/auth.ts';
import { insertUser } from '../src/organisation/repositories/org-repository.ts';
import { createApiToken } from '../src/organisation/commands/manage-api-tokens.ts';
import { SYSTEM_ACTOR } from '../src/kernel/types.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t.close();
});

test('every route declares how it authenticates', () => {
  const routes = declaredRoutes.filter((r) => !r.url.startsWith('/api/v1/docs') && r.url !== '/api/v1/openapi.json');
  assert.ok(routes.length > 20, `only ${routes.length} routes seen`);
  const undeclared = routes.filter((r) => !r.auth || !ROUTE_AUTH_VALUES.includes(r.auth));
  assert.deepEqual(undeclared, []);
  const publicRoutes = routes.filter((r) => r.auth === 'public' && r.url.startsWith('/api/v1/') && r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`);
  // Public staff-API routes are few and deliberate; a new one must be added here on purpose.
  for (const r of publicRoutes) assert.ok(['POST /api/v1/auth/login'].includes(r) || !r.includes('/api/v1/cases'), r);
});

test('an app with a route that forgets to declare its authentication does not start', async () => {
  await assert.rejects(
    buildApp(t.ctx, {
      ...httpParts(),
      logger: false,
      extraRoutes: [
        (app) => {
          app.get('/api/v1/forgotten', async () => ({}));
        },
      ],
    }),
    /does not declare config.auth/,
  );
});

test('a signed-in citizen cannot call staff routes, and sees only their own cases', async () => {
  const registry = await t.login('registry');
  const mine = (
    await t.call({
      method: 'POST',
      url: '/api/v1/cases',
      as: registry,
      payload: newCaseBody(t.m, { parties: [{ name: 'Milica Petrović', phone: '0641111111' }] }),
    })
  ).json();
  const other = (await t.call({ method: 'POST', url: '/api/v1/cases', as: registry, payload: newCaseBody(t.m) })).json();
  const party = await t.ctx.db.transaction().execute(async (tx) => {
    const p = await tx.selectFrom('parties').select('id').where('phone', '=', '+381641111111').executeTakeFirstOrThrow();
    await insertUser(tx, {
      username: 'milica',
      displayName: 'Milica Petrović',
      passwordHash: await hash('citizen-pass-1'),
      role: 'citizen',
      unitId: null,
      partyId: p.id,
    });
    return p;
  });
  assert.ok(party.id);
  const citizen = await t.login('milica', 'citizen-pass-1');
  for (const [method, url] of [
    ['POST', '/api/v1/cases'],
    ['GET', '/api/v1/org-units'],
    ['GET', '/api/v1/users'],
    ['POST', `/api/v1/cases/${mine.id}/transitions`],
    ['GET', '/api/v1/audit'],
    ['GET', `/api/v1/cases/${mine.id}/verify-chain`],
  ] as const) {
    const r = await t.call({ method, url, as: citizen, payload: method === 'POST' ? { to: 'archived' } : undefined });
    assert.equal(r.statusCode, 403, `${method} ${url}: ${r.body}`);
  }
  assert.equal((await t.call({ method: 'GET', url: `/api/v1/cases/${mine.id}`, as: citizen })).statusCode, 200);
  assert.equal((await t.call({ method: 'GET', url: `/api/v1/cases/${other.id}`, as: citizen })).statusCode, 404);
  const list = (await t.call({ method: 'GET', url: '/api/v1/cases', as: citizen })).json();
  assert.deepEqual(
    list.items.map((i: { id: string }) => i.id),
    [mine.id],
  );
});

test('API tokens: scoped, usable as bearer, last use recorded, and revocable', async () => {
  const tok = await createApiToken(t.ctx, SYSTEM_ACTOR, { name: 'reader', userId: t.m.users.leader!.id, scopes: ['cases:read'] });
  assert.match(tok.token, /^glas_/);
  const stored = await t.ctx.db.selectFrom('api_tokens').select(['token_hash']).where('id', '=', tok.id).executeTakeFirstOrThrow();
  assert.notEqual(stored.token_hash, tok.token);
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/cases', bearer: tok.token })).statusCode, 200);
  const used = await t.ctx.db.selectFrom('api_tokens').select('last_used_at').where('id', '=', tok.id).executeTakeFirstOrThrow();
  assert.ok(used.last_used_at);
  const registryTok = await createApiToken(t.ctx, SYSTEM_ACTOR, { name: 'read-only registry', userId: t.m.users.registry!.id, scopes: ['cases:read'] });
  const w = await t.call({ method: 'POST', url: '/api/v1/cases', bearer: registryTok.token, payload: newCaseBody(t.m) });
  assert.equal(w.statusCode, 403, 'a read-only token cannot register');
  const admin = await t.login('admin');
  const del = await t.call({ method: 'DELETE', url: `/api/v1/api-tokens/${registryTok.id}`, as: admin });
  assert.equal(del.statusCode, 200, del.body);
  const fresh = await createApiToken(t.ctx, SYSTEM_ACTOR, { name: 'to revoke', userId: t.m.users.leader!.id, scopes: ['cases:read'] });
  await t.call({ method: 'DELETE', url: `/api/v1/api-tokens/${fresh.id}`, as: admin });
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/cases', bearer: fresh.token })).statusCode, 401);
  const audit = (await t.call({ method: 'GET', url: '/api/v1/audit?entity=api_token', as: admin })).json().items;
  assert.ok(audit.some((a: { action: string; entity_id: string }) => a.action === 'revoke' && a.entity_id === fresh.id));
});

test('sign-in is throttled after repeated failures, and the answer does not reveal whether the user exists', async () => {
  const wrong = async (username: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'wrong-password' }, remoteAddress: '10.0.0.9' });
  const a = await wrong('nobody-here');
  const b = await wrong('clerkA');
  assert.equal(a.statusCode, 401);
  assert.deepEqual(a.json(), b.json());
  for (let i = 0; i < 4; i++) await wrong('clerkA');
  const locked = await wrong('clerkA');
  assert.equal(locked.statusCode, 429);
  const right = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'clerkA', password: 'test-password-123' } });
  assert.equal(right.statusCode, 429, 'even the right password waits out the lock');
});

test('passwords are stored as argon2id hashes', async () => {
  const u = await t.ctx.db.selectFrom('users').select('password_hash').where('username', '=', 'clerkB').executeTakeFirstOrThrow();
  assert.match(u.password_hash!, /^\$argon2id\$/);
});

test('the OpenAPI document describes the case routes', async () => {
  const r = await t.call({ method: 'GET', url: '/api/v1/openapi.json' });
  assert.equal(r.statusCode, 200);
  const doc = r.json();
  assert.equal(doc.openapi, '3.0.3');
  assert.ok(doc.paths['/api/v1/cases']?.post);
  assert.ok(doc.paths['/api/v1/cases/{id}/transitions']?.post);
});
