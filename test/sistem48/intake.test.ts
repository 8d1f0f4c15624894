import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { sql } from 'kysely';
import { startTestApp, type TestApp, type Session } from '../helpers/app.ts';
import { buildApp } from '../../src/http/app.ts';
import { httpParts } from '../../src/modules.ts';
import { jpegWithGps } from './images.ts';
import { readGpsFromImage } from '../../src/sistem48/domain/exif-gps.ts';
import { CENTRE, OUTSIDE, OUTSKIRTS, multipart, seedSistem48, type Sistem48Fixture } from './helpers.ts';

let t: TestApp;
let s: Sistem48Fixture;
let operator: Session;
let clerkA: Session;
let clerkB: Session;
let registry: Session;
let admin: Session;

before(async () => {
  t = await startTestApp();
  s = await seedSistem48(t.ctx, t.m);
  [operator, clerkA, clerkB, registry, admin] = await Promise.all(['operator', 'clerkA', 'clerkB', 'registry', 'admin'].map((u) => t.login(u)));
});
after(async () => {
  await t.close();
});

const web = (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.call({ method: 'POST', url: '/api/v1/sistem48/public/reports', payload, headers });

async function counts() {
  const n = async (table: 'cases' | 'problem_reports' | 'parties' | 'report_photos' | 'case_events') =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const jobs = Number((await sql<{ n: string }>`select count(*)::text as n from graphile_worker.jobs`.execute(t.ctx.db)).rows[0]!.n);
  const photoDir = path.join(t.config.dataDir, 'photos');
  const files = await fs.readdir(photoDir, { recursive: true }).then(
    (f) => f.filter((x) => /\.(jpg|png)$/.test(String(x))).length,
    () => 0,
  );
  return {
    cases: await n('cases'),
    reports: await n('problem_reports'),
    parties: await n('parties'),
    photos: await n('report_photos'),
    events: await n('case_events'),
    jobs,
    files,
  };
}

async function queueIds(session: Session, unitId: string, bucket = 'new') {
  const r = await t.call({ method: 'GET', url: `/api/v1/sistem48/queues/${unitId}?bucket=${bucket}&pageSize=200`, as: session });
  assert.equal(r.statusCode, 200, r.body);
  return r.json().items.map((i: { caseId: string }) => i.caseId) as string[];
}

async function caseIdOf(reportNo: string) {
  return (
    await t.ctx.db
      .selectFrom('problem_reports')
      .select('case_id')
      .where('report_no', '=', reportNo as never)
      .executeTakeFirstOrThrow()
  ).case_id;
}

test("a report filed on the web form lands in the right unit's queue at once, shows its 48-hour clock, and appears in the public list and map without personal data", async () => {
  const before = Date.now();
  const r = await web({
    category: 'pothole',
    description: 'Duboka rupa ispred škole',
    lat: CENTRE.lat,
    lon: CENTRE.lon,
    address: 'Glavna 12',
    fields: { size: 'large' },
    contact: { name: 'Milica Građanka', phone: '064 555 1234', email: 'milica@example.org', consent: true },
  });
  const after = Date.now();
  assert.equal(r.statusCode, 201, r.body);
  const body = r.json();
  assert.match(body.number, /^S48-\d{5}\/\d{2}$/);
  assert.match(body.trackingCode, /^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  assert.equal(body.status, 'delivered');
  const caseId = await caseIdOf(body.id);
  assert.ok((await queueIds(clerkA, t.m.units.a.id)).includes(caseId), "in unit A's new queue");
  assert.ok(!(await queueIds(registry, t.m.units.jkp.id)).includes(caseId));

  const staff = (await t.call({ method: 'GET', url: `/api/v1/sistem48/reports/${caseId}`, as: clerkA })).json();
  assert.equal(staff.unitId, t.m.units.a.id);
  assert.equal(staff.routedBy, 'rule');
  assert.equal(staff.firstResponse.state, 'ok');
  const due = new Date(staff.firstResponse.dueAt).getTime();
  assert.ok(due >= before + 48 * 3_600_000 && due <= after + 48 * 3_600_000, 'due 48 hours after filing');
  assert.ok(staff.firstResponse.remainingSeconds > 47 * 3600);
  assert.deepEqual(staff.fields, { size: 'large' });
  assert.equal(staff.contactConsent, true);

  const list = await t.call({ method: 'GET', url: '/api/v1/sistem48/public/reports?category=pothole&status=open' });
  assert.equal(list.statusCode, 200);
  const item = list.json().items.find((i: { id: string }) => i.id === body.id);
  assert.ok(item, 'in the public list');
  assert.equal(item.firstResponse.state, 'ok');
  assert.equal(item.unit, 'Odeljenje A');
  const map = await t.call({ method: 'GET', url: '/api/v1/sistem48/public/reports.geojson?category=pothole' });
  const feature = map.json().features.find((f: { id: string }) => f.id === body.id);
  assert.deepEqual(feature.geometry, { type: 'Point', coordinates: [CENTRE.lon, CENTRE.lat] });
  const detail = await t.call({ method: 'GET', url: `/api/v1/sistem48/public/reports/${body.id}` });
  assert.deepEqual(
    detail.json().timeline.map((e: { type: string }) => e.type),
    ['case.registered', 'case.delivered'],
  );
  for (const text of [list.body, map.body, detail.body]) {
    for (const secret of ['Milica', 'Građanka', '555', 'milica@example.org', body.trackingCode])
      assert.ok(!text.includes(secret), `public output leaks ${secret}`);
  }
  const tracked = await t.call({ method: 'GET', url: `/api/v1/sistem48/public/track/${body.trackingCode.toLowerCase()}` });
  assert.equal(tracked.json().id, body.id);
});

test('the operator files a call for a caller found by phone: it lands in the right queue, and the caller lookup finds the caller and the report', async () => {
  const first = await t.call({
    method: 'POST',
    url: '/api/v1/sistem48/reports',
    as: operator,
    payload: {
      category: 'street_light',
      address: 'Novosadska 3',
      lat: OUTSKIRTS.lat,
      lon: OUTSKIRTS.lon,
      fields: { pole_number: 'JR-7' },
      contact: { name: 'Petar Pozivalac', phone: '+381 63 111 2222' },
      channel: 'phone',
    },
  });
  assert.equal(first.statusCode, 201, first.body);
  assert.equal(first.json().unitId, t.m.units.jkp.id);
  const lookup = await t.call({ method: 'GET', url: `/api/v1/sistem48/callers?phone=${encodeURIComponent('063 111 2222')}`, as: operator });
  assert.equal(lookup.statusCode, 200, lookup.body);
  assert.equal(lookup.json().phone, '+381631112222');
  const party = lookup.json().parties[0];
  assert.equal(party.name, 'Petar Pozivalac');
  assert.ok(lookup.json().reports.some((r: { caseId: string }) => r.caseId === first.json().caseId));
  // The same caller calls again: the operator picks the party found, no second party is created.
  const partiesBefore = (await counts()).parties;
  const second = await t.call({
    method: 'POST',
    url: '/api/v1/sistem48/reports',
    as: operator,
    payload: { category: 'other', address: 'Novosadska 5', partyId: party.id },
  });
  assert.equal(second.statusCode, 201, second.body);
  assert.equal((await counts()).parties, partiesBefore);
  assert.equal(second.json().routedBy, 'fallback');
  assert.ok((await queueIds(registry, t.m.units.registry.id)).includes(second.json().caseId), "no rule: the dispatcher's queue");
  const cas = (await t.call({ method: 'GET', url: `/api/v1/cases/${second.json().caseId}`, as: operator })).json();
  assert.equal(cas.channel, 'phone');
  assert.deepEqual(
    cas.parties.map((p: { id: string; role: string }) => [p.id, p.role]),
    [[party.id, 'reporter']],
  );
  // Caller lookup is for operators and the registry, not for the units.
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/sistem48/callers?phone=0631112222', as: clerkA })).statusCode, 403);
});

test('routing by area: a pothole in the centre goes to unit A, one in the outskirts to the public enterprise', async () => {
  const inCentre = await web({ category: 'pothole', lat: CENTRE.lat, lon: CENTRE.lon });
  const outside = await web({ category: 'pothole', lat: OUTSKIRTS.lat, lon: OUTSKIRTS.lon });
  assert.equal(
    (await t.call({ method: 'GET', url: `/api/v1/sistem48/reports/${await caseIdOf(inCentre.json().id)}`, as: clerkA })).json().unitId,
    t.m.units.a.id,
  );
  const jkpCase = await caseIdOf(outside.json().id);
  assert.ok((await queueIds(registry, t.m.units.jkp.id)).includes(jkpCase));
  // By address alone the area cannot be tested: the catch-all rule of the category applies.
  const byAddress = await web({ category: 'pothole', address: 'Glavna 1' });
  assert.equal(byAddress.statusCode, 201, byAddress.body);
  assert.ok((await queueIds(registry, t.m.units.jkp.id)).includes(await caseIdOf(byAddress.json().id)));
});

test('routing by street: garbage on Pijačna goes to unit B whatever the spelling; elsewhere to the public enterprise; an unmatched category to the dispatcher', async () => {
  const market = await web({ category: 'garbage', address: 'PIJACNA 3, Temerin' });
  const cyr = await web({ category: 'garbage', address: 'Пијачна бб' });
  const elsewhere = await web({ category: 'garbage', address: 'Pijačnica 3' });
  const other = await web({ category: 'other', lat: CENTRE.lat, lon: CENTRE.lon });
  const bQueue = await queueIds(clerkB, t.m.units.b.id);
  assert.ok(bQueue.includes(await caseIdOf(market.json().id)));
  assert.ok(bQueue.includes(await caseIdOf(cyr.json().id)));
  assert.ok((await queueIds(registry, t.m.units.jkp.id)).includes(await caseIdOf(elsewhere.json().id)));
  assert.ok((await queueIds(registry, t.m.units.registry.id)).includes(await caseIdOf(other.json().id)));
});

test('a photo without a location gives its GPS position; all EXIF is stripped, it is resized, and the public sees it only after approval', async () => {
  const big = await jpegWithGps(OUTSKIRTS.lat, OUTSKIRTS.lon, 2400);
  const m = multipart({ category: 'pothole', description: 'Slika rupe', 'field[size]': 'small' }, [
    { name: 'photos', filename: 'rupa.jpg', type: 'image/jpeg', data: big },
  ]);
  const r = await t.call({ method: 'POST', url: '/api/v1/sistem48/public/reports', ...m });
  assert.equal(r.statusCode, 201, r.body);
  assert.equal(r.json().location.source, 'photo');
  assert.ok(Math.abs(r.json().location.lat - OUTSKIRTS.lat) < 1e-4);
  const caseId = await caseIdOf(r.json().id);
  const staff = (await t.call({ method: 'GET', url: `/api/v1/sistem48/reports/${caseId}`, as: registry })).json();
  assert.equal(staff.unitId, t.m.units.jkp.id, 'routed by the photo position (outskirts → public enterprise)');
  const photo = staff.photos[0];
  assert.equal(photo.approved, false);
  assert.ok(Math.max(photo.width, photo.height) <= 1600);
  assert.equal((await t.call({ method: 'GET', url: `/api/v1/sistem48/public/photos/${photo.id}` })).statusCode, 404);
  const pub = (await t.call({ method: 'GET', url: `/api/v1/sistem48/public/reports/${r.json().id}` })).json();
  assert.deepEqual(pub.photoIds, []);
  const stored = await t.call({ method: 'GET', url: `/api/v1/sistem48/photos/${photo.id}`, as: registry });
  assert.equal(stored.statusCode, 200);
  assert.equal(readGpsFromImage(stored.rawPayload), null, 'GPS stripped');
  assert.deepEqual((await sharp(stored.rawPayload).metadata()).exif, undefined, 'no EXIF at all');

  const approve = await t.call({ method: 'POST', url: `/api/v1/sistem48/photos/${photo.id}/approval`, as: registry });
  assert.equal(approve.statusCode, 200, approve.body);
  assert.equal((await t.call({ method: 'GET', url: `/api/v1/sistem48/public/photos/${photo.id}` })).statusCode, 200);
  assert.deepEqual((await t.call({ method: 'GET', url: `/api/v1/sistem48/public/reports/${r.json().id}` })).json().photoIds, [photo.id]);
});

test('HTML in a description is stored and returned as the text it is; a description that is only markup is refused', async () => {
  const text = '<b>Rupa</b> <img src=x onerror=alert(1)> kod "škole" & pošte';
  const r = await web({ category: 'pothole', lat: CENTRE.lat, lon: CENTRE.lon, description: text });
  assert.equal(r.statusCode, 201, r.body);
  const pub = await t.call({ method: 'GET', url: `/api/v1/sistem48/public/reports/${r.json().id}` });
  assert.equal(pub.json().description, text);
  assert.match(pub.headers['content-type'] as string, /application\/json/);
  const only = await web({ category: 'pothole', lat: CENTRE.lat, lon: CENTRE.lon, description: '<script>alert(1)</script>' });
  assert.equal(only.statusCode, 400);
  assert.equal(only.json().error.details.field, 'description');
});

test('bad input always answers 4xx and saves nothing: missing location, unknown category, outside the municipality, bad field, oversize or non-image photo', async () => {
  const before = await counts();
  const cases: [string, () => Promise<{ statusCode: number; body: string }>, number, string?][] = [
    ['missing location', () => web({ category: 'pothole', description: 'Nema lokacije' }), 400, 'location'],
    ['unknown category', () => web({ category: 'no_such_thing', lat: CENTRE.lat, lon: CENTRE.lon }), 400, 'category'],
    ['outside the municipality', () => web({ category: 'pothole', lat: OUTSIDE.lat, lon: OUTSIDE.lon }), 400, 'location'],
    ['latitude without longitude', () => web({ category: 'pothole', lat: CENTRE.lat }), 400, 'lon'],
    ['required field missing', () => web({ category: 'street_light', lat: CENTRE.lat, lon: CENTRE.lon }), 400, 'fields.pole_number'],
    ['unknown option', () => web({ category: 'pothole', lat: CENTRE.lat, lon: CENTRE.lon, fields: { size: 'huge' } }), 400, 'fields.size'],
    ['bad phone', () => web({ category: 'pothole', lat: CENTRE.lat, lon: CENTRE.lon, contact: { name: 'X', phone: 'call me maybe' } }), 400],
    [
      'photo outside the municipality and no other location',
      async () =>
        t.call({
          method: 'POST',
          url: '/api/v1/sistem48/public/reports',
          ...multipart({ category: 'pothole' }, [{ name: 'photos', filename: 'a.jpg', type: 'image/jpeg', data: await jpegWithGps(OUTSIDE.lat, OUTSIDE.lon) }]),
        }),
      400,
      'location',
    ],
    [
      'non-image photo',
      () =>
        t.call({
          method: 'POST',
          url: '/api/v1/sistem48/public/reports',
          ...multipart({ category: 'pothole', lat: String(CENTRE.lat), lon: String(CENTRE.lon) }, [
            { name: 'photos', filename: 'rupa.jpg', type: 'image/jpeg', data: Buffer.from('%PDF-1.7 not a photo at all') },
          ]),
        }),
      415,
    ],
    [
      'GIF photo',
      async () =>
        t.call({
          method: 'POST',
          url: '/api/v1/sistem48/public/reports',
          ...multipart({ category: 'pothole', lat: String(CENTRE.lat), lon: String(CENTRE.lon) }, [
            {
              name: 'photos',
              filename: 'a.gif',
              type: 'image/gif',
              data: await sharp({ create: { width: 4, height: 4, channels: 3, background: 'red' } })
                .gif()
                .toBuffer(),
            },
          ]),
        }),
      415,
    ],
    [
      'damaged JPEG',
      () =>
        t.call({
          method: 'POST',
          url: '/api/v1/sistem48/public/reports',
          ...multipart({ category: 'pothole', lat: String(CENTRE.lat), lon: String(CENTRE.lon) }, [
            { name: 'photos', filename: 'a.jpg', type: 'image/jpeg', data: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 7)]) },
          ]),
        }),
      400,
      'photos',
    ],
    [
      'second photo damaged after a good one',
      async () =>
        t.call({
          method: 'POST',
          url: '/api/v1/sistem48/public/reports',
          ...multipart({ category: 'pothole', lat: String(CENTRE.lat), lon: String(CENTRE.lon) }, [
            { name: 'photos', filename: 'ok.jpg', type: 'image/jpeg', data: await jpegWithGps(CENTRE.lat, CENTRE.lon) },
            { name: 'photos', filename: 'bad.png', type: 'image/png', data: Buffer.from('not a png') },
          ]),
        }),
      415,
    ],
  ];
  for (const [name, call, status, field] of cases) {
    const r = await call();
    assert.equal(r.statusCode, status, `${name}: ${r.body}`);
    if (field) assert.equal(JSON.parse(r.body).error.details?.field, field, name);
  }
  // Oversize: the administrator lowers the limit; a photo over it is refused whole.
  const patch = await t.call({ method: 'PATCH', url: '/api/v1/sistem48/settings', as: admin, payload: { photoMaxBytes: 20_000 } });
  assert.equal(patch.statusCode, 200, patch.body);
  const noise = await sharp(Buffer.from(Array.from({ length: 300 * 300 * 3 }, (_, i) => (i * 7919) % 251)), { raw: { width: 300, height: 300, channels: 3 } })
    .jpeg({ quality: 100 })
    .toBuffer();
  assert.ok(noise.length > 20_000);
  const big = await t.call({
    method: 'POST',
    url: '/api/v1/sistem48/public/reports',
    ...multipart({ category: 'pothole', lat: String(CENTRE.lat), lon: String(CENTRE.lon) }, [
      { name: 'photos', filename: 'big.jpg', type: 'image/jpeg', data: noise },
    ]),
  });
  assert.equal(big.statusCode, 413, big.body);
  // The limit named is the photos' own (20 KB here), beside the photos, not the server's upload limit.
  assert.match(big.json().error.message, /20 KB/);
  assert.equal(big.json().error.details.field, 'photos');
  await t.call({ method: 'PATCH', url: '/api/v1/sistem48/settings', as: admin, payload: { photoMaxBytes: 10 * 1024 * 1024 } });
  assert.deepEqual(await counts(), before, 'nothing half-saved');
  const outside = await web({ category: 'pothole', lat: OUTSIDE.lat, lon: OUTSIDE.lon }, { 'accept-language': 'en' });
  assert.match(outside.json().error.message, /outside the municipality/);
});

