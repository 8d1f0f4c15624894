/**
 * A unit report for unit A and the fourth quarter of 2026, against hand-made data. Europe/Belgrade:
 * the quarter runs from P0 = 1 Oct 00:00 CEST = 2026-09-30T22:00Z to P1 = 1 Jan 00:00 CET =
 * 2026-12-31T23:00Z (92 days and 1 hour). Potholes in the centre go to unit A, with a 48-hour
 * calendar first-response deadline and a 7-day resolution deadline until a response sets the planned date.
 * The report is read on 5 January 2027. Labour is valued at the default 20 an hour.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp, type Session } from '../helpers/app.ts';
import { seedSistem48, CENTRE } from '../sistem48/helpers.ts';
import { unitReport } from '../../src/reports/queries/unit-report.ts';
import { at, DAY, HOUR, plus, reportBuilder } from './helpers.ts';

const P0 = new Date('2026-09-30T22:00:00Z');
const P1 = new Date('2026-12-31T23:00:00Z');
const NOW = new Date('2027-01-05T10:00:00Z');
let t: TestApp;
let admin: Session, headA: Session, headAdm: Session, clerkA: Session, leader: Session;
const no: Record<string, string> = {};

before(async () => {
  t = await startTestApp();
  await seedSistem48(t.ctx, t.m);
  const b = reportBuilder(t.ctx);
  const file = async (name: string, when: Date) => {
    const r = await b.file(when, { category: 'pothole', channel: 'phone', lat: CENTRE.lat, lon: CENTRE.lon });
    no[name] = r.reportNo;
    return r.caseId;
  };
  // U1: P0−5d, never answered; a cost of 10 labour hours on P0−2d (this year, before the quarter).
  const u1 = await file('U1', plus(P0, -5 * DAY));
  await b.cost(u1, plus(P0, -2 * DAY), { labourHours: 10 });
  // U6: P0−3d, answered after 20 h (planned 5 days later: due P0+2d+20h), resolved P0+2d (120 h, in time).
  const u6 = await file('U6', plus(P0, -3 * DAY));
  await b.respond(u6, plus(P0, -3 * DAY + 20 * HOUR));
  await b.resolve(u6, plus(P0, 2 * DAY));
  // U2: P0+1d, answered after 10 h (due P0+6d+10h), field result and costs (4 h, 100 materials) on P0+2d, resolved P0+4d (72 h).
  const u2 = await file('U2', plus(P0, 1 * DAY));
  await b.respond(u2, plus(P0, 1 * DAY + 10 * HOUR));
  await b.fieldResult(u2, plus(P0, 2 * DAY));
  await b.cost(u2, plus(P0, 2 * DAY), { labourHours: 4, materials: 100 });
  await b.resolve(u2, plus(P0, 4 * DAY));
  // U3: P0+10d, answered after 60 h (late) with a 2-day plan, contractor 500, resolved a day after the plan (132 h).
  const u3 = await file('U3', plus(P0, 10 * DAY));
  await b.respond(u3, plus(P0, 10 * DAY + 60 * HOUR), 2);
  await b.cost(u3, plus(P0, 10 * DAY + 60 * HOUR + 3 * DAY), { contractor: 500 });
  await b.resolve(u3, plus(P0, 10 * DAY + 60 * HOUR + 3 * DAY));
  // U4: P0+20d, answered after 1 h (due P0+25d+1h), still open at the end.
  const u4 = await file('U4', plus(P0, 20 * DAY));
  await b.respond(u4, plus(P0, 20 * DAY + HOUR));
  // U5: P1−1d, not answered (its deadline is after the quarter).
  await file('U5', plus(P1, -1 * DAY));
  // B1: re-routed to unit B: not in unit A's report.
  const b1 = await file('B1', plus(P0, 5 * DAY));
  await b.reroute(b1, t.m.units.b.id, plus(P0, 5 * DAY + HOUR));
  await b.cost(b1, plus(P0, 6 * DAY), { materials: 999 });

  t.ctx.now = () => NOW;
  [admin, headA, headAdm, clerkA, leader] = await Promise.all(['admin', 'headA', 'headAdm', 'clerkA', 'leader'].map((u) => t.login(u)));
  const { pothole } = await t.ctx.db.selectFrom('problem_categories').select('id as pothole').where('code', '=', 'pothole').executeTakeFirstOrThrow();
  for (const body of [
    { unitId: t.m.units.a.id, year: 2026, amount: 10000 },
    { unitId: t.m.units.a.id, year: 2026, categoryId: pothole, costKind: 'materials', amount: 1000, note: 'Asfalt' },
  ]) {
    const r = await t.call({ method: 'POST', url: '/api/v1/reports/budget-lines', payload: body, as: admin });
    assert.equal(r.statusCode, 201, r.body);
  }
});
after(async () => {
  await t?.close();
});

const report = () => unitReport(at(t.ctx, NOW), t.m.users.headA!.actor, t.m.units.a.id, '2026-Q4');

test('workload: open at the start, received, decided, open at the end', async () => {
  const r = await report();
  assert.deepEqual(r.period, { label: '2026-Q4', start: P0.toISOString(), end: P1.toISOString(), firstDay: '2026-10-01', lastDay: '2026-12-31' });
  // At P0: U1 and U6 open. Received in Q4: U2 U3 U4 U5 (B1 is B's now). Decided: U6 U2 U3. Open at P1: U1 U4 U5.
  assert.deepEqual(r.workload, { openAtStart: 2, received: 4, decided: 3, openAtEnd: 3, rerouted: 0 });
});

test('response and resolution against the deadlines', async () => {
  const d = (await report()).deadlines;
  // 48 h cohort (registered in [P0−48h, P1−48h)): U2 10 h ✓, U3 60 h ✗, U4 1 h ✓ → 2/3.
  assert.deepEqual(d.answeredWithin48h, { of: 3, count: 2, share: 0.6667 });
  // Category deadline in Q4: U2, U3, U4 (U1's and U6's fell before, U5's after) → U2 and U4 in time: 2/3.
  assert.deepEqual(d.answeredWithinSla, { of: 3, count: 2, share: 0.6667 });
  // Decided in Q4 with a deadline: U6 (by P0+2d+20h ✓), U2 (by P0+6d+10h ✓), U3 (a day after its plan ✗) → 2/3.
  assert.deepEqual(d.resolvedWithinDeadline, { of: 3, count: 2, share: 0.6667 });
  // First answers in Q4: 1, 10, 60 h → median 10; p90 rank 1.8 → 10 + 0.8 × 50 = 50.
  assert.deepEqual(d.firstResponseHours, { count: 3, median: 10, p90: 50 });
  // First decisions in Q4: U2 72 h, U6 120 h, U3 60 + 72 = 132 h → median 120; p90 rank 1.8 → 120 + 0.8 × 12 = 129.6.
  assert.deepEqual(d.resolutionHours, { count: 3, median: 120, p90: 129.6 });
});

test('overdue items at the end of the quarter, most overdue first', async () => {
  const o = (await report()).overdue;
  // U1: unanswered past its first-response deadline (and past its 7-day deadline); U4: answered, open past its planned date.
  assert.equal(o.at, P1.toISOString());
  assert.equal(o.response, 1);
  assert.equal(o.resolution, 2);
  // U1's deadline P0−3d → 92 d 1 h + 3 d = 95 days overdue; U4's P0+25d+1h → 67 days.
  assert.deepEqual(
    o.items.map((i) => [i.reportNo, i.kind, i.daysOverdue]),
    [
      [no.U1, 'response', 95],
      [no.U4, 'resolution', 67],
    ],
  );
});

test('field results, outcomes, costs and the budget lines', async () => {
  const r = await report();
  assert.deepEqual(r.fieldResults, { results: 1, reports: 1 });
  assert.deepEqual(r.outcomes, [{ status: 'resolved', count: 3 }]);
  // Q4 costs of unit A: U2 4 h × 20 = 80 + materials 100; U3 contractor 500 → 680 (B1's 999 is unit B's).
  assert.deepEqual(
    { ...r.costs, byCategory: undefined },
    { labourHours: 4, labour: 80, materials: 100, contractor: 500, total: 680, reports: 2, byCategory: undefined },
  );
  // The year to the end of Q4 adds U1's 10 h × 20 = 200: 880. 880 / 10 000 = 0.088; materials 100 / 1 000 = 0.1.
  assert.deepEqual(
    r.budget.lines.map((l) => [l.category, l.kind, l.amount, l.spentPeriod, l.spentYear, l.usedShare]),
    [
      ['pothole', 'materials', 1000, 100, 100, 0.1],
      [null, 'total', 10000, 680, 880, 0.088],
    ],
  );
});

test('the unit head, the head of a unit above and leadership may read the report; others get not found', async () => {
  const url = `/api/v1/reports/units/${t.m.units.a.id}?period=2026-Q4`;
  for (const s of [headA, headAdm, leader]) assert.equal((await t.call({ method: 'GET', url, as: s })).statusCode, 200);
  assert.equal((await t.call({ method: 'GET', url, as: clerkA })).statusCode, 404);
  assert.equal((await t.call({ method: 'GET', url: `/api/v1/reports/units/${t.m.units.b.id}?period=2026-Q4`, as: headA })).statusCode, 404);
  assert.equal((await t.call({ method: 'GET', url })).statusCode, 401);
});

test('a unit head prints the quarter as a PDF, and downloads the spreadsheet and the page', async () => {
  const pdf = await t.call({ method: 'GET', url: `/reports/units/${t.m.units.a.id}/report.pdf?period=2026-Q4&lang=sr-Cyrl`, as: headA });
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
  assert.ok(pdf.rawPayload.includes('DejaVuSans'), 'the font with Latin and Cyrillic letters is embedded');

  const xlsx = await t.call({ method: 'GET', url: `/reports/units/${t.m.units.a.id}/report.xlsx?period=2026-Q4&lang=en`, as: headA });
  assert.equal(xlsx.statusCode, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  const values = wb.worksheets.flatMap((ws) => ws.getSheetValues().flatMap((row) => (Array.isArray(row) ? row : [])));
  assert.ok(values.includes(680), 'the total cost is stored as a number');
  assert.ok(
    wb.worksheets.some((ws) => ws.name === 'Costs'),
    wb.worksheets.map((ws) => ws.name).join(', '),
  );

  const page = await t.call({ method: 'GET', url: `/reports/units/${t.m.units.a.id}?period=2026-Q4&lang=hr`, as: headA });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<html lang="hr">/);
  assert.match(page.body, /Proračun/);
  assert.match(page.body, /report\.pdf\?period=2026-Q4/);
});

test('budget lines are the administrator’s to change, with an audit trail', async () => {
  const list = await t.call({ method: 'GET', url: `/api/v1/reports/budget-lines?unitId=${t.m.units.a.id}&year=2026`, as: headA });
  assert.equal(list.statusCode, 200);
  const line = list.json().items.find((l: { categoryId: number | null }) => l.categoryId === null);
  assert.equal(
    (await t.call({ method: 'POST', url: '/api/v1/reports/budget-lines', payload: { unitId: t.m.units.a.id, year: 2026, amount: 5 }, as: admin })).statusCode,
    409,
  );
  assert.equal(
    (await t.call({ method: 'POST', url: '/api/v1/reports/budget-lines', payload: { unitId: t.m.units.a.id, year: 2027, amount: 5 }, as: headA })).statusCode,
    403,
  );
  const patched = await t.call({ method: 'PATCH', url: `/api/v1/reports/budget-lines/${line.id}`, payload: { amount: 12000.5 }, as: admin });
  assert.equal(patched.statusCode, 200, patched.body);
  const trail = await t.ctx.db
    .selectFrom('audit_log')
    .select(['action', 'before', 'after'])
    .where('entity', '=', 'budget_line')
    .where('entity_id', '=', String(line.id))
    .orderBy('id')
    .execute();
  assert.deepEqual(
    trail.map((a) => a.action),
    ['create', 'update'],
  );
  assert.equal(Number((trail[1]!.before as { amount: string }).amount), 10000);
  assert.equal(Number((trail[1]!.after as { amount: string }).amount), 12000.5);
});

test('the dashboard shows live SLA status by unit, and each number lists exactly the reports behind it', async () => {
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/reports/dashboard/status', as: headA })).statusCode, 403);
  const s = await t.call({ method: 'GET', url: '/api/v1/reports/dashboard/status', as: leader });
  assert.equal(s.statusCode, 200, s.body);
  const a = s.json().units.find((u: { code: string }) => u.code === 'A');
  // Now (5 Jan 2027 10:00Z) unit A has U1, U4, U5 open; U1 and U5 unanswered, both past their first-response deadline
  // (U5's was 1 Jan 23:00Z). Past the resolution deadline: U1 and U4; U5's 7 days run to 6 Jan 23:00Z.
  assert.deepEqual([a.open.count, a.unanswered.count, a.breached.count, a.warning.count, a.resolution_overdue.count], [3, 2, 2, 0, 2]);
  const drill = await t.call({ method: 'GET', url: a.breached.cases, as: leader });
  assert.equal(drill.statusCode, 200, drill.body);
  assert.deepEqual(
    drill
      .json()
      .items.map((i: { reportNo: string }) => i.reportNo)
      .sort(),
    [no.U1, no.U5].sort(),
  );
  assert.equal(drill.json().total, 2);
  // A unit head may drill into their own unit only.
  assert.equal((await t.call({ method: 'GET', url: a.breached.cases, as: headA })).statusCode, 200);
  assert.equal((await t.call({ method: 'GET', url: `/api/v1/reports/drilldown?metric=open&unitId=${t.m.units.b.id}`, as: headA })).statusCode, 404);
});

test('hot spots and recurring problems group reports by grid cell and category, with their drill-down', async () => {
  const h = await t.call({ method: 'GET', url: `/api/v1/reports/dashboard/hotspots?from=${P0.toISOString()}&to=${P1.toISOString()}`, as: leader });
  assert.equal(h.statusCode, 200, h.body);
  // All five Q4 potholes (U2 U3 U4 U5 B1) are at the same point: one cell.
  assert.equal(h.json().cells.length, 1);
  assert.equal(h.json().cells[0].total, 5);
  const r = await t.call({ method: 'GET', url: '/api/v1/reports/dashboard/recurring?days=120&min=3', as: leader });
  assert.equal(r.statusCode, 200, r.body);
  const place = r.json().places[0];
  // From 7 Sep 2026 (120 days before 5 Jan 2027): U1 U6 U2 U3 U4 U5 B1 = 7 potholes in one place.
  assert.equal(place.category, 'pothole');
  assert.equal(place.count, 7);
  const d = await t.call({ method: 'GET', url: place.cases, as: leader });
  assert.equal(d.json().total, 7);
});
