/**
 * No contact a person typed reaches a public surface: a phone number and an e-mail address typed
 * into each kind of field (description, free-text category field, Open311 update, answer, field
 * result) are looked for in every public answer (the public API and map, Open311 requests, notes and
 * updates, open data) and in the messages relayed to the case's other citizens. Staff see them.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness } from '../notifications/harness.ts';
import type { Session } from '../helpers/app.ts';
import { CENTRE, form, seedSistem48, type Sistem48Fixture } from './helpers.ts';

let h: Harness;
let s: Sistem48Fixture;
let clerkA: Session;
let operator: Session;

before(async () => {
  h = await startHarness();
  s = await seedSistem48(h.ctx, h.m);
  [clerkA, operator] = await Promise.all([h.login('clerkA'), h.login('operator')]);
});
after(async () => {
  await h.close();
});

// Each kind of field gets its own phone and e-mail, written the ways people write them, so a leak names the field.
const TYPED = {
  description: {
    text: 'Rupa ispred zgrade. Petar Petrović, 065/111-2233, dragana.kovac@primer.rs',
    secrets: ['111-2233', '1112233', 'dragana.kovac@primer.rs', 'Petrović'],
  },
  pole: { text: 'zovite Marka 064 333 4444 ili marko (at) primer.rs', secrets: ['333 4444', '3334444', 'marko (at) primer.rs'] },
  update: { text: 'Stub i dalje ne radi, javite se na +381 63 222 1111 ili ana@primer.rs', secrets: ['222 1111', '2221111', 'ana@primer.rs'] },
  response: { text: 'Prihvaceno, poslovodja Jovan 066.444.5555, jovan@jkp.example', secrets: ['444.5555', '4445555', 'jovan@jkp.example'] },
  field: { text: 'Sanirano, za pitanja tel. 021 777 888 ili teren@primer.rs', secrets: ['777 888', '777888', 'teren@primer.rs'] },
};
const ALL_SECRETS = Object.values(TYPED).flatMap((x) => x.secrets);

function assertNoSecrets(surface: string, body: string) {
  for (const secret of ALL_SECRETS) assert.ok(!body.includes(secret), `${surface} shows "${secret}": ${body.slice(0, 2000)}`);
}

async function caseIdOf(reportNo: string) {
  return (
    await h.ctx.db
      .selectFrom('problem_reports')
      .select('case_id')
      .where('report_no', '=', reportNo as never)
      .executeTakeFirstOrThrow()
  ).case_id;
}

test('a phone number and an e-mail typed into any field are masked on every public surface and in relayed messages, and kept for staff', async () => {
  const since = new Date(Date.now() - 60_000).toISOString();
  const filed = await h.call({
    method: 'POST',
    url: '/api/v1/sistem48/public/reports',
    headers: { 'accept-language': 'sr-Latn' },
    payload: {
      category: 'pothole',
      lat: CENTRE.lat,
      lon: CENTRE.lon,
      description: TYPED.description.text,
      contact: { name: 'Petar Petrović', phone: '064 555 7711', consent: true, locale: 'sr-Latn' },
    },
  });
  assert.equal(filed.statusCode, 201, filed.body);
  const light = await h.call({
    method: 'POST',
    url: '/api/v1/sistem48/public/reports',
    headers: { 'accept-language': 'sr-Latn' },
    payload: { category: 'street_light', lat: CENTRE.lat, lon: CENTRE.lon, description: 'Ne radi svetlo', fields: { pole_number: TYPED.pole.text } },
  });
  assert.equal(light.statusCode, 201, light.body);
  const id = filed.json().id as string;
  const caseId = await caseIdOf(id);
  // A second citizen follows the report: the update and the answers are relayed to them.
  const follower = await h.call({
    method: 'POST',
    url: `/api/v1/sistem48/reports/${caseId}/reporters`,
    as: operator,
    payload: { contact: { name: 'Mila Milić', phone: '064 555 7722', consent: true, locale: 'sr-Latn' } },
  });
  assert.equal(follower.statusCode, 201, follower.body);

  const upd = await h.call({
    method: 'POST',
    url: '/open311/v2/servicerequestupdates.json',
    ...form({
      api_key: s.apiKey,
      service_request_id: id,
      update_id: 'fms-privacy-1',
      description: TYPED.update.text,
      updated_datetime: new Date().toISOString(),
      status: 'OPEN',
    }),
  });
  assert.equal(upd.statusCode, 200, upd.body);
  const planned = new Date(Date.now() + 5 * 86_400_000).toISOString();
  const answered = await h.call({
    method: 'POST',
    url: `/api/v1/sistem48/reports/${caseId}/response`,
    as: clerkA,
    payload: { status: 'accepted', plannedResolutionAt: planned, note: TYPED.response.text },
  });
  assert.equal(answered.statusCode, 200, answered.body);
  const result = await h.call({ method: 'POST', url: `/api/v1/sistem48/reports/${caseId}/field-result`, as: clerkA, payload: { note: TYPED.field.text } });
  assert.equal(result.statusCode, 201, result.body);

  const lightId = light.json().id as string;
  const until = new Date(Date.now() + 60_000).toISOString();
  // Two days either side of now, in any time zone: the period holds today's reports on any date.
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const period = `from=${day(-2)}&to=${day(2)}`;
  const surfaces: Record<string, string> = {};
  for (const [name, url] of Object.entries({
    'public report': `/api/v1/sistem48/public/reports/${id}`,
    'public report (pole field)': `/api/v1/sistem48/public/reports/${lightId}`,
    'public list': '/api/v1/sistem48/public/reports',
    'tracking by code': `/api/v1/sistem48/public/track/${filed.json().trackingCode}`,
    'case tracking page': `/api/v1/public/track?number=${encodeURIComponent(filed.json().number)}&code=${filed.json().trackingCode}`,
    'public map': '/api/v1/sistem48/public/reports.geojson',
    duplicates: `/api/v1/sistem48/public/duplicates?category=street_light&lat=${CENTRE.lat}&lon=${CENTRE.lon}`,
    'Open311 request (JSON, extensions)': `/open311/v2/requests/${id}.json?extensions=true`,
    'Open311 request (XML, extensions)': `/open311/v2/requests/${id}.xml?extensions=true`,
    'Open311 pole request (extensions)': `/open311/v2/requests/${lightId}.json?extensions=true`,
    'Open311 requests (XML, extensions)': '/open311/v2/requests.xml?extensions=true',
    'Open311 updates (JSON)': `/open311/v2/servicerequestupdates.json?start_date=${since}&end_date=${until}`,
    'Open311 updates (XML)': `/open311/v2/servicerequestupdates.xml?start_date=${since}&end_date=${until}`,
    'open data (JSON)': `/api/v1/public/open-data/reports.json?${period}`,
    'open data (CSV)': `/api/v1/public/open-data/reports.csv?${period}`,
  })) {
    const r = await h.call({ method: 'GET', url });
    assert.equal(r.statusCode, 200, `${name}: ${r.body}`);
    surfaces[name] = r.body;
  }
  for (const [name, body] of Object.entries(surfaces)) assertNoSecrets(name, body);
  // The surfaces do show the texts (masked), so the checks above are not passing on empty answers.
  const detail = JSON.parse(surfaces['public report']!);
  // The reporter signed with their own name: masked too.
  assert.equal(detail.description, 'Rupa ispred zgrade. ***, ***, ***@***');
  assert.ok(
    detail.timeline.some((i: { note: string | null }) => i.note === 'Stub i dalje ne radi, javite se na *** ili ***@***'),
    surfaces['public report'],
  );
  assert.ok(
    detail.timeline.some((i: { note: string | null }) => i.note === 'Sanirano, za pitanja tel. *** ili ***@***'),
    surfaces['public report'],
  );
  assert.equal(JSON.parse(surfaces['public report (pole field)']!).fields.pole_number, 'zovite Marka *** ili ***@***');
  assert.match(surfaces['Open311 updates (JSON)']!, /javite se na \*\*\* ili \*\*\*@\*\*\*/);
  assert.match(surfaces['Open311 request (JSON, extensions)']!, /Prihvaceno, poslovodja Jovan \*\*\*, \*\*\*@\*\*\*/);

  // Relayed to both citizens by SMS: the Open311 update (the answer and field-result templates carry no note), masked.
  for (const phone of ['381645557711', '381645557722']) {
    const sms = await h.smsc.waitFor((m) => m.destination === phone && m.text.includes('Stub i dalje'), 10_000);
    assert.match(sms.text, /javite se na \*\*\* ili \*\*\*@\*\*\*/);
  }
  await h.smsc.waitFor((m) => m.destination === '381645557722' && m.text.includes('intervencija'), 10_000);
  for (const m of h.smsc.received()) assertNoSecrets(`SMS to ${m.destination}`, m.text);
  const rows = await h.ctx.db.selectFrom('notification_messages').select(['body']).where('case_id', '=', caseId).execute();
  for (const r of rows) assertNoSecrets('a notification message', r.body ?? '');

  // Staff see what was typed.
  const staff = await h.call({ method: 'GET', url: `/api/v1/sistem48/reports/${caseId}`, as: clerkA });
  assert.equal(staff.json().description, TYPED.description.text);
  const lightStaff = await h.call({ method: 'GET', url: `/api/v1/sistem48/reports/${await caseIdOf(lightId)}`, as: operator });
  assert.equal(lightStaff.json().fields.pole_number, TYPED.pole.text);
});
