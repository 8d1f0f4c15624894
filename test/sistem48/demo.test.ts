import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase } from '../helpers/db.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { listReportsPublic } from '../../src/sistem48/queries/reports.ts';
import { listServices } from '../../src/sistem48/open311/requests.ts';

const tdb = await createTestDatabase();
after(async () => {
  await tdb.drop();
});

test('the demo municipality comes with Sistem 48 categories, routing to KOM, JKP and INS, and reports on the map', async () => {
  await seedDemo(tdb.ctx);
  const services = await listServices(tdb.ctx, 'en');
  assert.deepEqual(
    services.map((s) => s.service_code),
    ['street_light', 'pothole', 'garbage', 'water_leak', 'illegal_dumping', 'stray_animals', 'other'],
  );
  // Today's samples (the history's reports are all older than an hour).
  const list = await listReportsPublic(tdb.ctx, { from: new Date(tdb.ctx.now().getTime() - 3_600_000) }, 'sr-Latn');
  const units = Object.fromEntries(list.items.map((r) => [r.category.code, r.unit]));
  assert.deepEqual(units, {
    street_light: 'JKP Komunalac',
    pothole: 'Odeljenje za komunalne poslove',
    garbage: 'Komunalna inspekcija',
    water_leak: 'JKP Komunalac',
    illegal_dumping: 'Komunalna inspekcija',
  });
  assert.ok(list.items.every((r) => r.firstResponse.state === 'ok'));
});

test('the demo has twelve weeks of history: reports answered (some late), fixed, reopened and fixed again, and a published weekly overview for each of those weeks', async () => {
  const now = tdb.ctx.now().getTime();
  const rows = await tdb.ctx.db
    .selectFrom('problem_reports')
    .innerJoin('cases', 'cases.id', 'problem_reports.case_id')
    .select(['cases.registered_at', 'cases.status', 'problem_reports.responded_at', 'problem_reports.first_response_due_at'])
    .where('cases.registered_at', '<', new Date(now - 3_600_000))
    .execute();
  const weeksBack = new Set(rows.map((r) => Math.floor((now - r.registered_at.getTime()) / (7 * 86_400_000))));
  assert.ok(weeksBack.size >= 11, `reports in ${weeksBack.size} different weeks`);
  assert.ok(
    rows.every((r) => r.registered_at.getTime() < now),
    'nothing in the future',
  );
  assert.ok(rows.some((r) => r.status === 'resolved'));
  assert.ok(
    rows.some((r) => r.responded_at && r.responded_at > r.first_response_due_at),
    'some answered late',
  );
  assert.ok(
    rows.some((r) => !r.responded_at),
    'some never answered',
  );
  const reopened = await tdb.ctx.db
    .selectFrom('case_events')
    .select('case_id')
    .where('type', '=', 'case.response_given')
    .groupBy('case_id')
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
  assert.ok(reopened.length > 0, 'some reports were answered again after a fix');
  const weeks = await tdb.ctx.db.selectFrom('weekly_overviews').selectAll().execute();
  assert.equal(weeks.length, 12);
  const received = weeks.map((w) => (w as unknown as { data: { received: { total: number } } }).data?.received?.total ?? -1);
  assert.ok(received.filter((n) => n > 0).length >= 11, `weeks with reports: ${received}`);
});
