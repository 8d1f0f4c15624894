import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp, type Session } from '../helpers/app.ts';
import { CENTRE, OUTSIDE, OUTSKIRTS, form, multipart, seedSistem48, type Sistem48Fixture } from './helpers.ts';
import { jpegWithGps } from './images.ts';

let t: TestApp;
let s: Sistem48Fixture;
let clerkA: Session;

before(async () => {
  t = await startTestApp();
  s = await seedSistem48(t.ctx, t.m);
  clerkA = await t.login('clerkA');
});
after(async () => {
  await t.close();
});

const V2 = '/open311/v2';
const post = (fmt: 'json' | 'xml', values: Record<string, string | number>) => t.call({ method: 'POST', url: `${V2}/requests.${fmt}`, ...form(values) });
const xmlText = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]);

test('discovery and the service list in JSON and XML: categories are the services', async () => {
  const d = await t.call({ method: 'GET', url: '/open311/discovery.json' });
  assert.equal(d.statusCode, 200);
  assert.equal(d.json().endpoints[0].specification, 'http://wiki.open311.org/GeoReport_v2');
  assert.match((await t.call({ method: 'GET', url: '/open311/discovery.xml' })).body, /<discovery>.*<endpoints><endpoint>.*<format>text\/xml<\/format>/);
  const json = await t.call({ method: 'GET', url: `${V2}/services.json`, headers: { 'accept-language': 'en' } });
  assert.equal(json.statusCode, 200);
  assert.match(json.headers['content-type'] as string, /application\/json/);
  const pothole = json.json().find((x: { service_code: string }) => x.service_code === 'pothole');
  assert.deepEqual(pothole, {
    service_code: 'pothole',
    service_name: 'Pothole',
    description: 'A hole in the road',
    metadata: true,
    type: 'realtime',
    keywords: 'road',
    group: 'roads',
  });
  assert.equal(json.json().find((x: { service_code: string }) => x.service_code === 'garbage').metadata, false);
  const xml = await t.call({ method: 'GET', url: `${V2}/services.xml` });
  assert.match(xml.headers['content-type'] as string, /text\/xml/);
  assert.ok(xml.body.startsWith('<?xml version="1.0" encoding="utf-8"?><services><service>'));
  assert.deepEqual(xmlText(xml.body, 'service_code').sort(), ['dumping', 'garbage', 'other', 'pothole', 'street_light']);
});

test("a service definition lists the category's extra fields as attributes; an unknown service is 404 in the spec's error format", async () => {
  const def = await t.call({ method: 'GET', url: `${V2}/services/pothole.json`, headers: { 'accept-language': 'en' } });
  assert.equal(def.statusCode, 200);
  assert.deepEqual(def.json(), {
    service_code: 'pothole',
    attributes: [
      {
        variable: true,
        code: 'size',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: null,
        order: 1,
        description: 'Size',
        values: [
          { key: 'small', name: 'Small' },
          { key: 'large', name: 'Large' },
        ],
      },
    ],
  });
  const xml = await t.call({ method: 'GET', url: `${V2}/services/street_light.xml` });
  assert.match(
    xml.body,
    /<service_definition><service_code>street_light<\/service_code><attributes><attribute><variable>true<\/variable><code>pole_number<\/code><datatype>string<\/datatype><required>true<\/required>/,
  );
  const missing = await t.call({ method: 'GET', url: `${V2}/services/nope.json` });
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json()[0].code, 404);
  const missingXml = await t.call({ method: 'GET', url: `${V2}/services/nope.xml` });
  assert.match(
    missingXml.body,
    /^<\?xml version="1.0" encoding="utf-8"\?><errors><error><code>404<\/code><description>[^<]+<\/description><\/error><\/errors>$/,
  );
});

