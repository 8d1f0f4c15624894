import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type Session, type TestApp } from '../helpers/app.ts';

// Issue 14, item 7: at the counter the clerk records Viber consent with the Viber number and prints the consent statement.
let t: TestApp;
let registry: Session;
let c: { id: string; number: string; partyIds: string[] };

before(async () => {
  t = await startTestApp({ GLAS_VIBER_CHAT_URI: 'opstinademo' });
  registry = await t.login('registry');
  const r = await t.call({
    method: 'POST',
    url: '/api/v1/notifications/registrations',
    as: registry,
    payload: {
      caseTypeId: t.m.caseType.id,
      subject: 'Zahtev za upis',
      channel: 'counter',
      parties: [{ name: 'Zorana Ćirić', phone: '064 555 1212', locale: 'sr-Cyrl', consent: { channels: ['sms'] } }],
    },
  });
  assert.equal(r.statusCode, 201, r.body);
  c = r.json();
});
after(async () => {
  await t?.close();
});

test('the clerk records Viber consent with the Viber number (signed at the counter, audited), and nothing goes by Viber until the citizen links their Viber user', async () => {
  const partyId = c.partyIds[0]!;
  const bad = await t.call({ method: 'POST', url: `/api/v1/parties/${partyId}/viber-consent`, as: registry, payload: { viberPhone: 'nema' } });
  assert.equal(bad.statusCode, 400, bad.body);
  const r = await t.call({ method: 'POST', url: `/api/v1/parties/${partyId}/viber-consent`, as: registry, payload: { viberPhone: '065 555 1313' } });
  assert.equal(r.statusCode, 201, r.body);
  const row = await t.ctx.db
    .selectFrom('notification_consents')
    .selectAll()
    .where('party_id', '=', partyId)
    .where('channel', '=', 'viber')
    .executeTakeFirstOrThrow();
  assert.deepEqual([row.action, row.method, row.address, row.text_version], ['given', 'counter_signed', '+381655551313', t.ctx.config.consentTextVersion]);
  const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', partyId).where('action', '=', 'consent_given').execute();
  assert.equal(audit.length, 2, 'SMS at registration, Viber now');
  const prefs = await t.ctx.db.selectFrom('party_notification_preferences').select('viber_user_id').where('party_id', '=', partyId).executeTakeFirst();
  assert.equal(prefs?.viber_user_id ?? null, null, 'no Viber user until the QR code is followed');
  assert.equal(
    (await t.call({ method: 'POST', url: `/api/v1/parties/${partyId}/viber-consent`, as: registry, payload: { viberPhone: '065 555 1313' } })).statusCode,
    200,
    'again: unchanged',
  );
});

test("the consent statement is a PDF in the party's language and script with a fresh one-time Viber link for the QR code; closed to citizens and to cases out of scope", async () => {
  const partyId = c.partyIds[0]!;
  const before = (await t.ctx.db.selectFrom('viber_link_tokens').select('token_hash').where('party_id', '=', partyId).execute()).length;
  const r = await t.call({ method: 'GET', url: `/api/v1/parties/${partyId}/consent-statement.pdf?caseId=${c.id}`, as: registry });
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(r.headers['content-type'], 'application/pdf');
  const pdf = r.rawPayload.toString('latin1');
  assert.ok(pdf.startsWith('%PDF-'));
  assert.match(pdf, /\/Lang \(sr-Cyrl\)/, 'in Serbian Cyrillic, as the party reads');
  assert.match(pdf, /DejaVuSans/, 'the font that prints č, ć, đ and Cyrillic is embedded');
  const after = (await t.ctx.db.selectFrom('viber_link_tokens').select(['token_hash', 'created_by']).where('party_id', '=', partyId).execute()).length;
  assert.equal(after, before + 1, 'each print carries its own one-time link');

  const other = await t.call({
    method: 'GET',
    url: `/api/v1/parties/${partyId}/consent-statement.pdf?caseId=00000000-0000-0000-0000-000000000000`,
    as: registry,
  });
  assert.equal(other.statusCode, 404);
  assert.equal((await t.call({ method: 'GET', url: `/api/v1/parties/${partyId}/consent-statement.pdf` })).statusCode, 401);
});
