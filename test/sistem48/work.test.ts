import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { runOnce } from 'graphile-worker';
import { startTestApp, type TestApp, type Session } from '../helpers/app.ts';
import type { Ctx } from '../../src/kernel/context.ts';
import { taskList } from '../../src/modules.ts';
import { fileReport } from '../../src/sistem48/commands/file-report.ts';
import { checkSlaThreshold } from '../../src/sistem48/commands/check-sla-threshold.ts';
import { WEB_FORM_ACTOR } from '../../src/sistem48/http/routes.ts';
import { CENTRE, OUTSKIRTS, seedSistem48 } from './helpers.ts';

let t: TestApp;
let clerkA: Session;
let headA: Session;
let operator: Session;
let registry: Session;
let leader: Session;

before(async () => {
  t = await startTestApp();
  await seedSistem48(t.ctx, t.m);
  [clerkA, headA, operator, registry, leader] = await Promise.all(['clerkA', 'headA', 'operator', 'registry', 'leader'].map((u) => t.login(u)));
});
after(async () => {
  await t.close();
});

const HOUR = 3_600_000;
const at = (ctx: Ctx, now: Date): Ctx => ({ ...ctx, now: () => now });

async function fileAt(now: Date, input: Partial<Parameters<typeof fileReport>[2]> = {}) {
  return fileReport(at(t.ctx, now), WEB_FORM_ACTOR, {
    via: 'web',
    channel: 'web',
    category: { code: 'pothole' },
    lat: CENTRE.lat,
    lon: CENTRE.lon,
    description: 'Rupa',
    ...input,
  });
}

async function events(caseId: string) {
  return t.ctx.db.selectFrom('case_events').select(['type', 'visibility', 'data', 'note']).where('case_id', '=', caseId).orderBy('seq').execute();
}

async function jobsOf(caseId: string) {
  return (
    await sql<{ key: string; run_at: Date }>`select key, run_at from graphile_worker.jobs where key like ${`s48:${caseId}:%`} order by run_at`.execute(t.ctx.db)
  ).rows;
}

test('registration schedules exactly two SLA jobs for the report, at 75 % and at the deadline, and no periodic scan', async () => {
  const now = new Date();
  const r = await fileAt(now);
  const jobs = await jobsOf(r.caseId);
  assert.deepEqual(
    jobs.map((j) => j.key),
    [`s48:${r.caseId}:warning`, `s48:${r.caseId}:breach`],
  );
  assert.equal(new Date(jobs[0]!.run_at).getTime(), now.getTime() + 36 * HOUR);
  assert.equal(new Date(jobs[1]!.run_at).getTime(), now.getTime() + 48 * HOUR);
  const tasks = Object.keys(taskList(t.ctx));
  assert.ok(tasks.includes('sistem48.sla_threshold'));
  const crontab = (
    await sql<{ n: string }>`select count(*)::text as n from graphile_worker.jobs where task_identifier like 'sistem48.%' and key is null`.execute(t.ctx.db)
  ).rows[0]!.n;
  assert.equal(crontab, '0');
});

