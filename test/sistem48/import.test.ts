/**
 * Importing report history (issue 16, item 1): a CSV and an XLSX of a municipality's old reports become
 * real Sistem 48 reports — numbered in their year's series, routed, with their history dated as in the
 * file, counted in the weekly overview and the unit report of their weeks — without telling anyone; a
 * second import of the same file adds nothing; a file with bad rows or unknown categories writes nothing.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedSistem48 } from './helpers.ts';
import { importReportFile } from '../../src/sistem48/commands/import-report-file.ts';
import { importReportRows } from '../../src/sistem48/commands/import-reports.ts';
import { verifyChainOf } from '../../src/cases/queries/cases.ts';
import { computeWeeklyOverview } from '../../src/reports/queries/weekly-overview.ts';
import { unitReport } from '../../src/reports/queries/unit-report.ts';
import type { OutboxWriter } from '../../src/kernel/context.ts';
import { localTime } from '../../src/kernel/time.ts';

let t: TestApp;
/** Every event the outbox writers are handed while the tests run. */
const outboxSeen: string[] = [];
const spy: OutboxWriter = async (_tx, e) => {
  outboxSeen.push(`${e.caseId}:${e.type}`);
};

before(async () => {
  t = await startTestApp();
  await seedSistem48(t.ctx, t.m);
  t.ctx.outbox.push(spy);
});
after(async () => {
  await t?.close();
});

