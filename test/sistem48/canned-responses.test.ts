import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp, type Session } from '../helpers/app.ts';
import { seedSistem48, type Sistem48Fixture } from './helpers.ts';

let t: TestApp;
let f: Sistem48Fixture;
let admin: Session;
let headA: Session;
let clerkA: Session;

before(async () => {
  t = await startTestApp();
  f = await seedSistem48(t.ctx, t.m);
  admin = await t.login('admin');
  headA = await t.login('headA');
  clerkA = await t.login('clerkA');
});
after(async () => {
  await t.close();
});

const template = (over: Record<string, unknown> = {}) => ({
  categoryId: f.cat.pothole.id,
  status: 'in_progress',
  title: { 'sr-Latn': 'Krpljenje rupe', en: 'Pothole patching' },
  body: { 'sr-Latn': 'Ekipa će zakrpiti rupu ove nedelje.', en: 'A crew will patch the hole this week.' },
  ...over,
});

test("a unit head keeps their unit's canned responses and no one else's; an administrator keeps every unit's and the municipality's; every change is audited", async () => {
  const own = await t.call({ method: 'POST', url: '/api/v1/sistem48/canned-responses', as: headA, payload: template({ unitId: t.m.units.a.id }) });
  assert.equal(own.statusCode, 201, own.body);
  const ownId = own.json().id as string;

  const other = await t.call({ method: 'POST', url: '/api/v1/sistem48/canned-responses', as: headA, payload: template({ unitId: t.m.units.b.id }) });
  assert.equal(other.statusCode, 403, 'not for another unit');
  const municipal = await t.call({ method: 'POST', url: '/api/v1/sistem48/canned-responses', as: headA, payload: template({ unitId: null }) });
  assert.equal(municipal.statusCode, 403, "not the municipality's");
  const byClerk = await t.call({ method: 'POST', url: '/api/v1/sistem48/canned-responses', as: clerkA, payload: template({ unitId: t.m.units.a.id }) });
  assert.equal(byClerk.statusCode, 403, 'a clerk picks, but does not keep, templates');

  const adminsB = await t.call({
    method: 'POST',
    url: '/api/v1/sistem48/canned-responses',
    as: admin,
    payload: template({ unitId: t.m.units.b.id, status: null }),
  });
  assert.equal(adminsB.statusCode, 201, adminsB.body);
  const everyone = await t.call({
    method: 'POST',
    url: '/api/v1/sistem48/canned-responses',
    as: admin,
    payload: template({ unitId: null, categoryId: null, status: 'resolved' }),
  });
  assert.equal(everyone.statusCode, 201, everyone.body);

  // The head edits their own, but cannot edit B's, nor move theirs to B.
  const edited = await t.call({
    method: 'PUT',
    url: `/api/v1/sistem48/canned-responses/${ownId}`,
    as: headA,
    payload: template({ title: { en: 'Patching' }, body: { en: 'Patched soon.' } }),
  });
  assert.equal(edited.statusCode, 200, edited.body);
  assert.equal(edited.json().unit_id, t.m.units.a.id, 'the unit stays when not named');
  assert.equal(
    (await t.call({ method: 'PUT', url: `/api/v1/sistem48/canned-responses/${adminsB.json().id}`, as: headA, payload: template() })).statusCode,
    403,
  );
  assert.equal(
    (await t.call({ method: 'PUT', url: `/api/v1/sistem48/canned-responses/${ownId}`, as: headA, payload: template({ unitId: t.m.units.b.id }) })).statusCode,
    403,
  );
  assert.equal((await t.call({ method: 'DELETE', url: `/api/v1/sistem48/canned-responses/${everyone.json().id}`, as: headA })).statusCode, 403);

  // Half a language is refused.
  const half = await t.call({
    method: 'POST',
    url: '/api/v1/sistem48/canned-responses',
    as: headA,
    payload: template({ unitId: t.m.units.a.id, body: { en: 'Only English text' } }),
  });
  assert.equal(half.statusCode, 400, half.body);
  const noCategory = await t.call({ method: 'POST', url: '/api/v1/sistem48/canned-responses', as: admin, payload: template({ categoryId: 99999 }) });
  assert.equal(noCategory.statusCode, 400, noCategory.body);

  // Everyone on staff reads them all, each marked with whether they may change it.
  const seen = (await t.call({ method: 'GET', url: '/api/v1/sistem48/canned-responses', as: headA })).json().items as { id: string; editable: boolean }[];
  assert.deepEqual(Object.fromEntries(seen.map((x) => [x.id, x.editable])), { [ownId]: true, [adminsB.json().id]: false, [everyone.json().id]: false });
  const byClerkRead = await t.call({ method: 'GET', url: '/api/v1/sistem48/canned-responses?active=true', as: clerkA });
  assert.equal(byClerkRead.json().items.length, 3);

  const del = await t.call({ method: 'DELETE', url: `/api/v1/sistem48/canned-responses/${ownId}`, as: headA });
  assert.equal(del.statusCode, 200);
  const trail = (await t.call({ method: 'GET', url: `/api/v1/audit?entity=canned_response&entityId=${ownId}`, as: admin }))
    .json()
    .items.map((i: { action: string }) => i.action);
  assert.deepEqual(trail, ['delete', 'update', 'create']);
});
