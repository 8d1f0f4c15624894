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
  // The five reports filed through the web form today (the imported history is checked below).
  const samples = new Set([
    'Ne svetli treća svetiljka od raskrsnice.',
    'Duboka rupa na sredini kolovoza, opasno za bicikliste.',
    'Kontejneri nisu ispražnjeni već nedelju dana.',
    'Voda izbija iz šahta na trotoaru.',
    'Građevinski otpad bačen pored kanala.',
  ]);
  const list = await listReportsPublic(tdb.ctx, {}, 'sr-Latn');
  const filed = list.items.filter((r) => samples.has(r.description));
  assert.equal(filed.length, samples.size);
  const units = Object.fromEntries(filed.map((r) => [r.category.code, r.unit]));
  assert.deepEqual(units, {
    street_light: 'JKP Komunalac',
    pothole: 'Odeljenje za komunalne poslove',
    garbage: 'Komunalna inspekcija',
    water_leak: 'JKP Komunalac',
    illegal_dumping: 'Komunalna inspekcija',
  });
  assert.ok(filed.every((r) => r.firstResponse.state === 'ok'));
});

test('the demo brings two years of imported history, nobody told of it, and a report router trained on it', async () => {
  const imported = await tdb.ctx.db
    .selectFrom('imported_reports')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  assert.equal(Number(imported.n), 3000);
  const oldest = await tdb.ctx.db
    .selectFrom('cases')
    .select((eb) => eb.fn.min('registered_at').as('at'))
    .executeTakeFirstOrThrow();
  const days = (tdb.ctx.now().getTime() - new Date(oldest.at as Date).getTime()) / 86_400_000;
  assert.ok(days > 300, `the history reaches back ${days.toFixed(0)} days`);
  const model = await tdb.ctx.db.selectFrom('router_models').select(['id', 'training_size']).executeTakeFirst();
  assert.ok(model && model.training_size > 1000, 'a router model trained on the imported history');
  // Nobody is told about history.
  const messagesAboutImported = await tdb.ctx.db
    .selectFrom('notification_messages as m')
    .innerJoin('imported_reports as i', 'i.case_id', 'm.case_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  assert.equal(Number(messagesAboutImported.n), 0);
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
