/**
 * Issue 16, done when: an SMS report in the citizen's own words reaches the responsible unit's queue
 * without a dispatcher, with the router's model version and confidence in its history. The router is
 * trained on reports the operator filed (the real command), the SMS comes over the real SMPP peer.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCitizenHarness, type CitizenHarness } from './harness.ts';
import { fileConfirmedHistory } from '../sistem48/router-history.ts';
import { trainRouter } from '../../src/sistem48/commands/train-router.ts';
import { SYSTEM_ACTOR } from '../../src/kernel/types.ts';
import type { Session } from '../helpers/app.ts';
import { listTrainingExamples } from '../../src/sistem48/repositories/router-repository.ts';

let h: CitizenHarness;
let version: number;
let operator: Session;
let uncertain: string;
before(async () => {
  h = await startCitizenHarness({ env: { GLAS_INBOUND_PER_HOUR: '50' } });
  await fileConfirmedHistory(h.ctx, h.m.users.operator!.actor, { seed: 16, count: 400 });
  version = (await trainRouter(h.ctx, SYSTEM_ACTOR)).version;
  operator = await h.login('operator');
});
after(async () => {
  await h.close();
});

const SHORT = '1800';

async function reportOf(sender: string) {
  const reply = await h.smsc.waitFor((m) => m.destination === sender && /S48-\d{5}\/\d{2}/.test(m.text), 8000);
  const number = /S48-\d{5}\/\d{2}/.exec(reply.text)![0];
  return h.ctx.db
    .selectFrom('cases')
    .innerJoin('problem_reports', 'problem_reports.case_id', 'cases.id')
    .innerJoin('problem_categories', 'problem_categories.id', 'problem_reports.category_id')
    .select([
      'cases.id',
      'cases.unit_id',
      'cases.status',
      'problem_categories.code',
      'problem_reports.routed_by',
      'problem_reports.router_model_version',
      'problem_reports.router_confidence',
      'problem_reports.router_suggestions',
    ])
    .where('cases.number', '=', number)
    .executeTakeFirstOrThrow();
}

test('an SMS "ne radi svetlo u ulici Njegoševa kod broja 12" reaches the street-light unit without the dispatcher, model and confidence in its history', async () => {
  await h.smsc.injectInbound('381645550001', SHORT, 'ne radi svetlo u ulici Njegoševa kod broja 12');
  const r = await reportOf('381645550001');
  assert.equal(r.code, 'street_light');
  assert.equal(r.unit_id, h.m.units.jkp.id, 'the street-light rule sends it to the public enterprise');
  assert.equal(r.routed_by, 'rule');
  assert.equal(r.status, 'delivered');
  assert.equal(r.router_model_version, version);
  assert.ok(r.router_confidence! >= 0.7, `confidence ${r.router_confidence}`);
  const registered = await h.ctx.db
    .selectFrom('case_events')
    .select('data')
    .where('case_id', '=', r.id)
    .where('type', '=', 'case.registered')
    .executeTakeFirstOrThrow();
  const router = (registered.data as { router?: { modelVersion: number; confidence: number; category: string; autoRouted: boolean } }).router;
  assert.deepEqual({ ...router, confidence: undefined }, { modelVersion: version, confidence: undefined, category: 'street_light', autoRouted: true });
  assert.equal(router!.confidence, r.router_confidence);
});

test('an Open311 request in the catch-all category is categorised and routed the same way', async () => {
  const r = await h.call({
    method: 'POST',
    url: '/open311/v2/requests.json',
    payload: {
      api_key: h.s48.apiKey,
      service_code: 'other',
      address_string: 'Pijačna 1',
      description: 'Kontejneri nisu ispražnjeni već nedelju dana, smeće svuda okolo',
    },
  });
  assert.equal(r.statusCode, 200, r.body);
  const reportNo = (r.json() as { service_request_id: string }[])[0]!.service_request_id;
  const row = await h.ctx.db
    .selectFrom('problem_reports')
    .innerJoin('problem_categories', 'problem_categories.id', 'problem_reports.category_id')
    .innerJoin('cases', 'cases.id', 'problem_reports.case_id')
    .select(['problem_categories.code', 'cases.unit_id', 'problem_reports.router_model_version'])
    .where('problem_reports.report_no', '=', reportNo)
    .executeTakeFirstOrThrow();
  // Garbage on Pijačna goes to unit B by its street rule.
  assert.deepEqual(row, { code: 'garbage', unit_id: h.m.units.b.id, router_model_version: version });
});

test('an SMS the router is not sure of goes to the dispatcher with its three suggestions kept', async () => {
  await h.smsc.injectInbound('381645550002', SHORT, 'Molim vas da me neko pozove u vezi onoga od juce');
  const r = await reportOf('381645550002');
  assert.equal(r.code, 'other');
  assert.equal(r.unit_id, h.m.units.registry.id);
  assert.equal(r.routed_by, 'fallback');
  assert.equal(r.router_model_version, version);
  assert.ok(r.router_confidence! < 0.7, `confidence ${r.router_confidence}`);
  assert.equal(r.router_suggestions!.length, 3);
  uncertain = r.id;
});

test("the dispatcher sees the suggestions, corrects the category, the report goes where that category's rules send it and becomes a training example", async () => {
  const registry = await h.login('registry');
  const view = await h.call({ method: 'GET', url: `/api/v1/sistem48/reports/${uncertain}`, as: registry });
  assert.equal(view.statusCode, 200, view.body);
  const router = (view.json() as { router: { modelVersion: number; suggestions: { category: string }[] } }).router;
  assert.equal(router.modelVersion, version);
  assert.equal(router.suggestions.length, 3);

  const before = await listTrainingExamples(h.ctx.db, { catchAllCode: 'other', limit: 10_000 });
  assert.ok(!before.some((e) => e.caseId === uncertain));
  const moved = await h.call({
    method: 'POST',
    url: `/api/v1/sistem48/reports/${uncertain}/category`,
    as: registry,
    payload: { category: 'pothole', reason: 'rupa' },
  });
  assert.equal(moved.statusCode, 200, moved.body);
  const row = await h.ctx.db
    .selectFrom('cases')
    .innerJoin('problem_reports', 'problem_reports.case_id', 'cases.id')
    .select(['cases.unit_id', 'problem_reports.category_id', 'problem_reports.routed_by'])
    .where('cases.id', '=', uncertain)
    .executeTakeFirstOrThrow();
  assert.deepEqual(row, { unit_id: h.m.units.jkp.id, category_id: h.s48.cat.pothole.id, routed_by: 'rule' });
  const event = await h.ctx.db
    .selectFrom('case_events')
    .select('data')
    .where('case_id', '=', uncertain)
    .where('type', '=', 'case.rerouted')
    .executeTakeFirstOrThrow();
  assert.equal((event.data as { fromCategoryCode: string }).fromCategoryCode, 'other');
  assert.equal((event.data as { categoryCode: string }).categoryCode, 'pothole');
  const after = await listTrainingExamples(h.ctx.db, { catchAllCode: 'other', limit: 10_000 });
  assert.ok(after.some((e) => e.caseId === uncertain && e.category === 'pothole'));
  const again = await h.call({ method: 'POST', url: `/api/v1/sistem48/reports/${uncertain}/category`, as: registry, payload: { category: 'pothole' } });
  assert.equal(again.statusCode, 400);
  const byClerk = await h.call({
    method: 'POST',
    url: `/api/v1/sistem48/reports/${uncertain}/category`,
    as: await h.login('admin'),
    payload: { category: 'garbage' },
  });
  assert.ok([403, 404].includes(byClerk.statusCode), byClerk.body);
});

test('POST /classify answers staff and open311 tokens with up to three suggestions, and refuses other scopes', async () => {
  const r = await h.call({ method: 'POST', url: '/api/v1/sistem48/classify', as: operator, payload: { text: 'Рупа на путу у Његошевој, оштетио сам гуму' } });
  assert.equal(r.statusCode, 200, r.body);
  const body = r.json() as { modelVersion: number; suggestions: { category: string; confidence: number }[]; autoRoute: boolean };
  assert.equal(body.modelVersion, version);
  assert.equal(body.suggestions[0]!.category, 'pothole');
  assert.ok(body.suggestions.length <= 3 && body.suggestions.length > 1);
  assert.equal(body.autoRoute, body.suggestions[0]!.confidence >= 0.7);

  const byToken = await h.call({
    method: 'POST',
    url: '/api/v1/sistem48/classify',
    bearer: h.s48.apiKey,
    payload: { text: 'kontejneri nisu ispraznjeni nedelju dana' },
  });
  assert.equal(byToken.statusCode, 200, byToken.body);
  assert.equal((byToken.json() as typeof body).suggestions[0]!.category, 'garbage');
  const wrongScope = await h.call({ method: 'POST', url: '/api/v1/sistem48/classify', bearer: h.s48.wrongScopeKey, payload: { text: 'rupa' } });
  assert.equal(wrongScope.statusCode, 403);
  const empty = await h.call({ method: 'POST', url: '/api/v1/sistem48/classify', as: operator, payload: {} });
  assert.equal(empty.statusCode, 400);
});

test('the administrator sees the model with its held-out evaluation and sets the threshold', async () => {
  const admin = await h.login('admin');
  const r = await h.call({ method: 'GET', url: '/api/v1/sistem48/router/models', as: admin });
  assert.equal(r.statusCode, 200, r.body);
  const body = r.json() as {
    autoRouteThreshold: number;
    models: { version: number; trainingSize: number; heldOutSize: number; evaluation: { top1: number; perCategory: unknown[] } }[];
  };
  assert.equal(body.models[0]!.version, version);
  assert.equal(body.models[0]!.trainingSize + body.models[0]!.heldOutSize, 400);
  assert.ok(body.models[0]!.evaluation.top1 > 0.8, `top-1 ${body.models[0]!.evaluation.top1}`);
  assert.equal(body.models[0]!.evaluation.perCategory.length, 4);
  const set = await h.call({ method: 'PATCH', url: '/api/v1/sistem48/settings', as: admin, payload: { autoRouteThreshold: 0.9 } });
  assert.equal(set.statusCode, 200, set.body);
  const again = await h.call({ method: 'GET', url: '/api/v1/sistem48/router/models', as: admin });
  assert.ok(Math.abs((again.json() as typeof body).autoRouteThreshold - 0.9) < 1e-6);
  const bad = await h.call({ method: 'PATCH', url: '/api/v1/sistem48/settings', as: admin, payload: { autoRouteThreshold: 0 } });
  assert.equal(bad.statusCode, 400);
  const notAdmin = await h.call({ method: 'GET', url: '/api/v1/sistem48/router/models', as: operator });
  assert.equal(notAdmin.statusCode, 403);
  await h.call({ method: 'PATCH', url: '/api/v1/sistem48/settings', as: admin, payload: { autoRouteThreshold: 0.7 } });
});

test('duplicates are suggested by text similarity too: open reports of the category that say the same, within the radius when a point is given', async () => {
  const q = (extra: string) => h.call({ method: 'GET', url: `/api/v1/sistem48/duplicates?category=street_light${extra}`, as: operator });
  const byText = await q(`&text=${encodeURIComponent('Ne radi ulično svjetlo na stubu, mrak je u ulici')}`);
  assert.equal(byText.statusCode, 200, byText.body);
  const items = (byText.json() as { items: { caseId: string; textSimilarity?: number }[] }).items;
  assert.ok(items.length > 0 && items.length <= 5, `${items.length} similar reports`);
  for (const it of items) assert.ok(it.textSimilarity! >= 0.3, String(it.textSimilarity));
  const categories = await h.ctx.db
    .selectFrom('problem_reports')
    .innerJoin('problem_categories', 'problem_categories.id', 'problem_reports.category_id')
    .select('problem_categories.code')
    .where(
      'problem_reports.case_id',
      'in',
      items.map((i) => i.caseId),
    )
    .execute();
  assert.deepEqual([...new Set(categories.map((c) => c.code))], ['street_light']);
  // The history has no coordinates: with a point, nothing is within the radius, whatever it says.
  const nearPoint = await q(`&lat=45.40&lon=19.88&text=${encodeURIComponent('Ne radi ulično svjetlo na stubu')}`);
  assert.equal((nearPoint.json() as { items: unknown[] }).items.length, 0);
  const unrelated = await q(`&text=${encodeURIComponent('xqzw plmk vvvv jjjj')}`);
  assert.equal((unrelated.json() as { items: unknown[] }).items.length, 0);
  const nothing = await q('');
  assert.equal(nothing.statusCode, 400);
});