test('POST requests (form-encoded, attribute[code]) files a report that lands in the right queue, then reads back in XML and JSON with agency_responsible and expected_datetime', async () => {
  const r = await post('xml', {
    api_key: s.apiKey,
    service_code: 'pothole',
    lat: CENTRE.lat,
    long: CENTRE.lon,
    address_string: 'Glavna 10',
    'attribute[size]': 'large',
    description: 'Rupa <b>duboka</b> & opasna',
    email: 'gradjanin@example.org',
    first_name: 'Ana',
    last_name: 'Anić',
    phone: '0641234000',
  });
  assert.equal(r.statusCode, 200, r.body);
  const [id] = xmlText(r.body, 'service_request_id');
  assert.match(id!, /^\d+$/);
  const caseId = (
    await t.ctx.db
      .selectFrom('problem_reports')
      .select('case_id')
      .where('report_no', '=', id as never)
      .executeTakeFirstOrThrow()
  ).case_id;
  const queue = (await t.call({ method: 'GET', url: `/api/v1/sistem48/queues/${t.m.units.a.id}?bucket=new&pageSize=200`, as: clerkA })).json();
  assert.ok(queue.items.some((i: { caseId: string; firstResponse: { state: string } }) => i.caseId === caseId && i.firstResponse.state === 'ok'));
  const cas = (await t.call({ method: 'GET', url: `/api/v1/cases/${caseId}`, as: clerkA })).json();
  assert.equal(cas.channel, 'api');
  assert.equal(cas.parties[0].name, 'Ana Anić');

  const json = await t.call({ method: 'GET', url: `${V2}/requests/${id}.json` });
  assert.equal(json.statusCode, 200, json.body);
  const req = json.json()[0];
  assert.equal(req.service_request_id, id);
  assert.equal(req.status, 'open');
  assert.equal(req.service_code, 'pothole');
  assert.equal(req.agency_responsible, 'Odeljenje A');
  assert.equal(req.description, 'Rupa <b>duboka</b> & opasna');
  assert.deepEqual([req.lat, req.long, req.address], [CENTRE.lat, CENTRE.lon, 'Glavna 10']);
  const expected = new Date(req.expected_datetime).getTime() - new Date(req.requested_datetime).getTime();
  assert.equal(expected, 48 * 3_600_000, 'expected_datetime is the 48-hour deadline');
  assert.ok(!json.body.includes('Anić') && !json.body.includes('gradjanin@'), 'no personal data');

  const xml = await t.call({ method: 'GET', url: `${V2}/requests/${id}.xml` });
  assert.equal(xml.statusCode, 200);
  assert.match(
    xml.body,
    /^<\?xml version="1.0" encoding="utf-8"\?><service_requests><request><service_request_id>\d+<\/service_request_id><status>open<\/status>/,
  );
  assert.ok(xml.body.includes('<description>Rupa &lt;b&gt;duboka&lt;/b&gt; &amp; opasna</description>'));
  assert.ok(xml.body.includes('<agency_responsible>Odeljenje A</agency_responsible>'));

  // A JSON body works as well.
  const viaJson = await t.call({
    method: 'POST',
    url: `${V2}/requests.json`,
    payload: { api_key: s.apiKey, service_code: 'garbage', address_string: 'Pijačna 1' },
  });
  assert.equal(viaJson.statusCode, 200, viaJson.body);
  assert.match(viaJson.json()[0].service_request_id, /^\d+$/);
});

test('GET requests filters: service_request_id list, service_code, status, start_date/end_date, updated_after, page and page_size', async () => {
  const ids: string[] = [];
  for (const code of ['garbage', 'garbage', 'other']) {
    const r = await post('json', { api_key: s.apiKey, service_code: code, lat: OUTSKIRTS.lat, long: OUTSKIRTS.lon });
    assert.equal(r.statusCode, 200, r.body);
    ids.push(r.json()[0].service_request_id);
  }
  const get = async (q: string) => {
    const r = await t.call({ method: 'GET', url: `${V2}/requests.json?${q}` });
    assert.equal(r.statusCode, 200, r.body);
    return r.json() as { service_request_id: string; service_code: string; status: string }[];
  };
  assert.deepEqual((await get(`service_request_id=${ids[0]},${ids[2]}`)).map((r) => r.service_request_id).sort(), [ids[0], ids[2]].sort());
  // With service_request_id the other filters are ignored.
  assert.equal((await get(`service_request_id=${ids[2]}&service_code=garbage`)).length, 1);
  const garbage = await get('service_code=garbage');
  assert.ok(garbage.length >= 2 && garbage.every((r) => r.service_code === 'garbage'));
  assert.ok((await get('status=open')).some((r) => r.service_request_id === ids[0]));
  assert.ok(!(await get('status=closed')).some((r) => r.service_request_id === ids[0]));
  const future = new Date(Date.now() + 86_400_000).toISOString();
  const past = new Date(Date.now() - 86_400_000).toISOString();
  assert.equal((await get(`start_date=${encodeURIComponent(future)}`)).length, 0);
  assert.ok((await get(`start_date=${encodeURIComponent(past)}&end_date=${encodeURIComponent(future)}`)).length >= 3);
  assert.ok((await get(`updated_after=${encodeURIComponent(past)}`)).length >= 3);
  assert.equal((await get(`updated_before=${encodeURIComponent(past)}`)).length, 0);
  const page1 = await get('page_size=2&page=1');
  const page2 = await get('page_size=2&page=2');
  assert.equal(page1.length, 2);
  assert.ok(!page2.some((r) => page1.some((p) => p.service_request_id === r.service_request_id)));
  assert.equal((await t.call({ method: 'GET', url: `${V2}/requests.json?start_date=yesterday` })).statusCode, 400);
  assert.equal((await t.call({ method: 'GET', url: `${V2}/requests.xml?status=pending` })).statusCode, 400);
  assert.equal((await t.call({ method: 'GET', url: `${V2}/requests/999999999.json` })).statusCode, 404);
});