test('an unanswered report warns its unit head at 75 % and escalates to the unit head and leadership at 48 hours, once', async () => {
  const filed = new Date(Date.now() - 60_000);
  const r = await fileAt(filed);
  assert.equal(
    await checkSlaThreshold(at(t.ctx, new Date(filed.getTime() + 10 * HOUR)), { caseId: r.caseId, level: 'warning' }),
    'rescheduled',
    'woken early it goes back to sleep',
  );
  assert.equal(await checkSlaThreshold(at(t.ctx, new Date(filed.getTime() + 36 * HOUR)), { caseId: r.caseId, level: 'warning' }), 'escalated');
  // The breach job runs through the real worker, with the clock advanced to the deadline.
  await sql`update graphile_worker._private_jobs set run_at = now() - interval '1 second' where key = ${`s48:${r.caseId}:breach`}`.execute(t.ctx.db);
  await runOnce({ pgPool: t.handle.pool, taskList: taskList(at(t.ctx, new Date(filed.getTime() + 48 * HOUR + 1000))), logger: undefined });
  assert.equal(
    await checkSlaThreshold(at(t.ctx, new Date(filed.getTime() + 49 * HOUR)), { caseId: r.caseId, level: 'breach' }),
    'already',
    'a retried job changes nothing',
  );
  const escalated = (await events(r.caseId)).filter((e) => e.type === 'case.escalated');
  assert.deepEqual(
    escalated.map((e) => [e.visibility, e.data.level]),
    [
      ['internal', 'warning'],
      ['internal', 'breach'],
    ],
  );
  assert.deepEqual(escalated[0]!.data.recipientIds, [t.m.users.headA!.id]);
  assert.deepEqual(new Set(escalated[1]!.data.recipientIds as string[]), new Set([t.m.users.headA!.id, t.m.users.leader!.id]));
  const rows = await t.ctx.db.selectFrom('sla_escalations').select(['level', 'unit_id']).where('case_id', '=', r.caseId).orderBy('level', 'desc').execute();
  assert.deepEqual(rows, [
    { level: 'warning', unit_id: t.m.units.a.id },
    { level: 'breach', unit_id: t.m.units.a.id },
  ]);
  const staff = (await t.call({ method: 'GET', url: `/api/v1/sistem48/reports/${r.caseId}`, as: headA })).json();
  assert.equal(staff.escalations.length, 2);
  // The public never sees escalations.
  const pub = (await t.call({ method: 'GET', url: `/api/v1/sistem48/public/reports/${r.reportNo}` })).json();
  assert.ok(!pub.timeline.some((e: { type: string }) => e.type === 'case.escalated'));
});

test('a response with a status and a planned date records both, stops the clock, cancels the jobs, and the escalation job then does nothing', async () => {
  const r = await fileAt(new Date());
  const planned = new Date(Date.now() + 5 * 86_400_000);
  const noDate = await t.call({ method: 'POST', url: `/api/v1/sistem48/reports/${r.caseId}/response`, as: clerkA, payload: { status: 'in_progress' } });
  assert.equal(noDate.statusCode, 400, 'a response without a date is not a response');
  assert.equal((await t.call({ method: 'GET', url: `/api/v1/sistem48/reports/${r.caseId}`, as: clerkA })).json().firstResponse.state, 'ok');

  const res = await t.call({
    method: 'POST',
    url: `/api/v1/sistem48/reports/${r.caseId}/response`,
    as: clerkA,
    payload: { status: 'in_progress', plannedResolutionAt: planned.toISOString(), note: 'Ekipa izlazi u utorak.' },
  });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().firstResponse, true);
  assert.equal(res.json().onTime, true);
  const ev = await events(r.caseId);
  assert.deepEqual(
    ev.map((e) => e.type),
    ['case.registered', 'case.delivered', 'case.accepted', 'case.status_changed', 'case.response_given', 'case.deadline_set'],
  );
  const given = ev.find((e) => e.type === 'case.response_given')!;
  assert.deepEqual([given.visibility, given.data.status, given.data.plannedResolutionAt], ['public', 'in_progress', planned.toISOString()]);
  assert.equal(ev.find((e) => e.type === 'case.deadline_set')!.data.dueAt, planned.toISOString());
  assert.deepEqual(await jobsOf(r.caseId), [], 'the pending SLA jobs are cancelled');
  assert.equal(await checkSlaThreshold(at(t.ctx, new Date(Date.now() + 49 * HOUR)), { caseId: r.caseId, level: 'breach' }), 'answered');
  assert.ok(!(await events(r.caseId)).some((e) => e.type === 'case.escalated'));

  const staff = (await t.call({ method: 'GET', url: `/api/v1/sistem48/reports/${r.caseId}`, as: clerkA })).json();
  assert.equal(staff.firstResponse.state, 'answered');
  assert.equal(staff.status, 'in_progress');
  assert.equal(new Date(staff.dueAt).toISOString(), planned.toISOString());
  const pub = (await t.call({ method: 'GET', url: `/api/v1/sistem48/public/reports/${r.reportNo}` })).json();
  const item = pub.timeline.find((e: { type: string }) => e.type === 'case.response_given');
  assert.deepEqual([item.status, item.plannedResolutionAt, item.note], ['in_progress', planned.toISOString(), 'Ekipa izlazi u utorak.']);
  // Someone outside the unit cannot answer (and cannot tell the report exists).
  const clerkB = await t.login('clerkB');
  assert.equal(
    (
      await t.call({
        method: 'POST',
        url: `/api/v1/sistem48/reports/${r.caseId}/response`,
        as: clerkB,
        payload: { status: 'in_progress', plannedResolutionAt: planned.toISOString() },
      })
    ).statusCode,
    404,
  );
});

