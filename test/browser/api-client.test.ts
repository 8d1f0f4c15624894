import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { ENDPOINTS, type Endpoint } from '../../web/src/api.ts';

let t: TestApp;
let doc: {
  paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>;
};
type JsonSchema = { properties?: Record<string, unknown>; oneOf?: JsonSchema[]; anyOf?: JsonSchema[] };

before(async () => {
  t = await startTestApp();
  const r = await t.call({ method: 'GET', url: '/api/v1/openapi.json' });
  assert.equal(r.statusCode, 200);
  doc = r.json();
});
after(async () => {
  await t.close();
});

test('every path and method the web client calls exists in the OpenAPI document', () => {
  const missing = Object.entries(ENDPOINTS as Record<string, Endpoint>)
    .filter(([, ep]) => !doc.paths[ep.path]?.[ep.method.toLowerCase()])
    .map(([name, ep]) => `${name}: ${ep.method} ${ep.path}`);
  assert.deepEqual(missing, []);
});

test('every query parameter and body field the web client sends is one the API declares', () => {
  const problems: string[] = [];
  for (const [name, ep] of Object.entries(ENDPOINTS as Record<string, Endpoint>)) {
    const op = doc.paths[ep.path]?.[ep.method.toLowerCase()];
    if (!op) continue;
    const queryNames = new Set((op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
    for (const q of ep.query ?? []) if (!queryNames.has(q)) problems.push(`${name}: query ${q}`);
    if (ep.body) {
      const schema = op.requestBody?.content['application/json']?.schema;
      const props = new Set(Object.keys(schema?.properties ?? {}));
      for (const f of ep.body) if (!props.has(f)) problems.push(`${name}: body ${f}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('the client refuses to build a URL with a query parameter its table does not declare', async () => {
  const { urlOf } = await import('../../web/src/api.ts');
  assert.equal(urlOf(ENDPOINTS.listCases, {}, { status: ['received', 'delivered'], open: true }), '/api/v1/cases?status=received&status=delivered&open=true');
  assert.throws(() => urlOf(ENDPOINTS.listCases, {}, { nope: 1 }), /does not take the query parameter nope/);
  assert.equal(urlOf(ENDPOINTS.getCase, { id: 'a/b' }), '/api/v1/cases/a%2Fb');
});
