import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { loadConfig } from '../../src/config.ts';
import { CENTRE, seedSistem48, type Sistem48Fixture } from './helpers.ts';

let t: TestApp;
let s: Sistem48Fixture;

before(async () => {
  t = await startTestApp({ GLAS_MAP_TILE_URL: 'https://tiles.example.org/{z}/{x}/{y}.png', GLAS_MAP_ATTRIBUTION: '© Tiles <b>Example</b>' });
  s = await seedSistem48(t.ctx, t.m);
});
after(async () => {
  await t.close();
});

const get = (url: string) => t.call({ method: 'GET', url });
const web = (payload: Record<string, unknown>) => t.call({ method: 'POST', url: '/api/v1/sistem48/public/reports', payload });

test('the public map settings give the configured tile server and attribution, the municipality boundary, centre and units, to anyone, and nothing about people', async () => {
  const r = await get('/api/v1/sistem48/public/map');
  assert.equal(r.statusCode, 200, r.body);
  const body = r.json();
  assert.equal(body.tileUrl, 'https://tiles.example.org/{z}/{x}/{y}.png');
  assert.equal(body.attribution, '© Tiles <b>Example</b>', 'given as text; the browser escapes it');
  assert.deepEqual(body.bounds, [19.78, 45.34, 20.0, 45.48]);
  assert.ok(Math.abs(body.centre.lat - 45.41) < 1e-9 && Math.abs(body.centre.lon - 19.89) < 1e-9, JSON.stringify(body.centre));
  assert.equal(body.boundary.type, 'Polygon');
  assert.ok(Number.isInteger(body.duplicateRadiusM) && body.duplicateRadiusM > 0);
  assert.equal(typeof body.photoMaxCount, 'number');
  const unitIds = body.units.map((u: { id: string }) => u.id).sort();
  assert.deepEqual(unitIds, [t.m.units.a.id, t.m.units.b.id, t.m.units.jkp.id, t.m.units.registry.id].sort(), 'the units of routing rules and the dispatcher');
  assert.deepEqual(Object.keys(body.units[0]).sort(), ['id', 'name'], 'a unit is its id and public name, no e-mail or head');
});

test('without configuration the map uses the OpenStreetMap tile server; a tile URL without {z}/{x}/{y} stops the start with the variable named', () => {
  const c = loadConfig({});
  assert.equal(c.mapTileUrl, 'https://tile.openstreetmap.org/{z}/{x}/{y}.png');
  assert.equal(c.mapAttribution, '© OpenStreetMap contributors');
  assert.throws(() => loadConfig({ GLAS_MAP_TILE_URL: 'https://tiles.example.org/tiles.png' }), /GLAS_MAP_TILE_URL must contain \{z\}/);
  assert.throws(() => loadConfig({ GLAS_MAP_TILE_URL: 'ftp://tiles.example.org/{z}/{x}/{y}.png' }), /GLAS_MAP_TILE_URL must be an http/);
});

test('address suggestions find the streets of routing rules and the addresses of earlier reports in either script, without case or diacritics, with the position earlier reports give', async () => {
  const filed = await web({
    category: 'pothole',
    description: 'Rupa',
    address: 'Njegoševa 12',
    lat: CENTRE.lat,
    lon: CENTRE.lon,
    contact: { name: 'Petar Petrović', phone: '064 555 7777' },
  });
  assert.equal(filed.statusCode, 201, filed.body);
  const byAddressOnly = await web({ category: 'garbage', address: 'Njegoševa 40' });
  assert.equal(byAddressOnly.statusCode, 201, byAddressOnly.body);

  for (const q of ['pija', 'PIJACNA', 'Пијач', 'tržni', 'trzni trg']) {
    const r = await get(`/api/v1/sistem48/public/addresses?q=${encodeURIComponent(q)}`);
    assert.equal(r.statusCode, 200, r.body);
    const labels = r.json().items.map((i: { label: string }) => i.label);
    assert.ok(labels.includes(q.startsWith('t') ? 'Tržni trg' : 'Pijačna'), `${q}: ${labels.join(', ')}`);
    assert.equal(r.json().items[0].source, 'street');
  }

  for (const q of ['njegos', 'Његош', 'NJEGOŠEVA 1']) {
    const r = await get(`/api/v1/sistem48/public/addresses?q=${encodeURIComponent(q)}`);
    assert.equal(r.statusCode, 200, r.body);
    const item = r.json().items.find((i: { label: string }) => i.label === 'Njegoševa 12');
    assert.ok(item, `${q}: ${r.body}`);
    assert.deepEqual(item, { label: 'Njegoševa 12', source: 'report', lat: CENTRE.lat, lon: CENTRE.lon });
  }
  const unlocated = (await get('/api/v1/sistem48/public/addresses?q=njegoseva%204')).json().items;
  assert.deepEqual(unlocated, [{ label: 'Njegoševa 40', source: 'report', lat: null, lon: null }], 'a report with an address only gives no position');
  assert.deepEqual((await get('/api/v1/sistem48/public/addresses?q=egos')).json().items, [], 'matches start at a word, not inside one');
  assert.deepEqual((await get('/api/v1/sistem48/public/addresses?q=n')).json().items, [], 'one letter asks for nothing');

  const all = JSON.stringify((await get('/api/v1/sistem48/public/addresses?q=njeg')).json());
  for (const personal of ['Petar', 'Petrović', '555']) assert.ok(!all.includes(personal), `no personal data: ${personal}`);
});

test('bad address searches are refused with 400 naming q, never 500', async () => {
  const cases: [string, string][] = [
    ['NUL byte', `?q=${encodeURIComponent('Glavna\u0000')}`],
    ['control character', `?q=${encodeURIComponent('Gla\u0007vna')}`],
    ['over-long', `?q=${'a'.repeat(101)}`],
    ['empty', '?q='],
    ['missing', ''],
    ['unknown parameter', '?q=glavna&sql=1'],
  ];
  for (const [what, qs] of cases) {
    const r = await get(`/api/v1/sistem48/public/addresses${qs}`);
    assert.equal(r.statusCode, 400, `${what}: ${r.body}`);
    assert.equal(r.json().error.code, 'validation', what);
  }
  const nul = await get(`/api/v1/sistem48/public/addresses?q=${encodeURIComponent('x\u0000y')}`);
  assert.equal(nul.json().error.details?.field, 'q');
  // LIKE wildcards are not letters of a street: they find nothing rather than everything.
  const wild = await get(`/api/v1/sistem48/public/addresses?q=${encodeURIComponent('%_%')}`);
  assert.equal(wild.statusCode, 200);
  assert.deepEqual(wild.json().items, []);
});

test('the new public routes are in the OpenAPI document and need no sign-in', async () => {
  const doc = (await get('/api/v1/openapi.json')).json();
  assert.ok(doc.paths['/api/v1/sistem48/public/map']?.get);
  assert.ok(doc.paths['/api/v1/sistem48/public/addresses']?.get?.parameters?.some((p: { name: string }) => p.name === 'q'));
  void s;
});
