/**
 * Registration's statements are prepared once per connection (prepared() in src/kernel/db/database.ts).
 * A migration must not break a running Glas through them: their results are cast column by column, so
 * new columns leave them as they are, and a statement whose result does change shape is prepared again.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestDatabase, type TestDb } from './helpers/db.ts';
import { seedMunicipality, type Municipality } from './helpers/fixtures.ts';
import { connect, prepared, type DatabaseHandle } from '../src/kernel/db/database.ts';
import { registerCase } from '../src/cases/commands/register-case.ts';
import { getCase, verifyChainOf } from '../src/cases/queries/cases.ts';

let t: TestDb;
let m: Municipality;
// One connection, so that every statement here meets the statements it prepared before.
let one: DatabaseHandle;
before(async () => {
  t = await createTestDatabase();
  m = await seedMunicipality(t.ctx);
  one = connect(t.url, 1);
});
after(async () => {
  await one.close();
  await t.drop();
});

const prepareds = async () => (await sql<{ name: string }>`select name from pg_prepared_statements order by name`.execute(one.db)).rows.map((r) => r.name);

test('registration runs prepared statements, and keeps running them after a migration adds columns to every table they touch', async () => {
  const ctx = { ...t.ctx, db: one.db };
  const register = (subject: string) =>
    registerCase(ctx, m.users.registry!.actor, {
      caseTypeId: m.caseType.id,
      subject,
      channel: 'counter',
      parties: [{ name: 'Ana Anić', phone: '064 1234567' }],
    });
  const first = await register('prvi');
  // The lookup by number (issue 17 item 3): the case and its parties in one statement, prepared too.
  const lookup = (number: string) => getCase(ctx, m.users.leader!.actor, { number });
  const before = await lookup(first.number);
  const names = await prepareds();
  assert.ok(names.some((n) => n.startsWith('register_case_')) && names.some((n) => n.startsWith('case_type_with_units_')), names.join(', '));
  assert.ok(
    names.some((n) => n.startsWith('find_visible_case_with_parties_')),
    names.join(', '),
  );
  for (const table of ['cases', 'case_events', 'case_types', 'org_units', 'parties', 'case_parties', 'number_series']) {
    await sql`alter table ${sql.table(table)} add column migrated_later text`.execute(one.db);
  }
  const second = await register('drugi');
  assert.deepEqual(await lookup(first.number), before, 'the same case, parties and names through the same statements');
  assert.equal((await lookup(second.number)).parties[0]!.name, 'Ana Anić');
  assert.deepEqual(await prepareds(), names, 'the same statements, not prepared again');
  assert.equal(Number(/-(\d+)\//.exec(second.number)![1]), Number(/-(\d+)\//.exec(first.number)![1]) + 1);
  assert.deepEqual(await verifyChainOf(t.ctx, second.id), { ok: true, events: 1 });
});

test('a prepared statement whose result changes shape fails once on a connection, which then prepares it again under a new name', async () => {
  await sql`create table prepared_probe (a int)`.execute(one.db);
  await sql`insert into prepared_probe values (1)`.execute(one.db);
  const probe = async () => (await one.db.executeQuery(prepared('probe', sql<{ a: unknown }>`select * from prepared_probe`.compile(one.db)))).rows;
  assert.deepEqual(await probe(), [{ a: 1 }]);
  await sql`alter table prepared_probe alter column a type text`.execute(one.db);
  await assert.rejects(probe(), /cached plan must not change result type/);
  assert.deepEqual(await probe(), [{ a: '1' }]);
  assert.equal((await prepareds()).filter((n) => n.startsWith('probe_')).length, 2);
});

test('a number longer than its padding is written whole, as formatCaseNumber writes it', async () => {
  const at = new Date('2031-06-15T10:00:00Z');
  const key = 'UP-I-PIS-{seq}/2031';
  await sql`insert into number_series (series_key, last_seq) values (${key}, 999) on conflict (series_key) do update set last_seq = 999`.execute(one.db);
  const r = await registerCase({ ...t.ctx, now: () => at }, m.users.registry!.actor, {
    caseTypeId: m.caseType.id,
    subject: 'hiljaditi',
    channel: 'counter',
    parties: [{ name: 'Marko' }],
  });
  assert.equal(r.number, 'UP-I-PIS-1000/2031');
  assert.deepEqual(await verifyChainOf(t.ctx, r.id), { ok: true, events: 1 });
});

test("the hash PostgreSQL takes at registration is the app's, for text beyond ASCII too", async () => {
  const actor = { ...m.users.registry!.actor, name: 'Ђорђе Đorđević 🏛 "navodnici" \\ kosa crta' };
  const r = await registerCase(t.ctx, actor, {
    caseTypeId: m.caseType.id,
    subject: 'Захтев č ć ž',
    channel: 'counter',
    parties: [{ name: 'Љиљана Ćirić', email: 'ljiljana@example.org' }],
    registeredData: { note: 'ünïcödé\u2028line', nested: { b: 1, a: [true, null, 'ш'] } },
  });
  assert.deepEqual(await verifyChainOf(t.ctx, r.id), { ok: true, events: 1 });
});