test('the public form is throttled per address', async () => {
  await t.call({ method: 'PATCH', url: '/api/v1/sistem48/settings', as: admin, payload: { intakePerIpPerHour: 2 } });
  const ip = '203.0.113.9';
  const send = () =>
    t.call({ method: 'POST', url: '/api/v1/sistem48/public/reports', payload: { category: 'other', address: 'Glavna 2' }, remoteAddress: ip } as never);
  // Earlier tests used the default address; this one has its own window.
  assert.equal((await send()).statusCode, 201);
  assert.equal((await send()).statusCode, 201);
  const third = await send();
  assert.equal(third.statusCode, 429);
  assert.ok(Number(third.headers['retry-after']) > 0);
  await t.call({ method: 'PATCH', url: '/api/v1/sistem48/settings', as: admin, payload: { intakePerIpPerHour: 10_000 } });
});

test('a limit of one report an hour lets exactly one through', async () => {
  await t.call({ method: 'PATCH', url: '/api/v1/sistem48/settings', as: admin, payload: { intakePerIpPerHour: 1 } });
  try {
    const send = () =>
      t.call({
        method: 'POST',
        url: '/api/v1/sistem48/public/reports',
        payload: { category: 'other', address: 'Glavna 4' },
        remoteAddress: '192.0.2.41',
      } as never);
    assert.equal((await send()).statusCode, 201);
    const second = await send();
    assert.equal(second.statusCode, 429, second.body);
    assert.ok(Number(second.headers['retry-after']) > 0);
  } finally {
    await t.call({ method: 'PATCH', url: '/api/v1/sistem48/settings', as: admin, payload: { intakePerIpPerHour: 10_000 } });
  }
});

