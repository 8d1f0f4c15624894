/**
 * Waiting for the citizen pauses the answer clock (move-case-status.ts): a transition into `incomplete`
 * starts the pause, the next one out of it ends it and moves the deadline by the time waited. The
 * transition command hands the status writer the pause columns its lock already read.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seededDatabase } from './helpers/fixtures.ts';
import { registerCase } from '../src/cases/commands/register-case.ts';
import { transitionCase } from '../src/cases/commands/transition-case.ts';
import { verifyChainOf } from '../src/cases/queries/cases.ts';

const db = seededDatabase();

test('a transition out of "incomplete" ends the pause and moves the deadline by the time waited, twice over', async () => {
  const start = db.ctx.now();
  const at = (hours: number) => ({ ...db.ctx, now: () => new Date(start.getTime() + hours * 3_600_000) });
  const c = await registerCase(at(0), db.m.users.registry!.actor, {
    caseTypeId: db.m.caseType.id,
    subject: 'Dozvola',
    channel: 'counter',
    parties: [{ name: 'Ana' }],
  });
  await transitionCase(at(0), db.m.users.registry!.actor, { caseId: c.id, to: 'delivered', unitId: db.m.units.a.id });
  await transitionCase(at(1), db.m.users.clerkA!.actor, { caseId: c.id, to: 'accepted' });
  const row = () => db.ctx.db.selectFrom('cases').select(['due_at', 'paused_at', 'paused_ms', 'status']).where('id', '=', c.id).executeTakeFirstOrThrow();
  const due0 = (await row()).due_at!;

  await transitionCase(at(2), db.m.users.clerkA!.actor, { caseId: c.id, to: 'incomplete', note: 'Nedostaje adresa' });
  const paused = await row();
  assert.equal(paused.status, 'incomplete');
  assert.equal(new Date(paused.paused_at!).getTime(), at(2).now().getTime());
  assert.equal(new Date(paused.due_at!).getTime(), new Date(due0).getTime(), 'the deadline stays while paused');

  await transitionCase(at(5), db.m.users.clerkA!.actor, { caseId: c.id, to: 'in_progress' });
  const resumed = await row();
  assert.equal(resumed.paused_at, null);
  assert.equal(Number(resumed.paused_ms), 3 * 3_600_000);
  assert.equal(new Date(resumed.due_at!).getTime(), new Date(due0).getTime() + 3 * 3_600_000);

  // A second pause adds to the first.
  await transitionCase(at(6), db.m.users.clerkA!.actor, { caseId: c.id, to: 'incomplete' });
  await transitionCase(at(7), db.m.users.clerkA!.actor, { caseId: c.id, to: 'in_progress', noteVisibility: 'internal', note: 'Stigla adresa' });
  const again = await row();
  assert.equal(Number(again.paused_ms), 4 * 3_600_000);
  assert.equal(new Date(again.due_at!).getTime(), new Date(due0).getTime() + 4 * 3_600_000);
  assert.deepEqual(await verifyChainOf(db.ctx, c.id), { ok: true, events: 8 });
});
