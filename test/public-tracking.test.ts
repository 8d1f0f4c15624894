import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, newCaseBody, type TestApp } from './helpers/app.ts';

let t: TestApp;
let c: { id: string; number: string; trackingCode: string };

before(async () => {
  t = await startTestApp();
  const registry = await t.login('registry');
  c = (await t.call({ method: 'POST', url: '/api/v1/cases', as: registry, payload: newCaseBody(t.m) })).json();
  await t.call({ method: 'POST', url: `/api/v1/cases/${c.id}/transitions`, as: registry, payload: { to: 'delivered', unitId: t.m.units.a.id } });
  const clerkA = await t.login('clerkA');
  await t.call({ method: 'POST', url: `/api/v1/cases/${c.id}/transitions`, as: clerkA, payload: { to: 'accepted' } });
  await t.call({
    method: 'POST',
    url: `/api/v1/cases/${c.id}/notes`,
    as: clerkA,
    payload: { text: 'Interna napomena: proveriti vlasništvo', visibility: 'internal' },
  });
});
after(async () => {
  await t.close();
});

const track = (number: string, code: string, ip = '10.1.1.1') =>
  t.app.inject({ method: 'GET', url: `/api/v1/public/track?number=${encodeURIComponent(number)}&code=${encodeURIComponent(code)}`, remoteAddress: ip });

test('number and tracking code together show status, body and public history without personal data', async () => {
  const r = await track(c.number, c.trackingCode.toLowerCase().replace(/-/g, ''));
  assert.equal(r.statusCode, 200, r.body);
  const body = r.json();
  assert.equal(body.status, 'accepted');
  assert.equal(body.unit, 'Odeljenje A');
  assert.deepEqual(
    body.history.map((h: { type: string }) => h.type),
    ['case.registered', 'case.delivered', 'case.accepted'],
  );
  const raw = r.body;
  for (const secret of ['Đorđe', 'Đorđević', '+381641234567', 'djordje@example.org', 'User clerkA', 'Interna napomena', t.m.users.clerkA!.id]) {
    assert.ok(!raw.includes(secret), `leaks ${secret}`);
  }
});

test('a case number alone, or with a wrong code, reveals nothing: the same answer as a missing case', async () => {
  const wrong = await track(c.number, 'AAAA-BBBB-CCCC', '10.2.2.2');
  const missing = await track('UP-I-PIS-999/2099', 'AAAA-BBBB-CCCC', '10.2.2.2');
  assert.equal(wrong.statusCode, 404);
  assert.deepEqual(wrong.json(), missing.json());
  assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/public/track?number=${encodeURIComponent(c.number)}` })).statusCode, 400);
});

test('guessing is throttled per address', async () => {
  let last = 0;
  for (let i = 0; i < 21; i++) last = (await track(c.number, `GUES-S${String(i).padStart(3, '0')}-XXXX`, '10.3.3.3')).statusCode;
  assert.equal(last, 429);
  assert.equal((await track(c.number, c.trackingCode, '10.3.3.3')).statusCode, 429, 'even the right code waits out the lock');
  assert.equal((await track(c.number, c.trackingCode, '10.4.4.4')).statusCode, 200, 'other addresses are unaffected');
});