const admin = () => t.m.users.admin!.actor;
const count = async (table: string) => Number((await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)}`.execute(t.ctx.db)).rows[0]!.n);
const counts = async () => ({
  cases: await count('cases'),
  reports: await count('problem_reports'),
  events: await count('case_events'),
  parties: await count('parties'),
  imports: await count('report_imports'),
  categories: await count('problem_categories'),
  messages: await count('notification_messages'),
  jobs: await count('graphile_worker.jobs'),
});
const csv = (lines: string[]) => new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
const tz = () => t.config.timezone;
/** The instant of a wall time in the municipality (the file's dates are wall times). */
const wall = (y: number, mo: number, d: number, h = 0, mi = 0) => localTime(y, mo, d, h * 60 + mi, tz());

// Semicolons, a BOM, a quoted text holding the delimiter, quotes and a line break, dates written the local way.
const HISTORY = [
  'received_at;category;text;address;lat;lon;channel;status;answered_at;closed_at;unit;external_id',
  '2025-03-10 08:15;pothole;"Rupa kod škole; duboka ""pola metra""\nopasno";Njegoševa 12;45.4083;19.8878;telefon;rešeno;10.3.2025. 12:00;2025-03-12 16:00;;OLD-1',
  '11.3.2025 09:00;street_light;Ne radi svetlo u ulici;Pijačna 3;;;sms;u radu;2025-03-11 10:00;;JKP;OLD-2',
  '2025-03-12;garbage;Smeće nije odneto;;;;;;;;B;OLD-3',
  '2025-03-13 14:00;pothole;Udarna rupa bez broja;;;;web;odbijeno;;2025-03-14 09:00;;',
];

test('a CSV of history becomes numbered, routed, dated reports; nobody is told; the figures of their week count them', async () => {
  const before = await counts();
  const r = await importReportFile(t.ctx, admin(), csv(HISTORY), { fileName: 'history.csv' });
  assert.deepEqual(r.outcome.problems, []);
  assert.equal(r.outcome.ok, true);
  assert.equal(r.outcome.imported, true);
  assert.equal(r.outcome.toCreate, 4);
  const after = await counts();
  assert.equal(after.cases - before.cases, 4);
  assert.equal(after.reports - before.reports, 4);
  assert.equal(after.imports - before.imports, 1);
  // Nobody is told: no outbox writer saw an event, no message row, no job (neither delivery nor SLA timer).
  assert.deepEqual(outboxSeen, []);
  assert.equal(after.messages, before.messages);
  assert.equal(after.jobs, before.jobs);

  const rows = await sql<{
    number: string;
    status: string;
    registered_at: Date;
    closed_at: Date | null;
    unit_code: string;
    responded_at: Date | null;
    line: number;
    case_id: string;
    description: string;
    channel: string;
    decided_at: Date | null;
  }>`select c.number, c.status, c.registered_at, c.closed_at, u.code as unit_code, pr.responded_at, ir.line, c.id as case_id, c.description, c.channel,
        d.decided_at
      from imported_reports ir join cases c on c.id = ir.case_id join problem_reports pr on pr.case_id = c.id
      join org_units u on u.id = c.unit_id left join case_decisions d on d.case_id = c.id order by ir.line`.execute(t.ctx.db);
  const [r1, r2, r3, r4] = rows.rows;
  // Numbered in 2025's series of the report case type (S48-{seq:5}/{yy}), in the order received.
  assert.deepEqual(
    rows.rows.map((x) => x.number),
    ['S48-00001/25', 'S48-00002/25', 'S48-00003/25', 'S48-00004/25'],
  );
  assert.equal(r1!.description, 'Rupa kod škole; duboka "pola metra"\nopasno');
  assert.equal(r1!.channel, 'phone');
  assert.equal(r1!.status, 'resolved');
  assert.equal(r1!.registered_at.getTime(), wall(2025, 3, 10, 8, 15).getTime());
  assert.equal(r1!.responded_at!.getTime(), wall(2025, 3, 10, 12).getTime());
  assert.equal(r1!.closed_at!.getTime(), wall(2025, 3, 12, 16).getTime());
  assert.equal(r1!.decided_at!.getTime(), wall(2025, 3, 12, 16).getTime());
  assert.equal(r1!.unit_code, 'A', 'routed by the rules: a pothole in the centre area goes to unit A');
  assert.equal(r2!.status, 'in_progress');
  assert.equal(r2!.unit_code, 'JKP', 'the unit the file names');
  assert.equal(r2!.closed_at, null);
  assert.equal(r3!.status, 'delivered');
  assert.equal(r3!.unit_code, 'B');
  assert.equal(r3!.channel, 'counter');
  assert.equal(r4!.status, 'rejected');
  assert.equal(r4!.responded_at!.getTime(), wall(2025, 3, 14, 9).getTime(), 'closed without an answer: the closing answered it');

  // The history: dated as in the file, chained, and every move one the lifecycle allows.
  const events = await sql<{ type: string; occurred_at: Date; data: { to?: string } }>`select type, occurred_at, data from case_events
    where case_id = ${r1!.case_id} order by seq`.execute(t.ctx.db);
  assert.deepEqual(
    events.rows.map((e) => [e.type, e.data.to ?? null, e.occurred_at.getTime()]),
    [
      ['case.registered', null, wall(2025, 3, 10, 8, 15).getTime()],
      ['case.delivered', 'delivered', wall(2025, 3, 10, 8, 15).getTime()],
      ['case.accepted', 'accepted', wall(2025, 3, 10, 12).getTime()],
      ['case.status_changed', 'resolved', wall(2025, 3, 12, 16).getTime()],
    ],
  );
  for (const x of rows.rows) assert.equal((await verifyChainOf(t.ctx, x.case_id)).ok, true);

  // The weekly overview of 2025-W11 (10–16 March) counts the four, by channel and category.
  const w = await computeWeeklyOverview(t.ctx, { year: 2025, week: 11 });
  assert.equal(w.received.total, 4);
  assert.deepEqual(Object.fromEntries(w.received.byCategory.map((c) => [c.code, c.count])), { pothole: 2, street_light: 1, garbage: 1 });
  assert.equal(w.backlog.open, 2);
  // And unit A's report for March 2025 has its pothole, received and resolved.
  const ua = await unitReport(t.ctx, t.m.users.leader!.actor, t.m.units.a.id, '2025-03');
  assert.equal(ua.workload.received, 1);
  assert.equal(ua.workload.decided, 1);
});

test('importing the same file again adds nothing', async () => {
  const before = await counts();
  const r = await importReportFile(t.ctx, admin(), csv(HISTORY), { fileName: 'history.csv' });
  assert.equal(r.outcome.ok, true);
  assert.equal(r.outcome.toCreate, 0);
  assert.equal(r.outcome.alreadyImported, 4);
  assert.deepEqual(await counts(), before);
  assert.match(r.lines.at(-1)!, /Reports imported: 0\. Imported before: 4\./);
});

test('a file with bad rows is refused whole, each problem by line and reason, and writes nothing', async () => {
  const before = await counts();
  const r = await importReportFile(
    t.ctx,
    admin(),
    csv([
      'received_at,category,text,status,closed_at,lat,lon,channel,unit',
      '2025-04-01 10:00,pothole,Dobar red,,,,,,',
      '31.2.2025,pothole,Loš datum,,,,,,',
      '2025-04-02,,,,,,,,',
      '2025-04-03,pothole,Zatvoreno bez datuma,rešeno,,,,,',
      '2025-04-04,pothole,Samo lat,,,45.1,,,',
      '2025-04-05,pothole,Kanal,,,,,golub pismonoša,',
      '2025-04-06,pothole,Jedinica,,,,,,NEMA',
      '2099-01-01,pothole,Budućnost,,,,,,',
    ]),
    { fileName: 'bad.csv' },
  );
  assert.equal(r.outcome.ok, false);
  assert.equal(r.outcome.imported, false);
  assert.deepEqual(
    r.outcome.problems.map((p) => [p.line, p.code, p.column]),
    [
      [3, 'bad_date', 'received_at'],
      [4, 'required', 'category'],
      [4, 'required', 'text'],
      [5, 'closed_needs_date', 'closed_at'],
      [6, 'both_coordinates', 'lon'],
      [7, 'bad_channel', 'channel'],
      [8, 'unknown_unit', 'unit'],
      [9, 'future_date', 'received_at'],
    ],
  );
  assert.ok(r.lines.includes('line 3: received_at: "31.2.2025" is not a date (for example 2025-03-14 09:30 or 14.3.2025 9:30)'), r.lines.join('\n'));
  assert.ok(r.lines.includes('line 8: unit: "NEMA" is neither the code nor the name of a unit'));
  assert.deepEqual(await counts(), before);

  const missing = await importReportFile(t.ctx, admin(), csv(['text;category;received_at', 'x;pothole;2025-01-01', 'y;Klupe u parku;2025-01-02']), {});
  assert.equal(missing.outcome.ok, false);
  assert.deepEqual(missing.outcome.missingCategories, ['Klupe u parku']);
  assert.match(missing.lines[0]!, /Categories that do not exist: Klupe u parku\./);
  const noColumn = await importReportFile(t.ctx, admin(), csv(['received_at;kategorija;text', '2025-01-01;pothole;x']), {});
  assert.deepEqual(
    noColumn.outcome.problems.map((p) => [p.line, p.code, p.value]),
    [[1, 'missing_columns', 'category']],
  );
  const latin2 = await importReportFile(t.ctx, admin(), Uint8Array.from([0x61, 0x3b, 0x9a, 0xe8, 0x0a]), {});
  assert.deepEqual(
    latin2.outcome.problems.map((p) => p.code),
    ['not_utf8'],
  );
  assert.deepEqual(await counts(), before);
});

test('with leave to create categories, unknown ones are created and their reports go to the dispatcher', async () => {
  const r = await importReportFile(
    t.ctx,
    admin(),
    csv(['received_at;category;text', '2025-05-05 10:00;Klupe u parku;Polomljena klupa', '2025-05-05 11:00;POTHOLE!;Rupa']),
    {
      createCategories: true,
      fileName: 'park.csv',
    },
  );
  assert.equal(r.outcome.ok, true, r.lines.join('\n'));
  assert.deepEqual(r.outcome.categoriesCreated, ['klupe_u_parku']);
  const row = await sql<{ code: string; unit: string; name: { 'sr-Latn': string } }>`select pc.code, u.code as unit, pc.name from imported_reports ir
    join problem_reports pr on pr.case_id = ir.case_id join problem_categories pc on pc.id = pr.category_id
    join cases c on c.id = ir.case_id join org_units u on u.id = c.unit_id where ir.import_id = ${r.outcome.importId} order by ir.line`.execute(t.ctx.db);
  assert.deepEqual(
    row.rows.map((x) => [x.code, x.unit, x.name['sr-Latn']]),
    [
      ['klupe_u_parku', 'PIS', 'Klupe u parku'],
      ['pothole', 'JKP', 'Udarna rupa'],
    ],
  );
});

test('an XLSX file: date cells are the wall time in the municipality; the rows of a generator import the same way', async () => {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Prijave');
  sheet.addRow(['Received at', 'Category', 'Text', 'External ID', 'Closed at', 'Status']);
  sheet.addRow([
    new Date(Date.UTC(2024, 11, 31, 23, 30)),
    'garbage',
    { richText: [{ text: 'Kontejner ' }, { text: 'pun' }] },
    'X-1',
    new Date(Date.UTC(2025, 0, 2, 8)),
    'closed',
  ]);
  const data = new Uint8Array(await book.xlsx.writeBuffer());
  const r = await importReportFile(t.ctx, admin(), data, { fileName: 'old.xlsx' });
  assert.equal(r.outcome.ok, true, r.lines.join('\n'));
  const c = await sql<{ number: string; registered_at: Date; description: string; status: string }>`select c.number, c.registered_at, c.description, c.status
    from imported_reports ir join cases c on c.id = ir.case_id where ir.external_id = 'X-1'`.execute(t.ctx.db);
  // 31 December 2024 at 23:30 on the municipality's clock: 2024's series, whatever UTC says.
  assert.equal(c.rows[0]!.registered_at.getTime(), wall(2024, 12, 31, 23, 30).getTime());
  assert.equal(c.rows[0]!.number, 'S48-00001/24');
  assert.equal(c.rows[0]!.description, 'Kontejner pun');
  assert.equal(c.rows[0]!.status, 'resolved');

  // importReportRows takes rows already read (a generator's), with the same checks and keys.
  const rows = [{ line: 2, values: { received_at: '2025-06-01 09:00', category: 'pothole', text: 'Generisana prijava' } }];
  const first = await importReportRows(t.ctx, admin(), rows, { fileName: 'generated' });
  const again = await importReportRows(t.ctx, admin(), rows, { fileName: 'generated' });
  assert.deepEqual([first.toCreate, again.toCreate, again.alreadyImported], [1, 0, 1]);
});

test('only an administrator imports', async () => {
  await assert.rejects(importReportRows(t.ctx, t.m.users.headA!.actor, [], {}), (e: Error & { code?: string }) => e.code === 'forbidden');
});

function multipart(filename: string, content: Uint8Array, fields: Record<string, string>) {
  const boundary = `----glas${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'accept-language': 'sr-Latn' } };
}