test('working hours: a report of a working-hours category filed on Friday afternoon before a holiday is due after the weekend and the holiday', async () => {
  const admin = await t.login('admin');
  assert.equal((await t.call({ method: 'PUT', url: '/api/v1/sistem48/holidays/2026-01-19', as: admin, payload: { name: 'Test holiday' } })).statusCode, 200);
  const friday = new Date('2026-01-16T14:00:00+01:00');
  const r = await fileAt(friday, { category: { code: 'dumping' } });
  // 48 working hours of 8 (07–15): Fri 1 h, Tue–Fri 32 h (Monday is the holiday), Mon 8 h, Tue 7 h → Tue 27 Jan 14:00.
  assert.equal(r.firstResponseDueAt.toISOString(), new Date('2026-01-27T14:00:00+01:00').toISOString());
  const calendar = await fileAt(friday);
  assert.equal(calendar.firstResponseDueAt.toISOString(), new Date('2026-01-18T14:00:00+01:00').toISOString());
});

test('duplicates are suggested within 50 m for the same category (publicly without personal data), and a merge keeps every reporter on the surviving report', async () => {
  const first = await fileReport(t.ctx, WEB_FORM_ACTOR, {
    via: 'web',
    channel: 'web',
    category: { code: 'street_light' },
    lat: OUTSKIRTS.lat,
    lon: OUTSKIRTS.lon,
    fields: { pole_number: 'A1' },
    contact: { name: 'Prva Prijaviteljka', phone: '0641110001', consent: true },
  });
  const near = { lat: OUTSKIRTS.lat + 0.0003, lon: OUTSKIRTS.lon }; // ~33 m north
  const far = { lat: OUTSKIRTS.lat + 0.002, lon: OUTSKIRTS.lon }; // ~220 m
  const sugg = await t.call({ method: 'GET', url: `/api/v1/sistem48/public/duplicates?category=street_light&lat=${near.lat}&lon=${near.lon}` });
  assert.equal(sugg.statusCode, 200, sugg.body);
  assert.equal(sugg.json().radiusM, 50);
  const hit = sugg.json().items.find((i: { id: string }) => i.id === first.reportNo);
  assert.ok(hit, 'the open report nearby is suggested');
  assert.ok(hit.distanceM > 25 && hit.distanceM < 40, String(hit.distanceM));
  assert.ok(!sugg.body.includes('Prva') && !sugg.body.includes('0641110001') && !('caseId' in hit));
  assert.ok(
    !(await t.call({ method: 'GET', url: `/api/v1/sistem48/public/duplicates?category=street_light&lat=${far.lat}&lon=${far.lon}` }))
      .json()
      .items.some((i: { id: string }) => i.id === first.reportNo),
  );
  assert.ok(
    !(await t.call({ method: 'GET', url: `/api/v1/sistem48/public/duplicates?category=pothole&lat=${near.lat}&lon=${near.lon}` }))
      .json()
      .items.some((i: { id: string }) => i.id === first.reportNo),
  );
  const staffSugg = await t.call({ method: 'GET', url: `/api/v1/sistem48/duplicates?category=street_light&lat=${near.lat}&lon=${near.lon}`, as: operator });
  assert.ok(staffSugg.json().items.some((i: { caseId: string }) => i.caseId === first.caseId));

  const second = await fileReport(t.ctx, WEB_FORM_ACTOR, {
    via: 'web',
    channel: 'web',
    category: { code: 'street_light' },
    lat: near.lat,
    lon: near.lon,
    fields: { pole_number: 'A1' },
    contact: { name: 'Drugi Prijavilac', email: 'drugi@example.org', consent: true },
  });
  const merge = await t.call({
    method: 'POST',
    url: `/api/v1/sistem48/reports/${second.caseId}/merge`,
    as: operator,
    payload: { intoCaseId: first.caseId, note: 'Ista svetiljka' },
  });
  assert.equal(merge.statusCode, 200, merge.body);
  assert.equal(merge.json().partiesAdded, 1);
  const survivor = (await t.call({ method: 'GET', url: `/api/v1/cases/${first.caseId}`, as: registry })).json();
  assert.deepEqual(survivor.parties.map((p: { name: string }) => p.name).sort(), ['Drugi Prijavilac', 'Prva Prijaviteljka']);
  const dupEvents = await events(second.caseId);
  const intoEvents = await events(first.caseId);
  assert.equal(dupEvents.at(-1)!.type, 'case.merged');
  assert.equal(dupEvents.at(-1)!.data.intoCaseId, first.caseId);
  assert.equal(intoEvents.at(-1)!.type, 'case.merged');
  assert.equal(intoEvents.at(-1)!.data.mergedCaseId, second.caseId);
  const dup = (await t.call({ method: 'GET', url: `/api/v1/sistem48/public/reports/${second.reportNo}` })).json();
  assert.deepEqual([dup.open, dup.mergedInto, dup.firstResponse.state], [false, first.reportNo, 'answered']);
  assert.deepEqual(await jobsOf(second.caseId), []);
  assert.equal(
    (await t.call({ method: 'POST', url: `/api/v1/sistem48/reports/${second.caseId}/merge`, as: operator, payload: { intoCaseId: first.caseId } })).statusCode,
    409,
  );
  assert.equal(
    (await t.call({ method: 'POST', url: `/api/v1/sistem48/reports/${first.caseId}/merge`, as: operator, payload: { intoCaseId: first.caseId } })).statusCode,
    400,
  );
  // The merged report is no longer suggested.
  assert.ok(
    !(await t.call({ method: 'GET', url: `/api/v1/sistem48/public/duplicates?category=street_light&lat=${near.lat}&lon=${near.lon}` }))
      .json()
      .items.some((i: { id: string }) => i.id === second.reportNo),
  );
});