test('extensions=true adds the status history as notes; tokens resolve; FixMyStreet request updates can be read and posted', async () => {
  const r = await post('json', { api_key: s.apiKey, service_code: 'pothole', lat: CENTRE.lat, long: CENTRE.lon, email: 'x@example.org' });
  const id = r.json()[0].service_request_id as string;
  const caseId = (
    await t.ctx.db
      .selectFrom('problem_reports')
      .select('case_id')
      .where('report_no', '=', id as never)
      .executeTakeFirstOrThrow()
  ).case_id;
  const planned = new Date(Date.now() + 3 * 86_400_000).toISOString();
  assert.equal(
    (
      await t.call({
        method: 'POST',
        url: `/api/v1/sistem48/reports/${caseId}/response`,
        as: clerkA,
        payload: { status: 'in_progress', plannedResolutionAt: planned },
      })
    ).statusCode,
    200,
  );
  const ext = (await t.call({ method: 'GET', url: `${V2}/requests/${id}.json?extensions=true`, headers: { 'accept-language': 'en' } })).json()[0];
  assert.equal(new Date(ext.expected_datetime).toISOString(), planned, 'after the response, the planned date');
  assert.equal(ext.extended_attributes.first_response_state, 'answered');
  assert.deepEqual(
    ext.notes.map((n: { type: string }) => n.type),
    ['status_change', 'status_change', 'status_change', 'status_change', 'status_change', 'status_change'],
  );
  assert.ok(ext.notes.some((n: { summary: string }) => n.summary === 'In progress'));
  const extXml = (await t.call({ method: 'GET', url: `${V2}/requests/${id}.xml?extensions=true` })).body;
  assert.match(extXml, /<notes><note><datetime>[^<]+<\/datetime><type>status_change<\/type>/);

  const tracking = (await t.ctx.db.selectFrom('cases').select('tracking_code').where('id', '=', caseId).executeTakeFirstOrThrow()).tracking_code;
  const token = await t.call({ method: 'GET', url: `${V2}/tokens/${tracking}.json` });
  assert.deepEqual(token.json(), [{ service_request_id: id, token: tracking }]);
  assert.equal((await t.call({ method: 'GET', url: `${V2}/tokens/AAAA-BBBB-CCCC.xml` })).statusCode, 404);

  const upd = await t.call({
    method: 'POST',
    url: `${V2}/servicerequestupdates.xml`,
    ...form({
      api_key: s.apiKey,
      service_request_id: id,
      update_id: 'fms-77',
      description: 'Još uvek nije popravljeno',
      updated_datetime: new Date().toISOString(),
      status: 'OPEN',
    }),
  });
  assert.equal(upd.statusCode, 200, upd.body);
  assert.match(upd.body, /<service_request_updates><request_update><update_id>\d+<\/update_id><\/request_update><\/service_request_updates>/);
  // The client retries the same update (same update_id): the same update comes back, no second note.
  const again = await t.call({
    method: 'POST',
    url: `${V2}/servicerequestupdates.xml`,
    ...form({
      api_key: s.apiKey,
      service_request_id: id,
      update_id: 'fms-77',
      description: 'Još uvek nije popravljeno',
      updated_datetime: new Date().toISOString(),
      status: 'OPEN',
    }),
  });
  assert.equal(again.statusCode, 200, again.body);
  assert.equal(/<update_id>(\d+)</.exec(again.body)![1], /<update_id>(\d+)</.exec(upd.body)![1]);
  const notes = await t.ctx.db
    .selectFrom('case_events')
    .select('id')
    .where('case_id', '=', caseId)
    .where('type', '=', 'case.note_added')
    .where('note', '=', 'Još uvek nije popravljeno')
    .execute();
  assert.equal(notes.length, 1);
  const since = encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString());
  const updates = (await t.call({ method: 'GET', url: `${V2}/servicerequestupdates.json?start_date=${since}` })).json();
  const mine = updates.filter((u: { service_request_id: string }) => u.service_request_id === id);
  assert.ok(mine.some((u: { status: string }) => u.status === 'in_progress'));
  assert.ok(mine.some((u: { description: string }) => u.description === 'Još uvek nije popravljeno'));
  assert.equal(
    (await t.call({ method: 'POST', url: `${V2}/servicerequestupdates.json`, ...form({ api_key: 'wrong', service_request_id: id, description: 'x' }) }))
      .statusCode,
    403,
  );
});