test('the web import: a preview of the first rows and the problems, writing nothing; then the import; only for administrators', async () => {
  const adminSession = await t.login('admin');
  const file = csv([
    'received_at,category,text,external_id',
    '2025-07-01 10:00,pothole,Prva,W-1',
    '2025-07-02 10:00,garbage,Druga,W-2',
    'juče,garbage,Treća,W-3',
  ]);
  const before = await counts();
  const bad = await t.call({ method: 'POST', url: '/api/v1/sistem48/imports', as: adminSession, ...multipart('web.csv', file, { mode: 'preview' }) });
  assert.equal(bad.statusCode, 200, bad.body);
  const p = bad.json();
  assert.equal(p.ok, false);
  assert.deepEqual(
    p.preview.map((r: { line: number; category: string }) => [r.line, r.category]),
    [
      [2, 'pothole'],
      [3, 'garbage'],
      [4, 'garbage'],
    ],
  );
  assert.deepEqual(
    p.problems.map((x: { line: number; reason: string }) => [x.line, x.reason]),
    [[4, 'red 4: received_at: „juče” nije datum (na primer 2025-03-14 09:30 ili 14.3.2025. 9:30)']],
  );
  const refused = await t.call({ method: 'POST', url: '/api/v1/sistem48/imports', as: adminSession, ...multipart('web.csv', file, { mode: 'import' }) });
  assert.equal(refused.statusCode, 400);
  assert.equal(refused.json().error.details.problems[0].line, 4);
  assert.deepEqual(await counts(), before);

  const good = csv(['received_at,category,text,external_id', '2025-07-01 10:00,pothole,Prva,W-1', '2025-07-02 10:00,garbage,Druga,W-2']);
  const preview = await t.call({ method: 'POST', url: '/api/v1/sistem48/imports', as: adminSession, ...multipart('web.csv', good, { mode: 'preview' }) });
  assert.equal(preview.json().ok, true);
  assert.equal(preview.json().toCreate, 2);
  assert.deepEqual(await counts(), before);
  const done = await t.call({ method: 'POST', url: '/api/v1/sistem48/imports', as: adminSession, ...multipart('web.csv', good, { mode: 'import' }) });
  assert.equal(done.statusCode, 201, done.body);
  assert.equal((await counts()).cases - before.cases, 2);
  const list = await t.call({ method: 'GET', url: '/api/v1/sistem48/imports', as: adminSession });
  assert.equal(list.json().items[0].fileName, 'web.csv');
  assert.equal(list.json().items[0].created, 2);

  const head = await t.login('headA');
  const no = await t.call({ method: 'POST', url: '/api/v1/sistem48/imports', as: head, ...multipart('web.csv', good, { mode: 'preview' }) });
  assert.equal(no.statusCode, 403);
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/sistem48/imports', as: head })).statusCode, 403);
});