test('a report already closed is not merged: 409 naming its status, and nothing changes', async () => {
  const open = await fileAt(new Date());
  const closed = await fileAt(new Date());
  for (const to of ['accepted', 'in_progress', 'resolved']) {
    const r = await t.call({ method: 'POST', url: `/api/v1/cases/${closed.caseId}/transitions`, as: clerkA, payload: { to } });
    assert.equal(r.statusCode, 200, `${to}: ${r.body}`);
  }
  const before = await events(closed.caseId);
  const refused = await t.call({ method: 'POST', url: `/api/v1/sistem48/reports/${closed.caseId}/merge`, as: operator, payload: { intoCaseId: open.caseId } });
  assert.equal(refused.statusCode, 409, refused.body);
  assert.deepEqual([refused.json().error.code, refused.json().error.details.status], ['report_closed', 'resolved']);
  assert.match(refused.json().error.message, /već zatvorena/);
  assert.deepEqual(await events(closed.caseId), before);
  assert.equal((await events(open.caseId)).filter((e) => e.type === 'case.merged').length, 0);
  const report = (await t.call({ method: 'GET', url: `/api/v1/sistem48/public/reports/${closed.reportNo}` })).json();
  assert.equal(report.mergedInto ?? null, null);
});

test('re-routing moves a report to another unit, records case.rerouted, and the routing statistics show the category re-routed most', async () => {
  const r = await fileAt(new Date());
  const res = await t.call({
    method: 'POST',
    url: `/api/v1/sistem48/reports/${r.caseId}/reroute`,
    as: clerkA,
    payload: { unitId: t.m.units.jkp.id, reason: 'Nije naša nadležnost' },
  });
  assert.equal(res.statusCode, 200, res.body);
  const last = (await events(r.caseId)).at(-1)!;
  assert.equal(last.type, 'case.rerouted');
  assert.deepEqual([last.data.fromUnitName, last.data.unitName], ['Odeljenje A', 'JKP Vodovod']);
  assert.equal((await t.call({ method: 'GET', url: `/api/v1/sistem48/reports/${r.caseId}`, as: clerkA })).statusCode, 404, "no longer unit A's");
  const stats = await t.call({ method: 'GET', url: '/api/v1/sistem48/stats/routing', as: leader });
  assert.equal(stats.statusCode, 200, stats.body);
  const top = stats.json().categories[0];
  assert.equal(top.code, 'pothole');
  assert.ok(top.reroutedReports >= 1 && top.reroutes >= 1);
  assert.ok(stats.json().flows.some((f: { from: string; to: string }) => f.from === 'Odeljenje A' && f.to === 'JKP Vodovod'));
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/sistem48/stats/routing', as: clerkA })).statusCode, 403);
});