test('media upload: a multipart POST with a photo in "media" stores it (pending approval) and takes its GPS position', async () => {
  const m = multipart({ api_key: s.apiKey, service_code: 'pothole', description: 'Sa slikom' }, [
    { name: 'media', filename: 'a.jpg', type: 'image/jpeg', data: await jpegWithGps(CENTRE.lat, CENTRE.lon) },
  ]);
  const r = await t.call({ method: 'POST', url: `${V2}/requests.json`, ...m });
  assert.equal(r.statusCode, 200, r.body);
  const back = (await t.call({ method: 'GET', url: `${V2}/requests/${r.json()[0].service_request_id}.json` })).json()[0];
  assert.ok(Math.abs(back.lat - CENTRE.lat) < 1e-4);
  assert.equal(back.media_url, '', 'not public before approval');
});

test("a client's media_url link is kept for staff but never published, in JSON or XML", async () => {
  const r = await post('json', {
    api_key: s.apiKey,
    service_code: 'pothole',
    lat: CENTRE.lat,
    long: CENTRE.lon,
    media_url: 'https://photos.example.org/private/face.jpg',
  });
  assert.equal(r.statusCode, 200, r.body);
  const id = r.json()[0].service_request_id;
  for (const f of ['json', 'xml']) {
    const back = await t.call({ method: 'GET', url: `${V2}/requests/${id}.${f}` });
    assert.equal(back.statusCode, 200);
    assert.ok(!back.body.includes('photos.example.org'), `${f}: ${back.body}`);
  }
  const list = await t.call({ method: 'GET', url: `${V2}/requests.json?service_request_id=${id}` });
  assert.ok(!list.body.includes('photos.example.org'));
});

test("errors use the spec's format and codes: bad api_key 403, unknown service 400, missing location 400, outside the municipality 400 — and nothing is saved", async () => {
  const before = Number(
    (
      await t.ctx.db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const bad = await post('json', { api_key: 'glas_not_a_key', service_code: 'pothole', lat: CENTRE.lat, long: CENTRE.lon });
  assert.equal(bad.statusCode, 403);
  assert.deepEqual(Object.keys(bad.json()[0]).sort(), ['code', 'description']);
  assert.equal(bad.json()[0].code, 403);
  const scope = await post('xml', { api_key: s.wrongScopeKey, service_code: 'pothole', lat: CENTRE.lat, long: CENTRE.lon });
  assert.equal(scope.statusCode, 403);
  assert.match(scope.body, /<errors><error><code>403<\/code>/);
  assert.equal((await post('json', { service_code: 'pothole', lat: CENTRE.lat, long: CENTRE.lon })).statusCode, 403);
  const unknown = await post('json', { api_key: s.apiKey, service_code: 'nope', lat: CENTRE.lat, long: CENTRE.lon });
  assert.equal(unknown.statusCode, 400);
  assert.match(unknown.json()[0].description, /service_code/);
  const noCode = await post('xml', { api_key: s.apiKey, lat: CENTRE.lat, long: CENTRE.lon });
  assert.equal(noCode.statusCode, 400);
  // The description is in the client's language (Accept-Language), like every message of Glas.
  const noLocationForm = form({ api_key: s.apiKey, service_code: 'pothole', description: 'Negde' });
  const noLocation = await t.call({
    method: 'POST',
    url: `${V2}/requests.json`,
    ...noLocationForm,
    headers: { ...noLocationForm.headers, 'accept-language': 'en' },
  });
  assert.equal(noLocation.statusCode, 400);
  assert.match(noLocation.json()[0].description, /location/);
  assert.equal((await post('json', { api_key: s.apiKey, service_code: 'pothole', lat: OUTSIDE.lat, long: OUTSIDE.lon })).statusCode, 400);
  assert.equal((await post('json', { api_key: s.apiKey, service_code: 'pothole', lat: 'north', long: 19 })).statusCode, 400);
  assert.equal(
    (await post('json', { api_key: s.apiKey, service_code: 'street_light', lat: CENTRE.lat, long: CENTRE.lon })).statusCode,
    400,
    'required attribute missing',
  );
  const malformed = await t.call({ method: 'POST', url: `${V2}/requests.json`, payload: '{"api_key":', headers: { 'content-type': 'application/json' } });
  assert.equal(malformed.statusCode, 400);
  assert.equal(malformed.json()[0].code, 400);
  const nowhere = await t.call({ method: 'GET', url: `${V2}/nothing.xml` });
  assert.equal(nowhere.statusCode, 404);
  assert.match(nowhere.body, /<errors>/);
  const after = Number(
    (
      await t.ctx.db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  assert.equal(after, before);
});
