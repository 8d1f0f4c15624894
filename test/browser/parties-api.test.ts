import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, newCaseBody, type TestApp, type Session } from '../helpers/app.ts';

let t: TestApp;
let registry: Session;

before(async () => {
  t = await startTestApp();
  registry = await t.login('registry');
  for (const party of [
    { name: 'Đorđe Đorđević', phone: '064 123 4567', idNumber: '0101990710123' },
    { name: 'Đorđe Đorđević', phone: '064 123 4567', idNumber: '0101990710123' },
    { name: 'Љубица Јовановић', phone: '065 555 1234' },
  ]) {
    const r = await t.call({ method: 'POST', url: '/api/v1/cases', as: registry, payload: newCaseBody(t.m, { parties: [party] }) });
    assert.equal(r.statusCode, 201, r.body);
  }
});
after(async () => {
  await t.close();
});

const find = (as: Session, q: string) => t.call({ method: 'GET', url: `/api/v1/parties?q=${encodeURIComponent(q)}`, as });

test('the registry finds a party by name in either script without diacritics, by phone as typed, or by ID number, each person once', async () => {
  for (const q of ['djordjevic', 'Ђорђевић', '064/123-4567', '0101990710123']) {
    const r = await find(registry, q);
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(
      r.json().items.map((p: { name: string; phone: string }) => [p.name, p.phone]),
      [['Đorđe Đorđević', '+381641234567']],
      q,
    );
  }
  const cyr = (await find(registry, 'ljubica jovanovic')).json().items;
  assert.deepEqual(
    cyr.map((p: { name: string }) => p.name),
    ['Љубица Јовановић'],
  );
  assert.deepEqual((await find(registry, 'nobody here')).json().items, []);
});

test('only staff who may register cases may look parties up; administrators and leadership may not', async () => {
  for (const who of ['admin', 'leader']) {
    const r = await find(await t.login(who), 'djordjevic');
    assert.equal(r.statusCode, 403, `${who}: ${r.body}`);
  }
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/parties?q=djordjevic' })).statusCode, 401);
  assert.equal((await find(registry, 'd')).statusCode, 400);
});
