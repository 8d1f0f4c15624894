/**
 * A resolved report answered again is reopened (issue 12): the response moves it back to in_progress
 * through moveCaseStatus, which clears closed_at; so the report is open again everywhere that reads
 * it: the case row, the reports' read model (report_facts, kept by triggers), the published weekly
 * backlog, the unit's work queue and the public report page.
 *
 * Built with the real commands at fixed instants in week 2026-W10 (Europe/Belgrade, UTC+1 then):
 * S = Mon 2 Mar 00:00 local = 2026-03-01T23:00Z, the week ends at E = S + 7 days.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp, type Session } from '../helpers/app.ts';
import { SYSTEM_ACTOR } from '../../src/kernel/types.ts';
import { respondToReport } from '../../src/sistem48/commands/respond-to-report.ts';
import { transitionCase } from '../../src/cases/commands/transition-case.ts';
import { computeWeeklyOverview } from '../../src/reports/queries/weekly-overview.ts';
import { seedSistem48, CENTRE } from './helpers.ts';
import { at, DAY, HOUR, plus, reportBuilder } from '../reports/helpers.ts';

const S = new Date('2026-03-01T23:00:00Z');
const E = plus(S, 7 * DAY);
const WEEK = { year: 2026, week: 10 };
let t: TestApp;
let headA: Session;
const pothole = { category: 'pothole', channel: 'web', lat: CENTRE.lat, lon: CENTRE.lon } as const;

before(async () => {
  t = await startTestApp();
  await seedSistem48(t.ctx, t.m);
  headA = await t.login('headA');
});
after(async () => {
  await t.close();
});

async function caseRow(caseId: string) {
  return t.ctx.db.selectFrom('cases').select(['status', 'is_open', 'closed_at', 'status_changed_at']).where('id', '=', caseId).executeTakeFirstOrThrow();
}
async function factsClosedAt(caseId: string) {
  return (await t.ctx.db.selectFrom('report_facts').select('closed_at').where('case_id', '=', caseId).executeTakeFirstOrThrow()).closed_at;
}
async function backlog() {
  const o = await computeWeeklyOverview(at(t.ctx, plus(E, 8 * DAY)), WEEK);
  return { open: o.backlog.open, reportNos: o.backlog.oldest.map((x) => x.reportNo) };
}
async function queueBuckets(caseId: string) {
  const inBucket: string[] = [];
  for (const bucket of ['new', 'due_soon', 'overdue', 'in_progress', 'waiting', 'done']) {
    const page = await t.call({ method: 'GET', url: `/api/v1/sistem48/queues/${t.m.units.a.id}?bucket=${bucket}&pageSize=200`, as: headA });
    assert.equal(page.statusCode, 200, page.body);
    if (page.json().items.some((i: { caseId: string }) => i.caseId === caseId)) inBucket.push(bucket);
  }
  return inBucket;
}

test("a resolved report reopened by a response is open again: closed_at cleared, in the weekly backlog, in the unit's queue, open on its public page", async () => {
  const b = reportBuilder(t.ctx);
  // Stays resolved: the control, out of the backlog throughout.
  const kept = await b.file(plus(S, HOUR), pothole);
  await b.respond(kept.caseId, plus(S, 2 * HOUR));
  await b.resolve(kept.caseId, plus(S, DAY));
  // Resolved, then answered again two days later.
  const r = await b.file(plus(S, HOUR), pothole);
  await b.respond(r.caseId, plus(S, 2 * HOUR));
  await b.resolve(r.caseId, plus(S, DAY));

  const resolved = await caseRow(r.caseId);
  assert.deepEqual([resolved.status, resolved.is_open, resolved.closed_at?.toISOString()], ['resolved', false, plus(S, DAY).toISOString()]);
  assert.equal((await factsClosedAt(r.caseId))?.toISOString(), plus(S, DAY).toISOString());
  assert.deepEqual(await backlog(), { open: 0, reportNos: [] }, 'both resolved within the week: no backlog');
  assert.deepEqual(await queueBuckets(r.caseId), ['done']);

  const reopenedAt = plus(S, 2 * DAY);
  const answer = await respondToReport(at(t.ctx, reopenedAt), SYSTEM_ACTOR, {
    caseId: r.caseId,
    status: 'in_progress',
    plannedResolutionAt: plus(reopenedAt, 3 * DAY),
    note: 'Rupa se ponovo otvorila.',
  });
  assert.equal(answer.status, 'in_progress');

  const row = await caseRow(r.caseId);
  assert.deepEqual([row.status, row.is_open, row.closed_at, row.status_changed_at.toISOString()], ['in_progress', true, null, reopenedAt.toISOString()]);
  assert.equal(await factsClosedAt(r.caseId), null, 'the read model follows the case (trigger on closed_at)');
  assert.deepEqual(await backlog(), { open: 1, reportNos: [r.reportNo] }, 'open at the end of the week, and only it');
  const buckets = await queueBuckets(r.caseId);
  assert.ok(buckets.length > 0 && !buckets.includes('done'), `in an open bucket of the unit's queue, not done: ${buckets.join(', ')}`);

  const events = await t.ctx.db.selectFrom('case_events').select(['type', 'data', 'occurred_at']).where('case_id', '=', r.caseId).orderBy('seq').execute();
  const reopen = events.filter((e) => e.type === 'case.status_changed').at(-1)!;
  assert.deepEqual([reopen.data, reopen.occurred_at.toISOString()], [{ from: 'resolved', to: 'in_progress' }, reopenedAt.toISOString()]);
  assert.deepEqual(
    events.slice(-2).map((e) => e.type),
    ['case.response_given', 'case.deadline_set'],
  );

  const pub = await t.call({ method: 'GET', url: `/api/v1/sistem48/public/reports/${r.reportNo}` });
  assert.equal(pub.statusCode, 200, pub.body);
  assert.deepEqual([pub.json().status, pub.json().open, pub.json().closedAt], ['in_progress', true, null]);

  const control = await caseRow(kept.caseId);
  assert.deepEqual([control.status, control.closed_at?.toISOString()], ['resolved', plus(S, DAY).toISOString()]);

  // Resolved again: closed at the new instant, and out of the backlog again.
  await b.resolve(r.caseId, plus(S, 3 * DAY));
  assert.equal((await caseRow(r.caseId)).closed_at?.toISOString(), plus(S, 3 * DAY).toISOString());
  assert.equal((await factsClosedAt(r.caseId))?.toISOString(), plus(S, 3 * DAY).toISOString());
  assert.deepEqual(await backlog(), { open: 0, reportNos: [] });
});

test('a report closed by a response (status resolved) and answered again is reopened the same way', async () => {
  const b = reportBuilder(t.ctx);
  const r = await b.file(plus(S, 4 * DAY), pothole);
  const when = plus(S, 4 * DAY + 3 * HOUR);
  await respondToReport(at(t.ctx, when), SYSTEM_ACTOR, { caseId: r.caseId, status: 'resolved', plannedResolutionAt: when });
  const closed = await caseRow(r.caseId);
  assert.deepEqual([closed.status, closed.closed_at?.toISOString()], ['resolved', when.toISOString()]);
  assert.ok(!(await backlog()).reportNos.includes(r.reportNo));

  const later = plus(S, 5 * DAY);
  await respondToReport(at(t.ctx, later), SYSTEM_ACTOR, { caseId: r.caseId, status: 'in_progress', plannedResolutionAt: plus(later, DAY) });
  const row = await caseRow(r.caseId);
  assert.deepEqual([row.status, row.is_open, row.closed_at], ['in_progress', true, null]);
  assert.equal(await factsClosedAt(r.caseId), null);
  assert.ok((await backlog()).reportNos.includes(r.reportNo));
  await transitionCase(at(t.ctx, plus(S, 6 * DAY)), SYSTEM_ACTOR, { caseId: r.caseId, to: 'resolved' });
});

test('a move the table lacks is refused the same way by a transition and by a field result, and nothing is half-written', async () => {
  const b = reportBuilder(t.ctx);
  const r = await b.file(plus(S, HOUR), pothole);
  await b.respond(r.caseId, plus(S, 2 * HOUR));
  await b.resolve(r.caseId, plus(S, DAY));
  const staff = await t.login('clerkA');
  const back = await t.call({ method: 'POST', url: `/api/v1/cases/${r.caseId}/transitions`, as: staff, payload: { to: 'received' } });
  assert.equal(back.statusCode, 409, back.body);
  assert.equal(back.json().error.code, 'invalid_transition');
  const field = await t.call({
    method: 'POST',
    url: `/api/v1/sistem48/reports/${r.caseId}/field-result`,
    as: staff,
    payload: { note: 'Opet.', resolve: true },
  });
  assert.equal(field.statusCode, 409, field.body);
  assert.equal(field.json().error.code, 'invalid_transition');
  assert.equal((await caseRow(r.caseId)).status, 'resolved', 'nothing half-written');
  const types = (await t.ctx.db.selectFrom('case_events').select('type').where('case_id', '=', r.caseId).execute()).map((e) => e.type);
  assert.ok(!types.includes('case.field_result'), 'the refused field result left no event');
});

test("the external registry's statuses are mirrored through the same move: closing sets closed_at, an appeal reopens, a closed case stays closed since its first closing", async () => {
  const { createApiToken } = await import('../../src/organisation/commands/manage-api-tokens.ts');
  const token = (await createApiToken(t.ctx, SYSTEM_ACTOR, { name: 'VOPI', userId: t.m.users.registry!.id, scopes: ['registry:events'] })).token;
  const base = { externalSystem: 'vopi', externalCaseId: 'V-9', caseNumber: '354-9/2026' };
  const post = async (eventId: string, type: string, occurredAt: Date, data?: Record<string, unknown>) => {
    const r = await t.call({
      method: 'POST',
      url: '/api/v1/integrations/registry-events',
      bearer: token,
      payload: { ...base, eventId, type, occurredAt: occurredAt.toISOString(), data, parties: [{ externalPartyId: 'P-9', name: 'Jana Novak' }] },
    });
    assert.equal(r.statusCode, 201, r.body);
    return r.json().caseId as string;
  };
  const caseId = await post('e1', 'registered', plus(S, HOUR));
  const registered = await caseRow(caseId);
  assert.deepEqual([registered.status, registered.is_open, registered.closed_at], ['received', true, null]);
  await post('e2', 'status_changed', plus(S, DAY), { status: 'approved' });
  const approved = await caseRow(caseId);
  assert.deepEqual([approved.status, approved.closed_at?.toISOString()], ['approved', plus(S, DAY).toISOString()]);
  await post('e3', 'appeal_received', plus(S, 2 * DAY));
  const appealed = await caseRow(caseId);
  assert.deepEqual([appealed.status, appealed.is_open, appealed.closed_at], ['appeal_received', true, null]);
  await post('e4', 'archived', plus(S, 3 * DAY));
  assert.equal((await caseRow(caseId)).closed_at?.toISOString(), plus(S, 3 * DAY).toISOString());
  // Not a move Glas would make (archived is final), but the registry is the record of its case.
  await post('e5', 'status_changed', plus(S, 4 * DAY), { status: 'approved' });
  const last = await caseRow(caseId);
  assert.deepEqual(
    [last.status, last.closed_at?.toISOString(), last.status_changed_at.toISOString()],
    ['approved', plus(S, 3 * DAY).toISOString(), plus(S, 4 * DAY).toISOString()],
  );
});