test('work queues: new, due soon, overdue, waiting and done; bulk assignment, a field result with a photo for the citizen, and costs', async () => {
  const now = Date.now();
  const fresh = await fileAt(new Date(now - HOUR));
  const soon = await fileAt(new Date(now - 40 * HOUR));
  const late = await fileAt(new Date(now - 50 * HOUR));
  const queue = async (bucket: string) =>
    (await t.call({ method: 'GET', url: `/api/v1/sistem48/queues/${t.m.units.a.id}?bucket=${bucket}&pageSize=200`, as: headA })).json();
  assert.ok((await queue('new')).items.some((i: { caseId: string }) => i.caseId === fresh.caseId));
  const dueSoon = (await queue('due_soon')).items.map((i: { caseId: string }) => i.caseId);
  assert.ok(dueSoon.includes(soon.caseId) && !dueSoon.includes(fresh.caseId));
  const overdue = await queue('overdue');
  assert.ok(overdue.items.some((i: { caseId: string; firstResponse: { state: string } }) => i.caseId === late.caseId && i.firstResponse.state === 'breached'));
  assert.ok(overdue.counts.overdue >= 1 && overdue.counts.new >= 3);

  const bulk = await t.call({
    method: 'POST',
    url: '/api/v1/sistem48/reports/bulk-assignment',
    as: headA,
    payload: { caseIds: [fresh.caseId, soon.caseId], clerkId: t.m.users.clerkA!.id },
  });
  assert.equal(bulk.statusCode, 200, bulk.body);
  assert.equal(bulk.json().changed, 2);
  const wrongUnit = await t.call({
    method: 'POST',
    url: '/api/v1/sistem48/reports/bulk-assignment',
    as: headA,
    payload: { caseIds: [late.caseId], clerkId: t.m.users.clerkB!.id },
  });
  assert.equal(wrongUnit.statusCode, 400);
  assert.equal((await events(late.caseId)).filter((e) => e.type === 'case.assigned').length, 0, 'all or nothing');

  const png = await (await import('sharp'))
    .default({ create: { width: 40, height: 30, channels: 3, background: 'green' } })
    .png()
    .toBuffer();
  const { multipart } = await import('./helpers.ts');
  const up = await t.call({
    method: 'POST',
    url: `/api/v1/sistem48/reports/${fresh.caseId}/photos`,
    as: clerkA,
    ...multipart({}, [{ name: 'photo', filename: 'posle.png', type: 'image/png', data: png }]),
  });
  assert.equal(up.statusCode, 201, up.body);
  assert.equal(up.json().approved, true, 'field photos by staff are public');
  const field = await t.call({
    method: 'POST',
    url: `/api/v1/sistem48/reports/${fresh.caseId}/field-result`,
    as: clerkA,
    payload: { note: 'Rupa zakrpljena hladnim asfaltom.', photoIds: [up.json().id] },
  });
  assert.equal(field.statusCode, 201, field.body);
  const cost = await t.call({
    method: 'POST',
    url: `/api/v1/sistem48/reports/${fresh.caseId}/costs`,
    as: clerkA,
    payload: { labourHours: 3.5, materials: 4200, contractor: 0, note: 'Hladni asfalt 2 džaka' },
  });
  assert.equal(cost.statusCode, 201, cost.body);
  assert.equal((await t.call({ method: 'POST', url: `/api/v1/sistem48/reports/${fresh.caseId}/costs`, as: clerkA, payload: {} })).statusCode, 400);
  const ev = await events(fresh.caseId);
  const fr = ev.find((e) => e.type === 'case.field_result')!;
  assert.deepEqual([fr.visibility, fr.note, fr.data.photoIds], ['public', 'Rupa zakrpljena hladnim asfaltom.', [up.json().id]]);
  assert.equal(ev.find((e) => e.type === 'case.cost_recorded')!.visibility, 'internal');
  const pub = (await t.call({ method: 'GET', url: `/api/v1/sistem48/public/reports/${fresh.reportNo}` })).json();
  assert.ok(pub.timeline.some((e: { type: string; note: string }) => e.type === 'case.field_result' && e.note === 'Rupa zakrpljena hladnim asfaltom.'));
  assert.ok(!pub.timeline.some((e: { type: string }) => e.type === 'case.cost_recorded'));
  assert.ok(pub.photoIds.includes(up.json().id));
  const costs = await t.call({ method: 'GET', url: '/api/v1/sistem48/stats/costs', as: leader });
  const row = costs.json().items.find((i: { unit_id: string; category_code: string }) => i.unit_id === t.m.units.a.id && i.category_code === 'pothole');
  assert.deepEqual([row.labour_hours, row.materials], ['3.50', '4200.00']);

  // Resolve through the field result: the report moves to done.
  await t.call({
    method: 'POST',
    url: `/api/v1/sistem48/reports/${soon.caseId}/response`,
    as: clerkA,
    payload: { status: 'in_progress', plannedResolutionAt: new Date(now + 86_400_000).toISOString() },
  });
  const done = await t.call({
    method: 'POST',
    url: `/api/v1/sistem48/reports/${soon.caseId}/field-result`,
    as: clerkA,
    payload: { note: 'Završeno.', resolve: true },
  });
  assert.equal(done.statusCode, 201, done.body);
  assert.ok((await queue('done')).items.some((i: { caseId: string }) => i.caseId === soon.caseId));
});