test("the router's training examples: imported, filed by staff and re-routed reports, not citizens' own choices", async () => {
  const { categoryTrainingExamples } = await import('../../src/sistem48/repositories/training-repository.ts');
  const { fileReport } = await import('../../src/sistem48/commands/file-report.ts');
  const { rerouteReport } = await import('../../src/sistem48/commands/reroute-report.ts');
  const { WEB_FORM_ACTOR } = await import('../../src/sistem48/http/routes.ts');
  const where = { lat: 45.41, lon: 19.88 };
  const staff = await fileReport(t.ctx, t.m.users.operator!.actor, {
    via: 'staff',
    channel: 'phone',
    category: { code: 'garbage' },
    description: 'Operater: smeće',
    ...where,
  });
  const web = await fileReport(t.ctx, WEB_FORM_ACTOR, { via: 'web', channel: 'web', category: { code: 'garbage' }, description: 'Građanin: smeće', ...where });
  const rerouted = await fileReport(t.ctx, WEB_FORM_ACTOR, {
    via: 'web',
    channel: 'web',
    category: { code: 'pothole' },
    description: 'Građanin: rupa',
    ...where,
  });
  await rerouteReport(t.ctx, t.m.users.registry!.actor, { caseId: rerouted.caseId, unitId: t.m.units.b.id });
  const all = [];
  for (let after: string | null = null; ; ) {
    const page = await categoryTrainingExamples(t.ctx.db, { afterCaseId: after, limit: 3 });
    if (!page.length) break;
    all.push(...page);
    after = page.at(-1)!.caseId;
  }
  const source = new Map(all.map((e) => [e.caseId, e.source]));
  assert.equal(source.get(staff.caseId), 'staff');
  assert.equal(source.get(rerouted.caseId), 'rerouted');
  assert.equal(source.has(web.caseId), false);
  const importedCount = await count('imported_reports');
  assert.equal(all.filter((e) => e.source === 'imported').length, importedCount);
  assert.ok(all.some((e) => e.text === 'Rupa kod škole; duboka "pola metra"\nopasno' && e.categoryCode === 'pothole'));
});

test('a failure while writing leaves nothing of the import: one transaction for every chunk', async () => {
  const before = await counts();
  const rows = Array.from({ length: 1500 }, (_, k) => ({
    line: k + 2,
    values: { received_at: `2025-08-0${1 + (k % 9)} 10:00`, category: 'garbage', text: `Prijava broj ${k}` },
  }));
  let calls = 0;
  const failing = async () => {
    // The second chunk of 1000 fails, after the first was written in the same transaction.
    if (++calls === 2) throw new Error('disk full');
  };
  t.ctx.historyWriters!.push(failing);
  try {
    await assert.rejects(importReportRows(t.ctx, admin(), rows, { fileName: 'big' }), /disk full/);
  } finally {
    t.ctx.historyWriters!.pop();
  }
  assert.equal(calls, 2);
  assert.deepEqual(await counts(), before);
  const again = await importReportRows(t.ctx, admin(), rows, { fileName: 'big' });
  assert.equal(again.toCreate, 1500);
  assert.equal((await counts()).cases - before.cases, 1500);
});