test('two Glas processes on one database share the per-address limit', async () => {
  // A second app on the same database stands for a second process behind the same proxy.
  const second = await buildApp(t.ctx, { ...httpParts(), logger: false });
  try {
    await t.call({ method: 'PATCH', url: '/api/v1/sistem48/settings', as: admin, payload: { intakePerIpPerHour: 2 } });
    const ip = '198.51.100.77';
    const via = (app: typeof second) =>
      app.inject({ method: 'POST', url: '/api/v1/sistem48/public/reports', payload: { category: 'other', address: 'Glavna 3' }, remoteAddress: ip });
    assert.equal((await via(t.app)).statusCode, 201);
    assert.equal((await via(second)).statusCode, 201);
    const third = await via(second);
    assert.equal(third.statusCode, 429, "the second process counts the first one's report");
    assert.equal((await via(t.app)).statusCode, 429);
  } finally {
    await t.call({ method: 'PATCH', url: '/api/v1/sistem48/settings', as: admin, payload: { intakePerIpPerHour: 10_000 } });
    await second.close();
  }
});

test("categories and routing rules are the administrator's, with an audit trail; others are refused", async () => {
  const body = {
    code: 'graffiti',
    caseTypeId: s.type.id,
    name: { 'sr-Latn': 'Grafiti', en: 'Graffiti' },
    fields: [{ code: 'surface', type: 'string', label: { en: 'Surface' } }],
  };
  assert.equal((await t.call({ method: 'POST', url: '/api/v1/sistem48/categories', as: operator, payload: body })).statusCode, 403);
  const created = await t.call({ method: 'POST', url: '/api/v1/sistem48/categories', as: admin, payload: body });
  assert.equal(created.statusCode, 201, created.body);
  const dup = await t.call({ method: 'POST', url: '/api/v1/sistem48/categories', as: admin, payload: body });
  assert.equal(dup.statusCode, 409);
  const patched = await t.call({
    method: 'PATCH',
    url: `/api/v1/sistem48/categories/${created.json().id}`,
    as: admin,
    payload: { slaHours: 24, slaClock: 'working' },
  });
  assert.equal(patched.statusCode, 200, patched.body);
  const rule = await t.call({
    method: 'POST',
    url: '/api/v1/sistem48/routing-rules',
    as: admin,
    payload: { categoryId: created.json().id, unitId: t.m.units.b.id, streets: ['Glavna'] },
  });
  assert.equal(rule.statusCode, 201, rule.body);
  const badArea = await t.call({
    method: 'POST',
    url: '/api/v1/sistem48/routing-rules',
    as: admin,
    payload: { categoryId: created.json().id, unitId: t.m.units.b.id, area: { type: 'Point', coordinates: [19, 45] } },
  });
  assert.equal(badArea.statusCode, 400);
  const trail = await t.ctx.db
    .selectFrom('audit_log')
    .select(['action', 'entity'])
    .where((eb) =>
      eb.or([
        eb.and([eb('entity', '=', 'problem_category'), eb('entity_id', '=', String(created.json().id))]),
        eb.and([eb('entity', '=', 'routing_rule'), eb('entity_id', '=', String(rule.json().id))]),
      ]),
    )
    .execute();
  assert.deepEqual(trail.map((a) => `${a.action} ${a.entity}`).sort(), ['create problem_category', 'create routing_rule', 'update problem_category']);
  const cats = (await t.call({ method: 'GET', url: '/api/v1/sistem48/public/categories?lang=sr-Cyrl' })).json().items;
  assert.equal(cats.find((c: { code: string }) => c.code === 'graffiti').name, 'Графити');
  const routed = await web({ category: 'graffiti', address: 'Glavna 7' });
  assert.ok((await queueIds(clerkB, t.m.units.b.id)).includes(await caseIdOf(routed.json().id)));
});

