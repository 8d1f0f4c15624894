import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { seededDatabase } from './helpers/fixtures.ts';
import { registerCase } from '../src/cases/commands/register-case.ts';
import { transitionCase } from '../src/cases/commands/transition-case.ts';
import { verifyChainOf } from '../src/cases/queries/cases.ts';

const db = seededDatabase();

async function caseWithHistory() {
  const c = await registerCase(db.ctx, db.m.users.registry!.actor, {
    caseTypeId: db.m.caseType.id,
    subject: 'Dozvola',
    channel: 'counter',
    parties: [{ name: 'Ana' }],
  });
  await transitionCase(db.ctx, db.m.users.registry!.actor, { caseId: c.id, to: 'delivered', unitId: db.m.units.a.id });
  await transitionCase(db.ctx, db.m.users.clerkA!.actor, { caseId: c.id, to: 'accepted' });
  await transitionCase(db.ctx, db.m.users.clerkA!.actor, { caseId: c.id, to: 'approved', note: 'Usvojeno' });
  return c;
}

test('the event log refuses updates and deletes', async () => {
  const c = await caseWithHistory();
  await assert.rejects(sql`update case_events set note = 'x' where case_id = ${c.id}`.execute(db.ctx.db), /append-only/);
  await assert.rejects(sql`delete from case_events where case_id = ${c.id}`.execute(db.ctx.db), /append-only/);
});

test('tampering that gets past the database (a superuser disabling the guard) is found by chain verification', async () => {
  const c = await caseWithHistory();
  assert.deepEqual(await verifyChainOf(db.ctx, c.id), { ok: true, events: 4 });
  await db.ctx.db.connection().execute(async (conn) => {
    await sql`alter table case_events disable trigger case_events_no_update`.execute(conn);
    await sql`update case_events set data = jsonb_set(data, '{to}', '"rejected"') where case_id = ${c.id} and seq = 4`.execute(conn);
    await sql`alter table case_events enable trigger case_events_no_update`.execute(conn);
  });
  const v = await verifyChainOf(db.ctx, c.id);
  assert.equal(v.ok, false);
  assert.equal(!v.ok && v.brokenAtSeq, 4);
});

test('a change and its event commit together: a failing transition leaves status and history as they were', async () => {
  const c = await caseWithHistory();
  const before = await db.ctx.db.selectFrom('case_events').select('seq').where('case_id', '=', c.id).execute();
  await assert.rejects(transitionCase(db.ctx, db.m.users.clerkA!.actor, { caseId: c.id, to: 'archived' }));
  // An outbox writer that throws inside the transaction rolls the status change back too.
  const failing = {
    ...db.ctx,
    outbox: [
      async () => {
        throw new Error('outbox down');
      },
    ],
  };
  await assert.rejects(transitionCase(failing, db.m.users.clerkA!.actor, { caseId: c.id, to: 'appeal_received' }), /outbox down/);
  const row = await db.ctx.db.selectFrom('cases').select('status').where('id', '=', c.id).executeTakeFirstOrThrow();
  assert.equal(row.status, 'approved');
  const after = await db.ctx.db.selectFrom('case_events').select('seq').where('case_id', '=', c.id).execute();
  assert.equal(after.length, before.length);
});
