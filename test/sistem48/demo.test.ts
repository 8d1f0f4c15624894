import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase } from '../helpers/db.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { listReportsPublic } from '../../src/sistem48/queries/reports.ts';
import { listServices } from '../../src/sistem48/open311/requests.ts';
import { dashboardOverview } from '../../src/reports/queries/leadership.ts';
import { SYSTEM_ACTOR } from '../../src/kernel/types.ts';

const tdb = await createTestDatabase();
after(async () => {
  await tdb.drop();
});

test('the demo municipality comes with Sistem 48 categories, routing to KOM, JKP and INS, and reports on the map', async () => {
  // As `npm start` in demo mode seeds it: every channel is enabled (the demo's own peers).
  await seedDemo({ ...tdb.ctx, config: { ...tdb.ctx.config, demo: true } });
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

test('the demo history answers "is it fixed?" with ratings, some "not fixed" reopening the report, so the weekly overviews and the dashboard show them', async () => {
  const answers = await tdb.ctx.db
    .selectFrom('fix_questions')
    .select(['case_id', 'answer', 'rating', 'reopened', 'asked_at', 'answered_at', 'round'])
    .where('answered_at', 'is not', null)
    .execute();
  const now = tdb.ctx.now().getTime();
  assert.ok(answers.length >= 5, `answers: ${answers.length}`);
  assert.ok(
    answers.every((a) => a.answered_at!.getTime() < now && a.asked_at!.getTime() <= a.answered_at!.getTime()),
    'nothing in the future',
  );
  assert.ok(answers.some((a) => a.answer === 'fixed'));
  assert.ok(answers.every((a) => a.rating !== null && a.rating >= 1 && a.rating <= 5));
  const reopenedBy = answers.filter((a) => a.answer === 'not_fixed' && a.reopened);
  assert.ok(reopenedBy.length > 0, 'a "not fixed" reopened a report');
  // The reopening went through the one guarded move, and the report was fixed again and asked once more.
  for (const a of reopenedBy) {
    const moves = await tdb.ctx.db
      .selectFrom('case_events')
      .select('data')
      .where('case_id', '=', a.case_id)
      .where('type', '=', 'case.status_changed')
      .execute();
    assert.ok(moves.some((m) => (m.data as { reason?: string }).reason === 'not_fixed'));
  }
  assert.ok(
    answers.some((a) => a.round === 2),
    'asked again after the second fix',
  );
  // The published weeks carry the figures.
  const weeks = (await tdb.ctx.db.selectFrom('weekly_overviews').selectAll().execute()).map(
    (w) => (w as unknown as { data: { citizenVerdicts?: { answered: number; reopened: number; averageRating: number | null } } }).data.citizenVerdicts,
  );
  assert.ok(weeks.reduce((n, v) => n + (v?.answered ?? 0), 0) >= 5, 'the weekly overviews count the answers');
  assert.ok(weeks.reduce((n, v) => n + (v?.reopened ?? 0), 0) > 0, 'and the reopenings');
  assert.ok(weeks.some((v) => v?.averageRating !== null && v?.averageRating !== undefined));
  // The dashboard of the last twelve weeks shows the reopen rate and the satisfaction.
  const d = await dashboardOverview(tdb.ctx, SYSTEM_ACTOR, { from: new Date(now - 84 * 86_400_000), to: new Date(now) });
  assert.ok(d.reopenRate !== null && d.reopenRate > 0, `reopen rate ${d.reopenRate}`);
  assert.ok(d.satisfaction !== null && d.satisfaction >= 1 && d.satisfaction <= 5, `satisfaction ${d.satisfaction}`);
});
