import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { CENTRE, OUTSKIRTS, seedSistem48 } from './helpers.ts';

// Issue 14, item 3: Atom feeds of public reports per category, unit and area.
let t: TestApp;
const filed: Record<string, { id: string; number: string }> = {};

before(async () => {
  t = await startTestApp({ GLAS_PUBLIC_URL: 'https://glas.example.org' });
  await seedSistem48(t.ctx, t.m);
  for (const [key, body] of Object.entries({
    pothole: { category: 'pothole', description: 'Rupa, zovite 064 555 9999', lat: CENTRE.lat, lon: CENTRE.lon, address: 'Glavna 1' },
    garbage: { category: 'garbage', description: 'Kontejner <pun> & smrdi', address: 'Pijačna 2' },
    far: { category: 'pothole', description: 'Rupa na periferiji', lat: OUTSKIRTS.lat, lon: OUTSKIRTS.lon },
  })) {
    const r = await t.call({
      method: 'POST',
      url: '/api/v1/sistem48/public/reports',
      payload: { ...body, contact: { name: 'Vesna Feedić', phone: '064 555 4242', consent: true } },
    });
    assert.equal(r.statusCode, 201, r.body);
    filed[key] = r.json();
  }
});
after(async () => {
  await t?.close();
});

const feed = async (query: string) => {
  const r = await t.call({ method: 'GET', url: `/api/v1/sistem48/public/reports.atom${query}` });
  assert.equal(r.statusCode, 200, r.body);
  assert.match(r.headers['content-type'] as string, /^application\/atom\+xml/);
  return r.body;
};
const entryLinks = (xml: string) => [...xml.matchAll(/<entry>[\s\S]*?<link rel="alternate" type="text\/html" href="([^"]+)"/g)].map((m) => m[1]);

test('the Atom feed lists public reports newest first with links on the public address, per category, unit and area, and carries no personal data', async () => {
  const all = await feed('?lang=en');
  assert.match(all, /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom" xml:lang="en">/);
  assert.deepEqual(
    entryLinks(all),
    [filed.far!.id, filed.garbage!.id, filed.pothole!.id].map((id) => `https://glas.example.org/problems/${id}`),
  );
  assert.match(all, /Kontejner &lt;pun&gt; &amp; smrdi/);
  for (const secret of ['Feedić', '064 555 4242', '0645554242', '555 9999']) assert.ok(!all.includes(secret), `the feed shows ${secret}`);

  assert.deepEqual(entryLinks(await feed('?category=garbage')), [`https://glas.example.org/problems/${filed.garbage!.id}`]);
  const unitA = entryLinks(await feed(`?unit=${t.m.units.a.id}`));
  assert.deepEqual(unitA, [`https://glas.example.org/problems/${filed.pothole!.id}`], 'the centre pothole is routed to unit A');
  const bbox = `${CENTRE.lon - 0.01},${CENTRE.lat - 0.01},${CENTRE.lon + 0.01},${CENTRE.lat + 0.01}`;
  assert.deepEqual(entryLinks(await feed(`?bbox=${bbox}`)), [`https://glas.example.org/problems/${filed.pothole!.id}`]);
  assert.deepEqual(entryLinks(await feed('?street=pijacna')), [`https://glas.example.org/problems/${filed.garbage!.id}`]);

  const bad = await t.call({ method: 'GET', url: '/api/v1/sistem48/public/reports.atom?bbox=1,2,3' });
  assert.equal(bad.statusCode, 400);
});