test('an answered report with a deadline far off is in the unit\'s "in progress" bucket: no open report falls out of every bucket', async () => {
  const now = Date.now();
  const r = await fileAt(new Date(now - HOUR));
  const answered = await t.call({
    method: 'POST',
    url: `/api/v1/sistem48/reports/${r.caseId}/response`,
    as: clerkA,
    payload: { status: 'accepted', plannedResolutionAt: new Date(now + 8 * 86_400_000).toISOString() },
  });
  assert.equal(answered.statusCode, 200, answered.body);
  const queue = async (bucket: string) =>
    (await t.call({ method: 'GET', url: `/api/v1/sistem48/queues/${t.m.units.a.id}?bucket=${bucket}&pageSize=200`, as: headA })).json();
  const inProgress = await queue('in_progress');
  assert.ok(inProgress.items.some((i: { caseId: string }) => i.caseId === r.caseId));
  for (const b of ['new', 'due_soon', 'overdue', 'waiting', 'done']) {
    assert.ok(!(await queue(b)).items.some((i: { caseId: string }) => i.caseId === r.caseId), `not also in ${b}`);
  }
  // Every open report of the unit is in at least one open bucket.
  const open = await t.ctx.db
    .selectFrom('problem_reports')
    .innerJoin('cases', 'cases.id', 'problem_reports.case_id')
    .select('cases.id')
    .where('cases.unit_id', '=', t.m.units.a.id)
    .where('cases.is_open', '=', true)
    .where('problem_reports.merged_into', 'is', null)
    .execute();
  const seen = new Set<string>();
  for (const b of ['new', 'due_soon', 'overdue', 'in_progress', 'waiting']) for (const i of (await queue(b)).items) seen.add(i.caseId);
  assert.deepEqual(
    open.map((o) => o.id).filter((id) => !seen.has(id)),
    [],
  );
});

test('a working week without a working day is refused and the working days stay as they were', async () => {
  const admin = await t.login('admin');
  const r = await t.call({ method: 'PATCH', url: '/api/v1/sistem48/settings', as: admin, payload: { workingDays: [] } });
  assert.equal(r.statusCode, 400, r.body);
  const settings = (await t.call({ method: 'GET', url: '/api/v1/sistem48/settings', as: admin })).json();
  assert.ok(settings.working_days.length > 0, JSON.stringify(settings));
});
