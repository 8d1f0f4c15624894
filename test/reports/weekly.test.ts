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
after(async () => { await t?.close(); });

let published: WeeklyOverview;

test('the weekly job run after the week ends publishes last week by itself and schedules the next week', async () => {
  // Monday 23 November, 00:20 local: the job (or any run of the task) publishes 2026-W47.
  const now = plus(E, 20 * 60_000);
  const r = await runWeeklyOverview(at(t.ctx, now), {});
  assert.deepEqual(r, { week: '2026-W47', created: true });
  published = (await findOverview(t.ctx.db, '2026-W47'))!;
  assert.ok(published, 'the overview is archived');
  const next = await sql<{ key: string; run_at: Date; task_identifier: string }>`select key, run_at, task_identifier from graphile_worker.jobs where key = ${weeklyJobKey('2026-W48')}`.execute(t.ctx.db);
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
  assert.deepEqual(o.received.byCategory.map((c) => [c.code, c.count]), [['garbage', 2], ['pothole', 2], ['other', 1], ['street_light', 1]]);
  // web R3 R6 · phone R4 · email R5 · counter R7 · sms R8.
  assert.deepEqual(o.received.byChannel.map((c) => [c.channel, c.count]), [['web', 2], ['counter', 1], ['email', 1], ['phone', 1], ['sms', 1]]);
  // Unit A: potholes in the centre (R3, R6); JKP: garbage outside the centre and street lights (R4, R5, R7); B: R8 after re-routing.
  assert.deepEqual(o.received.byUnit.map((u) => [u.code, u.count]), [['JKP', 3], ['A', 2], ['B', 1]]);
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
  assert.deepEqual(o.oldest.map((x) => [x.reportNo, x.category, x.unit, x.ageDays]), [
    [ids.R1!.reportNo, 'pothole', 'A', 9], [ids.R4!.reportNo, 'garbage', 'JKP', 6], [ids.R5!.reportNo, 'street_light', 'JKP', 6], [ids.R6!.reportNo, 'pothole', 'A', 1],
  ]);
  assert.equal(o.oldest[0]!.registeredOn, '2026-11-13');
});

test('the trend ends with the published week and counts the weeks before it the same way', () => {
  const trend = published.trend;
  assert.equal(trend.length, 12);
  assert.equal(trend.at(-1)!.week, '2026-W47');
  assert.equal(trend.at(-1)!.received, 6);
  // W46 received R1 and R2; W45 received R10. W46's 48-hour cohort (registered in [S−9 d, S−2 d)) is R1 alone,
  // answered after 20 h: 1 of 1. First answered in W46: R1 (20 h). The backlog at the end of W46: R1 and R2.
  assert.deepEqual(trend.at(-2), { week: '2026-W46', received: 2, answeredWithin48hShare: 1, firstResponseMedianHours: 20, resolutionMedianHours: null, openBacklog: 2 });
  assert.equal(trend.at(-3)!.received, 1);
});

test('a later overview takes archived weeks into its trend as they were published', async () => {
  const w48 = await computeWeeklyOverview(at(t.ctx, plus(E, 8 * DAY)), { year: 2026, week: 48 });
  assert.deepEqual(w48.trend.at(-2), { week: '2026-W47', received: 6, answeredWithin48hShare: 0.6, firstResponseMedianHours: 10, resolutionMedianHours: 30, openBacklog: 4 });
});

test('the overview holds no personal data', () => {
  const text = JSON.stringify(published);
  for (const secret of ['Marko', 'Marković', '0641234567', '381641234567', 'Opis problema']) assert.ok(!text.includes(secret), secret);
});

test('at start, a missing last week is published at once and the current week is scheduled', async () => {
  const now = plus(E, 9 * DAY); // Tue 1 Dec: last week is W48, not archived.
  await ensureWeeklySchedule(at(t.ctx, now));
  const jobs = await sql<{ key: string; run_at: Date }>`select key, run_at from graphile_worker.jobs where key like 'reports:weekly:%' order by run_at`.execute(t.ctx.db);
  const byKey = Object.fromEntries(jobs.rows.map((j) => [j.key, j.run_at.toISOString()]));
  assert.equal(byKey[weeklyJobKey('2026-W48')], now.toISOString());
  assert.equal(byKey[weeklyJobKey('2026-W49')], '2026-12-06T23:15:00.000Z');
});
