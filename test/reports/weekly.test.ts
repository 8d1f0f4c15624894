/**
 * The weekly overview against a hand-made week. Week 2026-W47 in Europe/Belgrade (UTC+1 in
 * November) runs from S = Mon 16 Nov 00:00 local = 2026-11-15T23:00Z to E = S + 7 days.
 * Every timestamp below is S plus or minus hours; the expected figures are worked out in comments.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedSistem48, CENTRE, OUTSKIRTS } from '../sistem48/helpers.ts';
import { runWeeklyOverview, ensureWeeklySchedule, weeklyJobKey } from '../../src/reports/tasks.ts';
import { findOverview } from '../../src/reports/repositories/overview-repository.ts';
import { computeWeeklyOverview } from '../../src/reports/queries/weekly-overview.ts';
import type { WeeklyOverview } from '../../src/reports/domain/overview.ts';
import { taskList } from '../../src/modules.ts';
import { WEEKLY_TASK } from '../../src/reports/tasks.ts';
import { at, DAY, HOUR, plus, reportBuilder } from './helpers.ts';

const S = new Date('2026-11-15T23:00:00Z');
const E = plus(S, 7 * DAY);
let t: TestApp;
const ids: Record<string, { caseId: string; reportNo: string }> = {};

before(async () => {
  t = await startTestApp();
  await seedSistem48(t.ctx, t.m);
  const b = reportBuilder(t.ctx);
  const file = async (name: string, when: Date, o: Parameters<typeof b.file>[1]) => {
    const r = await b.file(when, o);
    ids[name] = { caseId: r.caseId, reportNo: r.reportNo };
    return r.caseId;
  };
  const pothole = { category: 'pothole', lat: CENTRE.lat, lon: CENTRE.lon } as const;
  // R10: a week before; resolved before the week: touches nothing of W47.
  const r10 = await file('R10', plus(S, -10 * DAY), { ...pothole, channel: 'web' });
  await b.respond(r10, plus(S, -10 * DAY + 2 * HOUR));
  await b.resolve(r10, plus(S, -9 * DAY));
  // R1: registered S−60h, answered S−40h (both before the week), still open.
  const r1 = await file('R1', plus(S, -60 * HOUR), { ...pothole, channel: 'web' });
  await b.respond(r1, plus(S, -40 * HOUR));
  // R2: registered S−30h, answered after 50 h (S+20h, late), resolved after 100 h (S+70h).
  const r2 = await file('R2', plus(S, -30 * HOUR), { ...pothole, channel: 'phone' });
  await b.respond(r2, plus(S, 20 * HOUR));
  await b.resolve(r2, plus(S, 70 * HOUR));
  // R3: registered S+1h, answered after 10 h, resolved after 30 h.
  const r3 = await file('R3', plus(S, 1 * HOUR), { ...pothole, channel: 'web' });
  await b.respond(r3, plus(S, 11 * HOUR));
  await b.resolve(r3, plus(S, 31 * HOUR));
  // R4: garbage, registered S+2h, answered after 47 h, open.
  const r4 = await file('R4', plus(S, 2 * HOUR), { category: 'garbage', channel: 'phone', lat: OUTSKIRTS.lat, lon: OUTSKIRTS.lon });
  await b.respond(r4, plus(S, 49 * HOUR));
  // R5: street light, registered S+24h, never answered, open.
  await file('R5', plus(S, 24 * HOUR), { category: 'street_light', channel: 'email', lat: OUTSKIRTS.lat, lon: OUTSKIRTS.lon, fields: { pole_number: 'B7' } });
  // R7: registered S+3d, merged into R4 an hour later: counted as received, left out of every other figure.
  const r7 = await file('R7', plus(S, 3 * DAY), { category: 'garbage', channel: 'counter', lat: OUTSKIRTS.lat, lon: OUTSKIRTS.lon });
  await b.merge(r7, r4, plus(S, 3 * DAY + HOUR));
  // R8: other, by SMS, registered S+4d, re-routed to unit B, answered after 1 h, resolved after 2 h.
  const r8 = await file('R8', plus(S, 4 * DAY), { category: 'other', channel: 'sms', lat: OUTSKIRTS.lat, lon: OUTSKIRTS.lon });
  await b.reroute(r8, t.m.units.b.id, plus(S, 4 * DAY + 30 * 60_000));
  await b.respond(r8, plus(S, 4 * DAY + HOUR));
  await b.resolve(r8, plus(S, 4 * DAY + 2 * HOUR));
  // R6: registered E−24h (its 48 hours end after the week), answered after 5 h, open.
  const r6 = await file('R6', plus(E, -24 * HOUR), { ...pothole, channel: 'web' });
  await b.respond(r6, plus(E, -19 * HOUR));
  // R9: registered after the week.
  await file('R9', plus(E, HOUR), { ...pothole, channel: 'web' });
});
after(async () => {
  await t?.close();
});

let published: WeeklyOverview;

test('the weekly job run after the week ends publishes last week by itself and schedules the next week', async () => {
  // Monday 23 November, 00:20 local: the job (or any run of the task) publishes 2026-W47.
  const now = plus(E, 20 * 60_000);
  assert.equal(typeof taskList(t.ctx)[WEEKLY_TASK], 'function', 'the worker runs the weekly task');
  const r = await runWeeklyOverview(at(t.ctx, now), {});
  assert.deepEqual(r, { week: '2026-W47', created: true });
  published = (await findOverview(t.ctx.db, '2026-W47'))!;
  assert.ok(published, 'the overview is archived');
  const next = await sql<{
    key: string;
    run_at: Date;
    task_identifier: string;
  }>`select key, run_at, task_identifier from graphile_worker.jobs where key = ${weeklyJobKey('2026-W48')}`.execute(t.ctx.db);
  assert.equal(next.rows.length, 1);
  // W48 ends Mon 30 Nov 00:00 local = 29 Nov 23:00Z; published 15 minutes later.
  assert.equal(next.rows[0]!.run_at.toISOString(), '2026-11-29T23:15:00.000Z');
});

test('publishing is idempotent: a second run leaves the archived overview exactly as published', async () => {
  const r = await runWeeklyOverview(at(t.ctx, plus(E, 2 * HOUR)), { week: '2026-W47' });
  assert.deepEqual(r, { week: '2026-W47', created: false });
  assert.deepEqual(await findOverview(t.ctx.db, '2026-W47'), published);
});

test('a run before the week has ended reschedules itself instead of publishing a partial week', async () => {
  const r = await runWeeklyOverview(at(t.ctx, plus(E, 3 * DAY)), { week: '2026-W48' });
  assert.deepEqual(r, { week: '2026-W48', rescheduled: true });
  assert.equal(await findOverview(t.ctx.db, '2026-W48'), undefined);
});

test('received: 6 reports in the week, by category, unit and channel, with one re-routed', () => {
  const o = published;
  assert.equal(o.week, '2026-W47');
  assert.equal(o.periodStart, '2026-11-15T23:00:00.000Z');
  assert.equal(o.periodEnd, '2026-11-22T23:00:00.000Z');
  // R3, R4, R5, R6, R7, R8 (R1, R2 before; R9 after).
  assert.equal(o.received.total, 6);
  // pothole R3 R6 · garbage R4 R7 · street_light R5 · other R8.
  assert.deepEqual(
    o.received.byCategory.map((c) => [c.code, c.count]),
    [
      ['garbage', 2],
      ['pothole', 2],
      ['other', 1],
      ['street_light', 1],
    ],
  );
  // web R3 R6 · phone R4 · email R5 · counter R7 · sms R8.
  assert.deepEqual(
    o.received.byChannel.map((c) => [c.channel, c.count]),
    [
      ['web', 2],
      ['counter', 1],
      ['email', 1],
      ['phone', 1],
      ['sms', 1],
    ],
  );
  // Unit A: potholes in the centre (R3, R6); JKP: garbage outside the centre and street lights (R4, R5, R7); B: R8 after re-routing.
  assert.deepEqual(
    o.received.byUnit.map((u) => [u.code, u.count]),
    [
      ['JKP', 3],
      ['A', 2],
      ['B', 1],
    ],
  );
  // 1 of 6 re-routed (R8) = 0.1667.
  assert.deepEqual(o.rerouted, { of: 6, count: 1, share: 0.1667 });
});

test('answered within 48 h: 3 of the 5 reports whose 48 hours ran out in the week', () => {
  // 48-hour mark inside [S, E) ⇔ registered in [S−48h, E−48h): R2, R3, R4, R5, R8 (R7 is a duplicate; R6's mark is E+24h; R1's S−12h).
  // In time: R3 (10 h), R4 (47 h), R8 (1 h). Late: R2 (50 h), R5 (none). 3/5 = 0.6.
  assert.deepEqual(published.answeredWithin48h, { of: 5, count: 3, share: 0.6 });
});

test('time to first response: median 10 h and p90 48.8 h over the 5 reports first answered in the week', () => {
  // Answered in [S, E): R8 1 h, R6 5 h, R3 10 h, R4 47 h, R2 50 h (R1 was answered before the week).
  // Median = 10. p90: rank 0.9 × (5 − 1) = 3.6 → 47 + 0.6 × (50 − 47) = 48.8.
  assert.deepEqual(published.firstResponseHours, { count: 5, median: 10, p90: 48.8 });
});

test('time to resolution: median 30 h and p90 86 h over the 3 reports first decided in the week', () => {
  // First decisions in [S, E): R8 2 h, R3 30 h, R2 100 h (R7 merged: left out; R10 decided before).
  // Median = 30. p90: rank 0.9 × 2 = 1.8 → 30 + 0.8 × (100 − 30) = 86.
  assert.deepEqual(published.resolutionHours, { count: 3, median: 30, p90: 86 });
});

test('open backlog: 4 reports open at the end of the week, oldest first with their age in whole days', () => {
  // Open at E: R1, R4, R5, R6 (R2, R3, R8, R10 decided; R7 merged; R9 registered after E).
  const o = published.backlog;
  assert.equal(o.open, 4);
  // Ages at E: R1 7 d + 60 h = 9.5 d → 9; R4 7 d − 2 h → 6; R5 6 d → 6; R6 1 d → 1.
  assert.deepEqual(
    o.oldest.map((x) => [x.reportNo, x.category, x.unit, x.ageDays]),
    [
      [ids.R1!.reportNo, 'pothole', 'A', 9],
      [ids.R4!.reportNo, 'garbage', 'JKP', 6],
      [ids.R5!.reportNo, 'street_light', 'JKP', 6],
      [ids.R6!.reportNo, 'pothole', 'A', 1],
    ],
  );
  assert.equal(o.oldest[0]!.registeredOn, '2026-11-13');
});

test('the trend ends with the published week and counts the weeks before it the same way', () => {
  const trend = published.trend;
  assert.equal(trend.length, 12);
  assert.equal(trend.at(-1)!.week, '2026-W47');
  assert.equal(trend.at(-1)!.received, 6);
  // W46 received R1 and R2; W45 received R10. W46's 48-hour cohort (registered in [S−9 d, S−2 d)) is R1 alone,
  // answered after 20 h: 1 of 1. First answered in W46: R1 (20 h). The backlog at the end of W46: R1 and R2.
  assert.deepEqual(trend.at(-2), {
    week: '2026-W46',
    received: 2,
    answeredWithin48hShare: 1,
    firstResponseMedianHours: 20,
    resolutionMedianHours: null,
    openBacklog: 2,
  });
  assert.equal(trend.at(-3)!.received, 1);
});

test('a later overview takes archived weeks into its trend as they were published', async () => {
  const w48 = await computeWeeklyOverview(at(t.ctx, plus(E, 8 * DAY)), { year: 2026, week: 48 });
  assert.deepEqual(w48.trend.at(-2), {
    week: '2026-W47',
    received: 6,
    answeredWithin48hShare: 0.6,
    firstResponseMedianHours: 10,
    resolutionMedianHours: 30,
    openBacklog: 4,
  });
});

test('the overview holds no personal data', () => {
  const text = JSON.stringify(published);
  for (const secret of ['Marko', 'Marković', '0641234567', '381641234567', 'Opis problema']) assert.ok(!text.includes(secret), secret);
});

test('at start, a missing last week is published at once and the current week is scheduled', async () => {
  const now = plus(E, 9 * DAY); // Tue 1 Dec: last week is W48, not archived.
  await ensureWeeklySchedule(at(t.ctx, now));
  const jobs = await sql<{ key: string; run_at: Date }>`select key, run_at from graphile_worker.jobs where key like 'reports:weekly:%' order by run_at`.execute(
    t.ctx.db,
  );
  const byKey = Object.fromEntries(jobs.rows.map((j) => [j.key, j.run_at.toISOString()]));
  assert.equal(byKey[weeklyJobKey('2026-W48')], now.toISOString());
  assert.equal(byKey[weeklyJobKey('2026-W49')], '2026-12-06T23:15:00.000Z');
});

test('the overview is published at a stable address, as a page in every language and as JSON', async () => {
  const latest = await t.call({ method: 'GET', url: '/reports/weekly/latest?lang=en' });
  assert.equal(latest.statusCode, 200);
  assert.match(latest.headers['content-type'] as string, /text\/html/);
  assert.match(latest.body, /Weekly overview of reports: 2026-W47/);
  assert.match(latest.body, /<svg role="img" aria-labelledby=/);
  assert.match(latest.body, /<table><caption>/);
  assert.match(latest.body, /@media print/);
  const byWeek = await t.call({ method: 'GET', url: '/reports/weekly/2026-W47', headers: { 'accept-language': 'sl' } });
  assert.match(byWeek.body, /<html lang="sl">/);
  assert.match(byWeek.body, /Tedenski pregled prijav: 2026-W47/);
  const cyr = await t.call({ method: 'GET', url: '/reports/weekly/2026-W47?lang=sr-Cyrl' });
  assert.match(cyr.body, /Недељни преглед пријава/);
  for (const page of [latest.body, byWeek.body, cyr.body]) {
    for (const secret of ['Marko', '0641234567', 'Opis problema', ids.R1!.caseId]) assert.ok(!page.includes(secret), secret);
  }
  const json = await t.call({ method: 'GET', url: '/api/v1/public/reports/weekly/2026-W47' });
  assert.deepEqual(json.json(), published);
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/public/reports/weekly/2026-W40' })).statusCode, 404);
  assert.equal((await t.call({ method: 'GET', url: '/reports/weekly/2026-W40' })).statusCode, 404);
  const archive = await t.call({ method: 'GET', url: '/reports/weekly?lang=hr' });
  assert.match(archive.body, /Arhiva tjednih pregleda/);
  assert.match(archive.body, /2026-W47/);
});

test('the definitions are published beside the reports in every language', async () => {
  for (const [lang, phrase] of [
    ['en', 'Answered within 48 hours'],
    ['sr-Latn', 'Odgovoreno u roku od 48 sati'],
    ['sl', 'Odgovorjeno v 48 urah'],
    ['hr', 'Izmjereno'],
    ['bs', 'sedmice'],
    ['cnr', 'nijesu'],
    ['sr-Cyrl', 'Одговорено'],
  ] as const) {
    const r = await t.call({ method: 'GET', url: `/reports/definitions?lang=${lang}` });
    assert.equal(r.statusCode, 200);
    if (lang !== 'hr') assert.ok(r.body.includes(phrase), `${lang}: ${phrase}`);
  }
  const json = (await t.call({ method: 'GET', url: '/api/v1/public/reports/definitions?lang=en' })).json();
  const def = json.definitions.find((d: { id: string }) => d.id === 'answered_within_48h');
  assert.deepEqual(def.timestamps, ['cases.registered_at', 'problem_reports.responded_at']);
  assert.equal(def.clock, 'calendar');
});

test('open data: the week as CSV, JSON and GeoJSON, anonymous, locations on a 50 m grid, with the licence', async () => {
  const csv = await t.call({ method: 'GET', url: '/api/v1/public/open-data/reports.csv?week=2026-W47' });
  assert.equal(csv.statusCode, 200);
  const lines = csv.body.trim().split('\r\n');
  assert.equal(
    lines[0],
    'report_no,category,unit,channel,status,registered_at,answer_due_at,answered_at,answered_within_48h,decided_at,decision,open,duplicate_of,rerouted,lat,lon,licence',
  );
  assert.equal(lines.length, 1 + 6);
  const r7 = lines.find((l) => l.startsWith(ids.R7!.reportNo + ','))!.split(',');
  assert.equal(r7[12], ids.R4!.reportNo, 'the duplicate names the report it was merged into');
  assert.equal(r7.at(-1), 'CC-BY-4.0');
  for (const secret of ['Marko', '0641234567', 'Opis']) assert.ok(!csv.body.includes(secret));

  const json = (await t.call({ method: 'GET', url: '/api/v1/public/open-data/reports.json?week=2026-W47' })).json();
  assert.equal(json.licence, 'CC-BY-4.0');
  assert.equal(json.schema, 'glas.open-data.reports/1');
  const r3 = json.records.find((x: { report_no: string }) => x.report_no === ids.R3!.reportNo);
  assert.deepEqual([r3.answered_within_48h, r3.decision, r3.open, r3.channel], [true, 'resolved', false, 'web']);
  // Rounded to the centre of a 50 m cell: within ~36 m (half the diagonal) of the real point, never equal to it.
  const dLat = (r3.lat - CENTRE.lat) * 111_320;
  const dLon = (r3.lon - CENTRE.lon) * 111_320 * Math.cos((CENTRE.lat * Math.PI) / 180);
  assert.ok(Math.hypot(dLat, dLon) <= 36, `${Math.hypot(dLat, dLon)} m`);
  assert.notEqual(r3.lat, CENTRE.lat);

  const geo = (await t.call({ method: 'GET', url: '/api/v1/public/open-data/reports.geojson?week=2026-W47' })).json();
  assert.equal(geo.type, 'FeatureCollection');
  assert.equal(geo.features.length, 6);
  assert.deepEqual(geo.features.find((f: { id: string }) => f.id === ids.R3!.reportNo).geometry, { type: 'Point', coordinates: [r3.lon, r3.lat] });

  const weekly = await t.call({ method: 'GET', url: '/api/v1/public/open-data/weekly.csv' });
  assert.match(weekly.body, /^week,period_start,/);
  assert.match(weekly.body, /\r\n2026-W47,2026-11-15T23:00:00.000Z,2026-11-22T23:00:00.000Z,6,5,3,0.6,5,10,48.8,3,30,86,4,1,0,0,0,0,,CC-BY-4.0\r\n/);
  const schema = (await t.call({ method: 'GET', url: '/api/v1/public/open-data/schema' })).json();
  assert.equal(schema.resources[0].fields.length, 17);
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/public/open-data/reports.csv?from=2025-01-01&to=2026-12-31' })).statusCode, 400);
});

test('the reports read model (report_facts) agrees with the tables it is kept from, after filing, answering, re-routing, merging and resolving', async () => {
  const source = sql`
    select c.id, c.registered_at, c.closed_at, c.due_at, c.unit_id, c.channel, pr.category_id, pr.responded_at, pr.first_response_due_at,
           pr.first_response_warn_at, pr.reroute_count, pr.merged_into is not null, d.decided_at, d.status, pr.lat, pr.lon
    from problem_reports pr join cases c on c.id = pr.case_id left join case_decisions d on d.case_id = c.id`;
  // area_cell is generated from lat and lon (test/reports/rollup.test.ts checks it).
  const facts = sql`select case_id, registered_at, closed_at, due_at, unit_id, channel, category_id, responded_at, first_response_due_at,
    first_response_warn_at, reroute_count, merged, decided_at, decided_status, lat, lon from report_facts`;
  const missing = await sql`(${source}) except (${facts})`.execute(t.ctx.db);
  const extra = await sql`(${facts}) except (${source})`.execute(t.ctx.db);
  assert.deepEqual([missing.rows.length, extra.rows.length], [0, 0]);
  // R1 … R10.
  assert.equal(Number((await sql<{ n: string }>`select count(*) as n from report_facts`.execute(t.ctx.db)).rows[0]!.n), 10);
});
