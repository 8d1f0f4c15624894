import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, messagesOf, type Harness } from './harness.ts';
import { createApiToken } from '../../src/organisation/commands/manage-api-tokens.ts';
import { SYSTEM_ACTOR } from '../../src/kernel/types.ts';

let h: Harness;
let token: string;
before(async () => {
  h = await startHarness();
  token = (await createApiToken(h.ctx, SYSTEM_ACTOR, { name: 'VOPI', userId: h.m.users.registry!.id, scopes: ['registry:events'] })).token;
});
after(async () => {
  await h.close();
});

const post = (payload: Record<string, unknown>, bearer = token) => h.call({ method: 'POST', url: '/api/v1/integrations/registry-events', bearer, payload });

const first = {
  externalSystem: 'vopi',
  externalCaseId: 'V-1001',
  caseNumber: '354-12/2026-3',
  eventId: 'ev-1',
  type: 'registered',
  occurredAt: '2026-11-20T09:15:00Z',
  subject: 'Vloga za gradbeno dovoljenje',
  parties: [
    { externalPartyId: 'P-77', name: 'Jana Novak', phone: '+38640111222', locale: 'sl', consent: { sms: true, method: 'portal', textVersion: 'VOPI-3' } },
  ],
};

test("the first event of an external case mirrors it and notifies the party, showing the registry's own number", async () => {
  const r = await post(first);
  assert.equal(r.statusCode, 201, r.body);
  const body = r.json();
  assert.equal(body.duplicate, false);
  assert.equal(body.kind, 'registered');
  const sms = await h.smsc.waitFor((m) => m.destination === '38640111222', 5000);
  assert.equal(sms.text.startsWith('Zadeva 354-12/2026-3 je bila 20. 11. 2026 prejeta v vložišču.'), true, sms.text);
  const c = await h.ctx.db.selectFrom('cases').selectAll().where('id', '=', body.caseId).executeTakeFirstOrThrow();
  assert.equal(c.external_system, 'vopi');
  assert.equal(c.external_id, 'V-1001');
  const rows = await messagesOf(h, body.caseId);
  assert.equal(rows.length, 1, "the mirror's own registration event does not notify a second time");
  const consent = await h.ctx.db.selectFrom('notification_consents').selectAll().where('id', '=', rows[0]!.consent_id).executeTakeFirstOrThrow();
  assert.equal(consent.method, 'portal');
  assert.equal(consent.text_version, 'VOPI-3');
});

test('the same external event posted twice has no second effect', async () => {
  const again = await post(first);
  assert.equal(again.statusCode, 200, again.body);
  assert.equal(again.json().duplicate, true);
  const caseId = again.json().caseId;
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(h.smsc.received().filter((m) => m.destination === '38640111222').length, 1);
  const events = await h.ctx.db.selectFrom('case_events').select('type').where('case_id', '=', caseId).execute();
  assert.deepEqual(
    events.map((e) => e.type),
    ['case.registered', 'case.external_event'],
  );
});

test('later events (classification, assignment, a decision) are mirrored and notified; the status follows the registry', async () => {
  const base = { externalSystem: 'vopi', externalCaseId: 'V-1001', caseNumber: '354-12/2026-3' };
  assert.equal((await post({ ...base, eventId: 'ev-2', type: 'classified', occurredAt: '2026-11-20T10:00:00Z', data: { code: '354-12' } })).statusCode, 201);
  await h.smsc.waitFor((m) => m.destination === '38640111222' && m.text.includes('klasifikacijski znak 354-12'), 5000);
  assert.equal(
    (await post({ ...base, eventId: 'ev-3', type: 'assigned', occurredAt: '2026-11-20T11:00:00Z', data: { unitName: 'Oddelek za okolje' } })).statusCode,
    201,
  );
  await h.smsc.waitFor((m) => m.destination === '38640111222' && m.text.includes('zdaj vodi: Oddelek za okolje'), 5000);
  const d = await post({ ...base, eventId: 'ev-4', type: 'status_changed', occurredAt: '2026-11-21T08:00:00Z', data: { status: 'approved' } });
  assert.equal(d.json().kind, 'status:approved');
  await h.smsc.waitFor((m) => m.destination === '38640111222' && m.text.includes('je odobrena'), 5000);
  const c = await h.ctx.db.selectFrom('cases').select(['status', 'classification_code']).where('id', '=', d.json().caseId).executeTakeFirstOrThrow();
  assert.deepEqual(c, { status: 'approved', classification_code: '354-12' });
});

test('an unknown event type is kept and sent with the generic text; consent withdrawn through the registry stops messages', async () => {
  const base = { externalSystem: 'vopi', externalCaseId: 'V-1001', caseNumber: '354-12/2026-3' };
  const r = await post({ ...base, eventId: 'ev-5', type: 'dokument_vročen', occurredAt: '2026-11-21T09:00:00Z', data: { text: 'Odločba je bila vročena.' } });
  assert.equal(r.json().kind, 'external');
  await h.smsc.waitFor(
    (m) => m.destination === '38640111222' && m.text.startsWith('Novost v zadevi 354-12/2026-3') && m.text.endsWith('Odločba je bila vročena.'),
    5000,
  );
  const w = await post({
    ...base,
    eventId: 'ev-6',
    type: 'archived',
    occurredAt: '2026-11-22T09:00:00Z',
    parties: [{ externalPartyId: 'P-77', name: 'Jana Novak', consent: { sms: false } }],
  });
  assert.equal(w.statusCode, 201, w.body);
  const rows = await messagesOf(h, w.json().caseId);
  assert.ok(!rows.some((m) => m.kind === 'archived'), 'nothing is written once consent is withdrawn');
});

