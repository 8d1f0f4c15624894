import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDb } from './helpers/db.ts';
import { seedMunicipality, type Municipality } from './helpers/fixtures.ts';
import { registerCase } from '../src/cases/commands/register-case.ts';
import { connect } from '../src/kernel/db/database.ts';

let t: TestDb;
let m: Municipality;
before(async () => {
  t = await createTestDatabase();
  m = await seedMunicipality(t.ctx);
});
// One instant for every registration of a test: a run that starts at 23:59 on 31 December would
// otherwise number half of them in the new year's series.
const frozen = () => {
  const now = new Date();
  return { ...t.ctx, now: () => now };
};
after(async () => {
  await t.drop();
});

test('60 registrations at once on separate connections get the numbers 1..60 of the series, without gaps or repeats', async () => {
  const handles = Array.from({ length: 6 }, () => connect(t.url, 10));
  const at = frozen();
  try {
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => {
        const ctx = { ...at, db: handles[i % handles.length]!.db };
        return registerCase(ctx, m.users.registry!.actor, {
          caseTypeId: m.caseType.id,
          subject: `Predmet ${i}`,
          channel: 'counter',
          parties: [{ name: `Stranka ${i}` }],
        });
      }),
    );
    const seqs = results.map((r) => Number(/UP-I-PIS-(\d+)\//.exec(r.number)![1])).sort((a, b) => a - b);
    assert.deepEqual(
      seqs,
      Array.from({ length: 60 }, (_, i) => i + 1),
    );
  } finally {
    await Promise.all(handles.map((h) => h.close()));
  }
});

test('a registration that fails after taking a number gives the number back: the series stays gap-free', async () => {
  const ctx = frozen();
  const first = await registerCase(ctx, m.users.registry!.actor, { caseTypeId: m.caseType.id, subject: 'prvi', channel: 'counter', parties: [{ name: 'A' }] });
  await assert.rejects(
    registerCase(ctx, m.users.registry!.actor, {
      caseTypeId: m.caseType.id,
      subject: 'neuspeli',
      channel: 'counter',
      parties: [{ name: 'B', phone: 'not a phone' }],
    }),
  );
  await assert.rejects(
    registerCase(ctx, m.users.registry!.actor, {
      caseTypeId: m.caseType.id,
      subject: 'neuspeli',
      channel: 'counter',
      parties: [{ name: 'B' }],
      deliverToUnitId: m.units.institution.id,
    }),
  );
  const next = await registerCase(ctx, m.users.registry!.actor, { caseTypeId: m.caseType.id, subject: 'drugi', channel: 'counter', parties: [{ name: 'C' }] });
  const n = (s: string) => Number(/UP-I-PIS-(\d+)\//.exec(s)![1]);
  assert.equal(n(next.number), n(first.number) + 1);
});

test("the series follows the municipality's year: 23:59:59 on 31 December local is the old year, 00:00 on 1 January starts the new one at 1", async () => {
  // Belgrade is UTC+1 in winter, so the local new year begins at 23:00 UTC; 2030 is a year no other test numbers in.
  const at = (iso: string) => ({ ...t.ctx, now: () => new Date(iso) });
  const register = (iso: string) =>
    registerCase(at(iso), m.users.registry!.actor, { caseTypeId: m.caseType.id, subject: 'Novogodišnji', channel: 'counter', parties: [{ name: 'N' }] });
  const lastOld = await register('2030-12-31T22:59:59Z');
  const firstNew = await register('2030-12-31T23:00:00Z');
  const utcOld = await register('2030-12-31T23:30:00Z');
  assert.match(lastOld.number, /^UP-I-PIS-\d+\/2030$/);
  assert.equal(firstNew.number, 'UP-I-PIS-001/2031');
  assert.equal(utcOld.number, 'UP-I-PIS-002/2031', 'still 2030 in UTC, but 2031 in Belgrade');
});