test('the operator records consent given aloud on the call, for a new caller and for a caller found by phone', async () => {
  const r = await t.call({
    method: 'POST',
    url: '/api/v1/sistem48/reports',
    as: operator,
    payload: {
      category: 'other',
      address: 'Glavna 10',
      contact: { name: 'Zorka Zvonić', phone: '065 777 1111', consent: true },
      channel: 'phone',
    },
  });
  assert.equal(r.statusCode, 201, r.body);
  const partyId = (await t.ctx.db.selectFrom('case_parties').select('party_id').where('case_id', '=', r.json().caseId).executeTakeFirstOrThrow()).party_id;
  const methods = await t.ctx.db.selectFrom('notification_consents').select(['channel', 'method']).where('party_id', '=', partyId).execute();
  assert.deepEqual(methods, [{ channel: 'sms', method: 'phone_call' }]);
  const audited = await t.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', partyId).execute();
  assert.ok(
    audited.some((a) => a.action === 'consent_given'),
    'consent is in the audit trail',
  );
});

test('refused submissions do not use up the limit of reports filed from an address', async () => {
  await t.call({ method: 'PATCH', url: '/api/v1/sistem48/settings', as: admin, payload: { intakePerIpPerHour: 2 } });
  try {
    const ip = '203.0.113.77';
    const send = (payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/v1/sistem48/public/reports', payload, remoteAddress: ip });
    for (let i = 0; i < 5; i++) assert.equal((await send({ category: 'pothole', description: 'bez lokacije' })).statusCode, 400);
    assert.equal((await send({ category: 'other', address: 'Glavna 6' })).statusCode, 201);
    assert.equal((await send({ category: 'other', address: 'Glavna 7' })).statusCode, 201);
    assert.equal((await send({ category: 'other', address: 'Glavna 8' })).statusCode, 429);
  } finally {
    await t.call({ method: 'PATCH', url: '/api/v1/sistem48/settings', as: admin, payload: { intakePerIpPerHour: 10_000 } });
  }
});

test('a NUL character, an out-of-range number or a malformed id anywhere is a 400 naming the problem, never a 500, and saves nothing', async () => {
  const before = await counts();
  const calls: [string, () => Promise<{ statusCode: number; body: string }>][] = [
    ['NUL in the description', () => web({ category: 'pothole', description: 'rupa\u0000x', lat: CENTRE.lat, lon: CENTRE.lon })],
    ['NUL in the contact name', () => web({ category: 'pothole', lat: CENTRE.lat, lon: CENTRE.lon, contact: { name: 'A\u0000B' } })],
    [
      'NUL in a multipart field',
      () => t.call({ method: 'POST', url: '/api/v1/sistem48/public/reports', ...multipart({ category: 'pothole', address: 'Glavna\u00001' }) }),
    ],
    ['huge category id', () => web({ category: 100000000000000000000, lat: CENTRE.lat, lon: CENTRE.lon })],
    ['NUL in a list filter', () => t.call({ method: 'GET', url: '/api/v1/sistem48/public/reports?category=%00' })],
    ['huge category filter', () => t.call({ method: 'GET', url: '/api/v1/sistem48/public/reports?category=99999999999999999999' })],
    ['huge duplicate category', () => t.call({ method: 'GET', url: '/api/v1/sistem48/public/duplicates?category=99999999999999&lat=45&lon=19' })],
    ['impossible holiday date', () => t.call({ method: 'GET', url: '/api/v1/sistem48/holidays?from=2026-99-99' })],
    [
      'malformed party id',
      () =>
        t.call({
          method: 'POST',
          url: '/api/v1/sistem48/reports',
          as: operator,
          payload: { category: 'other', address: 'Glavna 1', partyId: '------------------------------------' },
        }),
    ],
    ['huge routing rule id', () => t.call({ method: 'PATCH', url: '/api/v1/sistem48/routing-rules/99999999999', as: admin, payload: { priority: 1 } })],
    ['huge category id in rules filter', () => t.call({ method: 'GET', url: '/api/v1/sistem48/routing-rules?categoryId=99999999999', as: admin })],
    ['Open311: NUL in service_code', () => t.call({ method: 'GET', url: '/open311/v2/requests.json?service_code=%00' })],
    ['Open311: NUL in a service path', () => t.call({ method: 'GET', url: '/open311/v2/services/%00.json' })],
  ];
  for (const [name, call] of calls) {
    const r = await call();
    assert.ok(r.statusCode >= 400 && r.statusCode < 500, `${name}: ${r.statusCode} ${r.body}`);
    assert.doesNotMatch(r.body, /internal/i, name);
  }
  assert.deepEqual(await counts(), before, 'nothing half-saved');
});

test('what is wrong with a report is said in the language of the request, beside the field it concerns', async () => {
  const expected: [string, RegExp][] = [
    ['sr-Cyrl', /наведите место: означите га на мапи/],
    ['sr-Latn', /navedite mesto: označite ga na mapi/],
    ['hr', /navedite mjesto: označite ga na karti/],
    ['sl', /navedite kraj: označite ga na zemljevidu/],
    ['en', /give the location: mark it on the map/],
  ];
  for (const [locale, text] of expected) {
    const r = await web({ category: 'pothole', description: 'x' }, { 'accept-language': locale });
    assert.equal(r.statusCode, 400, r.body);
    assert.match(r.json().error.message, text, locale);
    assert.equal(r.json().error.details.field, 'location');
  }
  const required = await web({ category: 'street_light', lat: CENTRE.lat, lon: CENTRE.lon }, { 'accept-language': 'bs' });
  assert.match(required.json().error.message, /ovo polje je obavezno/);
  assert.equal(required.json().error.details.field, 'fields.pole_number');
  assert.deepEqual(Object.keys(required.json().error.details), ['field'], 'only the field is shown, not the message key');
});

test('a phone number or e-mail typed into the description is masked on the public pages and in Open311, and kept for staff', async () => {
  const r = await web({
    category: 'pothole',
    lat: CENTRE.lat,
    lon: CENTRE.lon,
    description: 'Rupa ispred zgrade, zovite me na 064 123 4567 ili pera@primer.rs',
  });
  assert.equal(r.statusCode, 201, r.body);
  const pub = await t.call({ method: 'GET', url: `/api/v1/sistem48/public/reports/${r.json().id}` });
  assert.equal(pub.json().description, 'Rupa ispred zgrade, zovite me na *** ili ***@***');
  const list = await t.call({ method: 'GET', url: '/api/v1/sistem48/public/reports?category=pothole' });
  const open311 = await t.call({ method: 'GET', url: `/open311/v2/requests/${r.json().id}.json` });
  const dup = await t.call({ method: 'GET', url: `/api/v1/sistem48/public/duplicates?category=pothole&lat=${CENTRE.lat}&lon=${CENTRE.lon}` });
  for (const [name, body] of [
    ['list', list.body],
    ['open311', open311.body],
    ['duplicates', dup.body],
  ]) {
    assert.ok(!body!.includes('4567') && !body!.includes('pera@primer.rs'), `${name} leaks the contact`);
  }
  const staff = await t.call({ method: 'GET', url: `/api/v1/sistem48/reports/${await caseIdOf(r.json().id)}`, as: clerkA });
  assert.match(staff.json().description, /064 123 4567/);
});

test('duplicates by address alone: open reports of the category on the same street, the same address first; elsewhere none', async () => {
  const first = await web({ category: 'street_light', address: 'Novosadska 12', fields: { pole_number: 'JR-12' } });
  assert.equal(first.statusCode, 201, first.body);
  const staff = async (address: string) =>
    (await t.call({ method: 'GET', url: `/api/v1/sistem48/duplicates?category=street_light&address=${encodeURIComponent(address)}`, as: operator })).json();
  const same = await staff('NOVOSADSKA 12, Temerin');
  const hit = same.items.find((i: { id: string }) => i.id === first.json().id);
  assert.ok(hit, JSON.stringify(same));
  assert.equal(hit.sameAddress, true);
  assert.equal(hit.distanceM, null);
  const street = await staff('Новосадска 40');
  assert.equal(street.items.find((i: { id: string }) => i.id === first.json().id)?.sameAddress, false, 'same street, another number, either script');
  assert.ok(!(await staff('Glavna 12')).items.some((i: { id: string }) => i.id === first.json().id));
  const pub = await t.call({ method: 'GET', url: `/api/v1/sistem48/public/duplicates?category=street_light&address=${encodeURIComponent('Novosadska 12')}` });
  assert.equal(pub.statusCode, 200, pub.body);
  assert.ok(pub.json().items.some((i: { id: string; caseId?: string }) => i.id === first.json().id && i.caseId === undefined));
  const neither = await t.call({ method: 'GET', url: '/api/v1/sistem48/public/duplicates?category=street_light' });
  assert.equal(neither.statusCode, 400);
  assert.equal(neither.json().error.details.field, 'location');
});

test('the operator adds a caller to the open report of the same problem instead of filing a duplicate; with consent the caller is told how it goes', async () => {
  const first = await web({ category: 'pothole', lat: CENTRE.lat, lon: CENTRE.lon, description: 'Rupa na raskrsnici' });
  const caseId = await caseIdOf(first.json().id);
  const add = (payload: Record<string, unknown>, as = operator) => t.call({ method: 'POST', url: `/api/v1/sistem48/reports/${caseId}/reporters`, as, payload });
  const before = await counts();
  const r = await add({ contact: { name: 'Vesna Vesić', phone: '064 222 3333', consent: true } });
  assert.equal(r.statusCode, 201, r.body);
  assert.equal(r.json().alreadyReporter, false);
  const after = await counts();
  assert.deepEqual([after.cases, after.reports], [before.cases, before.reports], 'no second report');
  const parties = await t.ctx.db.selectFrom('case_parties').select(['party_id', 'role']).where('case_id', '=', caseId).execute();
  assert.ok(parties.some((p) => p.party_id === r.json().partyId && p.role === 'reporter'));
  const consent = await t.ctx.db.selectFrom('notification_consents').select(['channel', 'method']).where('party_id', '=', r.json().partyId).execute();
  assert.deepEqual(consent, [{ channel: 'sms', method: 'phone_call' }]);
  // The same caller again: nothing doubles.
  const again = await add({ partyId: r.json().partyId });
  assert.equal(again.json().alreadyReporter, true);
  const added = await t.ctx.db.selectFrom('case_events').select('type').where('case_id', '=', caseId).where('type', '=', 'case.party_added').execute();
  assert.equal(added.length, 1);
  // The public never sees who joined.
  const pub = await t.call({ method: 'GET', url: `/api/v1/sistem48/public/reports/${first.json().id}` });
  assert.ok(!pub.body.includes('Vesna') && !pub.body.includes('2223333'));
  // Refusals: nobody named, a case officer (not a call taker), a closed report.
  assert.equal((await add({})).statusCode, 400);
  assert.equal((await add({ contact: { name: 'X' } }, clerkA)).statusCode, 403);
  const answered = await t.call({
    method: 'POST',
    url: `/api/v1/sistem48/reports/${caseId}/response`,
    as: clerkA,
    payload: { status: 'in_progress', plannedResolutionAt: new Date(Date.now() + 86_400_000).toISOString() },
  });
  assert.equal(answered.statusCode, 200, answered.body);
  const resolved = await t.call({
    method: 'POST',
    url: `/api/v1/sistem48/reports/${caseId}/field-result`,
    as: clerkA,
    payload: { note: 'Popravljeno.', resolve: true },
  });
  assert.equal(resolved.statusCode, 201, resolved.body);
  const closed = await add({ contact: { name: 'Kasni Pozivalac' } });
  assert.equal(closed.statusCode, 409, closed.body);
});
