import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDb } from './helpers/db.ts';
import { seedMunicipality, type Municipality } from './helpers/fixtures.ts';
import { registerCase } from '../src/commands/register-case.ts';
import { connect } from '../src/db/database.ts';

let t: TestDb;
let m: Municipality;
before(async () => { t = await createTestDatabase(); m = await seedMunicipality(t.ctx); });
after(async () => { await t.drop(); });

test('60 registrations at once on separate connections get the numbers 1..60 of the series, without gaps or repeats', async () => {
  const handles = Array.from({ length: 6 }, () => connect(t.url, 10));
  try {
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => {
      const ctx = { ...t.ctx, db: handles[i % handles.length]!.db };
      return registerCase(ctx, m.users.registry!.actor, { caseTypeId: m.caseType.id, subject: `Predmet ${i}`, channel: 'counter', parties: [{ name: `Stranka ${i}` }] });
    }));
    const seqs = results.map((r) => Number(/UP-I-PIS-(\d+)\//.exec(r.number)![1])).sort((a, b) => a - b);
    assert.deepEqual(seqs, Array.from({ length: 60 }, (_, i) => i + 1));
  } finally {
    await Promise.all(handles.map((h) => h.close()));
  }
});

test('a registration that fails after taking a number gives the number back: the series stays gap-free', async () => {
  const first = await registerCase(t.ctx, m.users.registry!.actor, { caseTypeId: m.caseType.id, subject: 'prvi', channel: 'counter', parties: [{ name: 'A' }] });
  await assert.rejects(registerCase(t.ctx, m.users.registry!.actor, { caseTypeId: m.caseType.id, subject: 'neuspeli', channel: 'counter', parties: [{ name: 'B', phone: 'not a phone' }] }));
  await assert.rejects(registerCase(t.ctx, m.users.registry!.actor, { caseTypeId: m.caseType.id, subject: 'neuspeli', channel: 'counter', parties: [{ name: 'B' }], deliverToUnitId: m.units.institution.id }));
  const next = await registerCase(t.ctx, m.users.registry!.actor, { caseTypeId: m.caseType.id, subject: 'drugi', channel: 'counter', parties: [{ name: 'C' }] });
  const n = (s: string) => Number(/UP-I-PIS-(\d+)\//.exec(s)![1]);
  assert.equal(n(next.number), n(first.number) + 1);
});
