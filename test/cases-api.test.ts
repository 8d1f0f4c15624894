import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, newCaseBody, type TestApp, type Session } from './helpers/app.ts';

let t: TestApp;
let registry: Session;
let clerkA: Session;
let clerkB: Session;

before(async () => {
  t = await startTestApp();
  registry = await t.login('registry');
  clerkA = await t.login('clerkA');
  clerkB = await t.login('clerkB');
});
after(async () => {
  await t.close();
});

async function registerAndDeliverToA() {
  const r = await t.call({ method: 'POST', url: '/api/v1/cases', as: registry, payload: newCaseBody(t.m) });
  assert.equal(r.statusCode, 201, r.body);
  const c = r.json();
  const d = await t.call({ method: 'POST', url: `/api/v1/cases/${c.id}/transitions`, as: registry, payload: { to: 'delivered', unitId: t.m.units.a.id } });
  assert.equal(d.statusCode, 200, d.body);
  return c as { id: string; number: string; trackingCode: string };
}

test('a registry clerk registers a case: numbered from the pattern, phone normalised to E.164, first event recorded', async () => {
  const r = await t.call({ method: 'POST', url: '/api/v1/cases', as: registry, payload: newCaseBody(t.m) });
  assert.equal(r.statusCode, 201, r.body);
  const body = r.json();
  assert.match(body.number, /^UP-I-PIS-\d{3}\/\d{4}$/);
  assert.match(body.trackingCode, /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
  const got = await t.call({ method: 'GET', url: `/api/v1/cases/${body.id}`, as: registry });
  assert.equal(got.statusCode, 200);
  assert.equal(got.json().parties[0].phone, '+381641234567');
  assert.equal(got.json().status, 'received');
  const events = await t.call({ method: 'GET', url: `/api/v1/cases/${body.id}/events`, as: registry });
  assert.deepEqual(
    events.json().items.map((e: { type: string }) => e.type),
    ['case.registered'],
  );
  assert.equal(events.json().items[0].data.number, body.number);
});

test('the case walks the Tivat lifecycle to the archive and every step is in the history', async () => {
  const c = await registerAndDeliverToA();
  const steps: [typeof clerkA, string, Record<string, unknown>?][] = [
    [clerkA, 'accepted'],
    [clerkA, 'in_progress'],
    [clerkA, 'awaiting_opinion', { unitId: t.m.units.institution.id }],
    [clerkA, 'in_progress'],
    [clerkA, 'approved'],
    [clerkA, 'returned_to_registry'],
    [registry, 'archived'],
  ];
  for (const [who, to, extra] of steps) {
    const r = await t.call({ method: 'POST', url: `/api/v1/cases/${c.id}/transitions`, as: who, payload: { to, ...extra } });
    assert.equal(r.statusCode, 200, `${to}: ${r.body}`);
  }
  const events = (await t.call({ method: 'GET', url: `/api/v1/cases/${c.id}/events`, as: registry })).json().items;
  assert.deepEqual(
    events.map((e: { type: string }) => e.type),
    [
      'case.registered',
      'case.delivered',
      'case.accepted',
      'case.status_changed',
      'case.opinion_requested',
      'case.opinion_received',
      'case.status_changed',
      'case.returned_to_registry',
      'case.archived',
    ],
  );
  assert.equal(events[4].data.institutionName, 'Zavod za zaštitu prirode');
  const v = await t.call({ method: 'GET', url: `/api/v1/cases/${c.id}/verify-chain`, as: registry });
  assert.deepEqual(v.json(), { ok: true, events: 9 });
});

test('an invalid transition answers 409 and names the allowed statuses', async () => {
  const c = await registerAndDeliverToA();
  const r = await t.call({
    method: 'POST',
    url: `/api/v1/cases/${c.id}/transitions`,
    as: clerkA,
    payload: { to: 'approved' },
    headers: { 'accept-language': 'en' },
  });
  assert.equal(r.statusCode, 409);
  assert.equal(r.json().error.code, 'invalid_transition');
  assert.deepEqual(r.json().error.details.allowed, ['accepted', 'returned_to_registry']);
  assert.match(r.json().error.message, /accepted, returned_to_registry/);
});

test('a clerk of unit B can neither read, list, search nor change a case of unit A, and gets the same answer as for a missing case', async () => {
  const c = await registerAndDeliverToA();
  const read = await t.call({ method: 'GET', url: `/api/v1/cases/${c.id}`, as: clerkB });
  const missing = await t.call({ method: 'GET', url: '/api/v1/cases/00000000-0000-4000-8000-000000000000', as: clerkB });
  assert.equal(read.statusCode, 404);
  assert.deepEqual(read.json(), missing.json());
  assert.equal((await t.call({ method: 'GET', url: `/api/v1/cases/by-number?number=${encodeURIComponent(c.number)}`, as: clerkB })).statusCode, 404);
  assert.equal((await t.call({ method: 'GET', url: `/api/v1/cases/${c.id}/events`, as: clerkB })).statusCode, 404);
  const list = (await t.call({ method: 'GET', url: '/api/v1/cases?limit=200', as: clerkB })).json();
  assert.ok(!list.items.some((i: { id: string }) => i.id === c.id));
  const search = (await t.call({ method: 'GET', url: `/api/v1/cases?q=${encodeURIComponent(c.number)}`, as: clerkB })).json();
  assert.equal(search.items.length, 0);
  const change = await t.call({ method: 'POST', url: `/api/v1/cases/${c.id}/transitions`, as: clerkB, payload: { to: 'accepted' } });
  assert.equal(change.statusCode, 404);
  const note = await t.call({ method: 'POST', url: `/api/v1/cases/${c.id}/notes`, as: clerkB, payload: { text: 'x' } });
  assert.equal(note.statusCode, 404);
  // …while unit A's own clerk, its head, the head of the parent unit and leadership do see it.
  for (const who of ['clerkA', 'headA', 'headAdm', 'leader']) {
    const s = await t.login(who);
    assert.equal((await t.call({ method: 'GET', url: `/api/v1/cases/${c.id}`, as: s })).statusCode, 200, who);
  }
});

test('leadership reads everything but cannot change anything', async () => {
  const c = await registerAndDeliverToA();
  const leader = await t.login('leader');
  const r = await t.call({ method: 'POST', url: `/api/v1/cases/${c.id}/transitions`, as: leader, payload: { to: 'accepted' } });
  assert.equal(r.statusCode, 403);
});

test('search ignores diacritics and script: Đorđević, Djordjevic and Ђорђевић find each other', async () => {
  const c = await registerAndDeliverToA();
  for (const q of ['Đorđević', 'Djordjevic', 'Ђорђевић', 'DJORDJEVIĆ']) {
    const r = await t.call({ method: 'GET', url: `/api/v1/cases?q=${encodeURIComponent(q)}&limit=200`, as: clerkA });
    assert.equal(r.statusCode, 200);
    assert.ok(
      r.json().items.some((i: { id: string }) => i.id === c.id),
      q,
    );
  }
});

test('cursor pagination walks every visible case exactly once', async () => {
  for (let i = 0; i < 5; i++) await registerAndDeliverToA();
  const all = (await t.call({ method: 'GET', url: '/api/v1/cases?limit=200', as: registry })).json().items.map((i: { id: string }) => i.id);
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const r = await t.call({ method: 'GET', url: `/api/v1/cases?limit=2${cursor ? `&cursor=${cursor}` : ''}`, as: registry });
    seen.push(...r.json().items.map((i: { id: string }) => i.id));
    cursor = r.json().nextCursor;
  } while (cursor);
  assert.deepEqual(seen, all);
  const byDue: string[] = [];
  cursor = null;
  do {
    const r = await t.call({ method: 'GET', url: `/api/v1/cases?limit=3&sort=due_asc${cursor ? `&cursor=${cursor}` : ''}`, as: registry });
    byDue.push(...r.json().items.map((i: { id: string }) => i.id));
    cursor = r.json().nextCursor;
  } while (cursor);
  assert.deepEqual([...byDue].sort(), [...all].sort());
});

test('assignment to a clerk of another unit is refused; to the unit head works and is an event', async () => {
  const c = await registerAndDeliverToA();
  const headA = await t.login('headA');
  const bad = await t.call({
    method: 'POST',
    url: `/api/v1/cases/${c.id}/assignment`,
    as: headA,
    payload: { unitId: t.m.units.a.id, clerkId: t.m.users.clerkB!.id },
  });
  assert.equal(bad.statusCode, 400);
  const ok = await t.call({
    method: 'POST',
    url: `/api/v1/cases/${c.id}/assignment`,
    as: headA,
    payload: { unitId: t.m.units.a.id, clerkId: t.m.users.clerkA!.id },
  });
  assert.equal(ok.statusCode, 200, ok.body);
  const got = (await t.call({ method: 'GET', url: `/api/v1/cases/${c.id}`, as: clerkA })).json();
  assert.equal(got.clerk_id, t.m.users.clerkA!.id);
  assert.equal(got.clerk_name, 'User clerkA');
});
