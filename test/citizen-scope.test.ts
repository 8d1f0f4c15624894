import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { hash } from '@node-rs/argon2';
import { startTestApp, newCaseBody, type TestApp } from './helpers/app.ts';
import { insertUser } from '../src/organisation/repositories/org-repository.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t.close();
});

test("a citizen who proved their phone sees every case whose party has that number, and nobody else's", async () => {
  const registry = await t.login('registry');
  // The same person registered twice as a new party (the clerk did not pick the existing one).
  const first = (
    await t.call({
      method: 'POST',
      url: '/api/v1/cases',
      as: registry,
      payload: newCaseBody(t.m, { parties: [{ name: 'Jovana Jovanović', phone: '0652223333' }] }),
    })
  ).json();
  const second = (
    await t.call({
      method: 'POST',
      url: '/api/v1/cases',
      as: registry,
      payload: newCaseBody(t.m, { parties: [{ name: 'Jovana Jovanovic', phone: '+381 65 222 3333' }] }),
    })
  ).json();
  const stranger = (
    await t.call({ method: 'POST', url: '/api/v1/cases', as: registry, payload: newCaseBody(t.m, { parties: [{ name: 'Neko Drugi', phone: '0659998888' }] }) })
  ).json();
  const partyId = (await t.ctx.db.selectFrom('case_parties').select('party_id').where('case_id', '=', first.id).executeTakeFirstOrThrow()).party_id;
  const user = await t.ctx.db.transaction().execute(async (tx) =>
    insertUser(tx, {
      username: 'jovana',
      displayName: 'Jovana',
      passwordHash: await hash('citizen-pass-2'),
      role: 'citizen',
      unitId: null,
      partyId,
      phone: '+381652223333',
    }),
  );
  const ids = async () => {
    const s = await t.login('jovana', 'citizen-pass-2');
    return (await t.call({ method: 'GET', url: '/api/v1/cases', as: s }))
      .json()
      .items.map((i: { id: string }) => i.id)
      .sort();
  };
  assert.deepEqual(await ids(), [first.id], "an unproven phone only reaches the account's own party");
  await t.ctx.db.updateTable('users').set({ phone_verified_at: new Date() }).where('id', '=', user.id).execute();
  assert.deepEqual(await ids(), [first.id, second.id].sort());
  assert.ok(!(await ids()).includes(stranger.id));
});