test('bad input and wrong tokens are refused', async () => {
  const other = (await createApiToken(h.ctx, SYSTEM_ACTOR, { name: 'reader', userId: h.m.users.registry!.id, scopes: ['cases:read', 'cases:write'] })).token;
  assert.equal((await post({ ...first, eventId: 'x-1' }, other)).statusCode, 403, 'a token without registry:events');
  const registry = await h.login('registry');
  assert.equal(
    (await h.call({ method: 'POST', url: '/api/v1/integrations/registry-events', as: registry, payload: { ...first, eventId: 'x-2' } })).statusCode,
    403,
    'a browser session',
  );
  const bad = await post({ ...first, externalCaseId: 'V-2', eventId: 'x-3', parties: [{ name: 'X', phone: 'abc' }] });
  assert.equal(bad.statusCode, 400);
  // Worded in the caller's language (the catalogue's detail.bad_phone), naming the value and the field.
  assert.match(bad.json().error.message, /„abc“ nije ispravan broj mobilnog telefona/);
  assert.equal(bad.json().error.details?.field, 'parties.0.phone');
  const none = await post({ ...first, externalCaseId: 'V-3', eventId: 'x-4', parties: [] });
  assert.equal(none.statusCode, 400);
  assert.match(none.json().error.message, /prvi događaj predmeta mora navesti njegove stranke/);
  assert.equal(none.json().error.details?.field, 'parties');
});

test('the registry contract (issue 14, item 9): each kind names its data, the message uses it, and an invalid event is refused before anything is written', async () => {
  const c = { externalSystem: 'vopi', externalCaseId: 'V-2002', caseNumber: '35200-1/2026-7', subject: 'Zahtjev', occurredAt: '2026-11-22T09:00:00Z' };
  const mirrors = async () => (await h.ctx.db.selectFrom('cases').select('id').where('external_id', '=', 'V-2002').execute()).length;
  const parties = async () => (await h.ctx.db.selectFrom('parties').select('id').where('name', '=', 'Petra Registrić').execute()).length;
  // An invalid first event: no mirror, no party, no contacts left behind.
  const bad = await post({
    ...c,
    eventId: 'c-1',
    type: 'assigned',
    data: {},
    parties: [{ externalPartyId: 'P-90', name: 'Petra Registrić', phone: '+38640333444', consent: { sms: true } }],
  });
  assert.equal(bad.statusCode, 400, bad.body);
  assert.match(bad.body, /data\.clerk, data\.unit/);
  assert.deepEqual([await mirrors(), await parties()], [0, 0]);
  const badDate = await post({
    ...c,
    eventId: 'c-1b',
    type: 'registered',
    data: { deadline: 'sutra' },
    parties: [{ name: 'Petra Registrić', phone: '+38640333444' }],
  });
  assert.equal(badDate.statusCode, 400, badDate.body);
  assert.deepEqual([await mirrors(), await parties()], [0, 0]);

  const ok = await post({
    ...c,
    eventId: 'c-2',
    type: 'registered',
    parties: [{ externalPartyId: 'P-90', name: 'Petra Registrić', phone: '+38640333444', locale: 'hr', consent: { sms: true } }],
  });
  assert.equal(ok.statusCode, 201, ok.body);
  await h.smsc.waitFor((m) => m.destination === '38640333444' && m.text.includes('35200-1/2026-7'), 5000);

  // data.clerk alone: the message names the clerk, never "sada vodi: ."
  const assigned = await post({ ...c, eventId: 'c-3', type: 'assigned', occurredAt: '2026-11-22T10:00:00Z', data: { clerk: 'Ivana Horvat' } });
  assert.equal(assigned.statusCode, 201, assigned.body);
  const sms = await h.smsc.waitFor((m) => m.destination === '38640333444' && m.text.includes('sada vodi'), 5000);
  assert.ok(sms.text.includes('sada vodi: Ivana Horvat.'), sms.text);

  // A later event names the party's language (Slovenian) and a new e-mail: the mirrored party follows, audited.
  const later = await post({
    ...c,
    eventId: 'c-4',
    type: 'opinion_requested',
    occurredAt: '2026-11-22T11:00:00Z',
    data: { awaitingInstitution: 'Zavod za varstvo kulturne dediščine' },
    parties: [{ externalPartyId: 'P-90', name: 'Petra Registrić', email: 'petra@example.org', locale: 'sl' }],
  });
  assert.equal(later.statusCode, 201, later.body);
  const party = await h.ctx.db.selectFrom('parties').select(['id', 'locale', 'email', 'phone']).where('name', '=', 'Petra Registrić').executeTakeFirstOrThrow();
  assert.deepEqual([party.locale, party.email, party.phone], ['sl', 'petra@example.org', '+38640333444']);
  const opinion = await h.smsc.waitFor((m) => m.destination === '38640333444' && m.text.includes('Zavod za varstvo'), 5000);
  assert.match(opinion.text, /Zadeva|zadev/i, 'in Slovenian now');
  const audit = await h.ctx.db
    .selectFrom('audit_log')
    .select('action')
    .where('entity_id', '=', party.id)
    .where('action', '=', 'registry_party_update')
    .execute();
  assert.equal(audit.length, 1);
  const missing = await post({ ...c, eventId: 'c-5', type: 'accepted', occurredAt: '2026-11-22T12:00:00Z', data: { unit: 'Odjel' } });
  assert.equal(missing.statusCode, 400, 'accepted names the clerk');
});
