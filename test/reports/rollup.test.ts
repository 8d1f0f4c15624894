/**
 * The dashboard's roll-up (issue 15) gives the figures read report by report: the same counts, and
 * medians and 90th percentiles within one bin (5 %) of percentile_cont's. Thirty reports over twelve
 * days, in three categories (two units), two channels and two areas, answered and resolved after
 * varied delays; the roll-up is forced on (minRollupEvents 0) and compared with groupedFigures.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedSistem48, CENTRE, OUTSKIRTS } from '../sistem48/helpers.ts';
import { AREA_CELL_M, costsBetween, costsByUnit, groupedFigures, type GroupBy, type Scope } from '../../src/reports/queries/figures.ts';
import { cellOf } from '../../src/reports/queries/dashboard.ts';
import { dashboardFigures } from '../../src/reports/queries/rollup.ts';
import { refreshReportRollup } from '../../src/reports/commands/refresh-rollup.ts';
import { at, DAY, HOUR, plus, reportBuilder } from './helpers.ts';

const NOW = new Date('2026-11-18T10:00:00Z');
let t: TestApp;
const cases: { id: string; filed: Date; answered: boolean }[] = [];

before(async () => {
  t = await startTestApp();
  await seedSistem48(t.ctx, t.m);
  const b = reportBuilder(t.ctx);
  const categories = ['pothole', 'garbage', 'other'];
  for (let i = 0; i < 30; i++) {
    const filed = plus(NOW, -(12 * DAY) + i * 9 * HOUR + (i % 7) * 11 * 60_000);
    const place = i % 3 === 0 ? OUTSKIRTS : CENTRE;
    const { caseId } = await b.file(filed, { category: categories[i % 3]!, channel: i % 2 ? 'phone' : 'web', lat: place.lat, lon: place.lon });
    const answered = i % 5 !== 4;
    if (answered) {
      const respondedAt = plus(filed, (1 + ((i * 7) % 60)) * HOUR + i * 60_000);
      if (respondedAt < NOW) await b.respond(caseId, respondedAt);
      const resolvedAt = plus(respondedAt, (2 + ((i * 5) % 9)) * DAY);
      if (respondedAt < NOW && resolvedAt < NOW) await b.resolve(caseId, resolvedAt);
    }
    cases.push({ id: caseId, filed, answered });
  }
});
after(async () => {
  await t?.close();
});

const scope = (from: Date, to: Date, at = NOW): Scope => ({ start: from, end: to, unitIds: null, at });

async function compare(s: Scope, by: GroupBy | null) {
  const exact = await groupedFigures(t.ctx.db, s, by);
  const rolled = await dashboardFigures(t.ctx.db, s, by, { minRollupEvents: 0 });
  const close = (a: number | null, b: number | null, what: string) => {
    if (a === null || b === null) return assert.equal(a, b, what);
    assert.ok(Math.abs(a - b) <= Math.max(0.05 * b, 0.1), `${what}: roll-up ${a}, report by report ${b}`);
  };
  const same = (a: typeof exact.total, b: typeof exact.total, what: string) => {
    assert.deepEqual(
      [a.received, a.dueSla, a.answeredSla, a.firstResponse.count, a.resolution.count],
      [b.received, b.dueSla, b.answeredSla, b.firstResponse.count, b.resolution.count],
      what,
    );
    close(a.firstResponse.median, b.firstResponse.median, `${what} first answer median`);
    close(a.firstResponse.p90, b.firstResponse.p90, `${what} first answer p90`);
    close(a.resolution.median, b.resolution.median, `${what} resolution median`);
    close(a.resolution.p90, b.resolution.p90, `${what} resolution p90`);
  };
  same(rolled.total, exact.total, `total by ${by}`);
  const keys = (g: typeof exact.groups) => g.map((x) => String(x.key)).sort();
  assert.deepEqual(keys(rolled.groups), keys(exact.groups), `groups by ${by}`);
  for (const g of exact.groups) same(rolled.groups.find((x) => x.key === g.key)!.figures, g.figures, `${by} ${g.key}`);
  return { exact, rolled };
}

test('the roll-up of finished days and months gives the figures read report by report', async () => {
  const run = await refreshReportRollup(at(t.ctx, NOW));
  assert.equal(run.complete, true);
  assert.ok(run.days >= 12, `days rolled up: ${run.days}`);
  const stored = await sql<{ n: string }>`select count(*) as n from report_rollup where level = 'd' and dim = 'all'`.execute(t.ctx.db);
  assert.ok(Number(stored.rows[0]!.n) >= 12);
  // Today is not finished: its marks stay for a later run.
  const today = await sql<{ n: string }>`select count(*) as n from report_rollup_changes where bucket >= ${NOW.toISOString().slice(0, 10)}::date`.execute(
    t.ctx.db,
  );
  assert.ok(Number(today.rows[0]!.n) > 0);
  // Periods starting and ending inside days (edges read report by report), ending now and in the future.
  for (const [from, to] of [
    [plus(NOW, -14 * DAY + 5 * HOUR), NOW],
    [plus(NOW, -10 * DAY - 3 * HOUR), plus(NOW, -2 * DAY + 7 * HOUR)],
    [plus(NOW, -30 * DAY), plus(NOW, 7 * DAY)],
  ] as [Date, Date][]) {
    for (const by of [null, 'unit', 'category', 'channel', 'area'] as const) await compare(scope(from, to), by);
  }
  const { rolled } = await compare(scope(plus(NOW, -30 * DAY), NOW), 'unit');
  assert.ok(rolled.total.received >= 30);
  // Read from the roll-up, and said so (the dashboard then notes that its percentiles are within 5 %).
  assert.equal(rolled.binned, true);
  // Below ROLLUP_MIN_EVENTS (the default) a view is read report by report with exact percentiles.
  assert.equal((await dashboardFigures(t.ctx.db, scope(plus(NOW, -30 * DAY), NOW), 'unit')).binned, undefined);
});

test('views filtered to a unit, a category or a channel are read from the roll-up pairs and agree too', async () => {
  await refreshReportRollup(at(t.ctx, NOW));
  const pothole = await sql<{ id: number }>`select id from problem_categories where code = 'pothole'`.execute(t.ctx.db);
  const base = scope(plus(NOW, -14 * DAY + 5 * HOUR), NOW);
  const filters: Partial<Scope>[] = [
    { unitIds: [t.m.units.a.id] },
    { unitIds: [t.m.units.a.id, t.m.units.jkp.id] },
    { categoryId: pothole.rows[0]!.id },
    { channel: 'phone' },
  ];
  for (const f of filters) for (const by of [null, 'unit', 'category', 'channel'] as const) await compare({ ...base, ...f }, by);
  // The figures of one unit are not the whole municipality's.
  const all = await dashboardFigures(t.ctx.db, base, null, { minRollupEvents: 0 });
  const one = await dashboardFigures(t.ctx.db, { ...base, channel: 'phone' }, null, { minRollupEvents: 0 });
  assert.ok(one.total.received > 0 && one.total.received < all.total.received);
});

test('costs summed by day and unit (report_cost_days) equal the costs recorded, after a correction and a deletion too', async () => {
  const b = reportBuilder(t.ctx);
  for (const [i, c] of cases.slice(0, 12).entries()) {
    await b.cost(c.id, plus(c.filed, (3 + i) * HOUR), { labourHours: 1.5 + i, materials: 10 * i, contractor: i % 3 ? 0 : 99.95 });
  }
  const units = [t.m.units.a.id, t.m.units.jkp.id, t.m.units.b.id];
  const compareCosts = async (from: Date, to: Date) => {
    const byDays = await costsByUnit(t.ctx.db, { from, to, unitIds: units, byCategory: false });
    const recorded = await costsBetween(t.ctx.db, { from, to, unitIds: units });
    const sums = new Map<string, [number, number, number]>();
    for (const r of recorded) {
      const s0 = sums.get(r.unitId!) ?? [0, 0, 0];
      sums.set(r.unitId!, [s0[0] + r.labourHours, s0[1] + r.materials, s0[2] + r.contractor]);
    }
    assert.deepEqual(
      new Map(byDays.map((r) => [r.unitId!, [r.labourHours, r.materials, r.contractor]])),
      new Map([...sums].map(([k, v]) => [k, v.map((x) => Math.round(x * 100) / 100)])),
    );
    return byDays;
  };
  const whole = await compareCosts(plus(NOW, -20 * DAY + 7 * HOUR), plus(NOW, -HOUR));
  assert.ok(whole.length > 0);
  await compareCosts(plus(NOW, -9 * DAY - 5 * HOUR), plus(NOW, -3 * DAY + 2 * HOUR));
  await compareCosts(plus(NOW, -9 * DAY - 5 * HOUR), plus(NOW, -9 * DAY + 2 * HOUR));
  await sql`update report_costs set materials = materials + 1000, recorded_at = recorded_at - interval '2 days' where id = (select min(id) from report_costs)`.execute(
    t.ctx.db,
  );
  await sql`delete from report_costs where id = (select max(id) from report_costs)`.execute(t.ctx.db);
  await compareCosts(plus(NOW, -20 * DAY + 7 * HOUR), plus(NOW, -HOUR));
});

test('the stored area cell of a report is the one the dashboard computes from its place', async () => {
  const { gy, gx } = cellOf(AREA_CELL_M);
  const r = await sql<{ same: string; located: string }>`
    select count(*) filter (where r.area_cell = ${gy}::text || ',' || ${gx}::text) as same, count(*) filter (where r.lat is not null) as located
    from report_facts r`.execute(t.ctx.db);
  assert.ok(Number(r.rows[0]!.located) >= 30);
  assert.equal(r.rows[0]!.same, r.rows[0]!.located);
});

test('a change to a day already rolled up shows at once, and again after the next roll-up', async () => {
  await refreshReportRollup(at(t.ctx, NOW));
  const s = scope(plus(NOW, -30 * DAY), NOW);
  const before = await dashboardFigures(t.ctx.db, s, null, { minRollupEvents: 0 });
  // An unanswered report of eleven days ago gets its (late) answer recorded as given nine days ago.
  const late = cases.find((c) => !c.answered && c.filed < plus(NOW, -10 * DAY))!;
  await reportBuilder(t.ctx).respond(late.id, plus(late.filed, 50 * HOUR));
  const changed = await dashboardFigures(t.ctx.db, s, null, { minRollupEvents: 0 });
  assert.equal(changed.total.firstResponse.count, before.total.firstResponse.count + 1);
  await compare(s, 'category');
  const run = await refreshReportRollup(at(t.ctx, NOW));
  assert.ok(run.days >= 1, `days rolled up again: ${run.days}`);
  const after = await dashboardFigures(t.ctx.db, s, null, { minRollupEvents: 0 });
  assert.equal(after.total.firstResponse.count, changed.total.firstResponse.count);
  await compare(s, 'channel');
});
