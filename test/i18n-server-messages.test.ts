/**
 * Server messages people meet are in their language (issue 13): schema errors name the rule and the
 * allowed values in Slovenian, Serbian Latin and Cyrillic, and the refusals that were English
 * (consent without a contact, an unknown template placeholder) are worded from the catalogue.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, newCaseBody, type TestApp, type Session } from './helpers/app.ts';

let app: TestApp;
let registry: Session;

before(async () => {
  app = await startTestApp();
  registry = await app.login('registry');
});
after(async () => {
  await app.close();
});

const ENGLISH = /\b(?:must|equal|allowed values|the party|has no|before recording|is required|unknown placeholder)\b/i;

async function badChannel(lang: string) {
  const r = await app.call({
    method: 'POST',
    url: '/api/v1/cases',
    as: registry,
    payload: newCaseBody(app.m, { channel: 'pigeon' }),
    headers: { 'accept-language': lang },
  });
  assert.equal(r.statusCode, 400, r.body);
  return r.json().error as { code: string; message: string; details?: { field?: string } };
}

test('a value outside a list is refused in the user language, naming the field and the allowed values', async () => {
  const sl = await badChannel('sl');
  assert.equal(sl.code, 'validation');
  assert.match(sl.message, /body\.channel mora biti ena od dovoljenih vrednosti: .*"counter"/);
  assert.doesNotMatch(sl.message, ENGLISH);
  const sr = await badChannel('sr-Latn');
  assert.match(sr.message, /body\.channel mora biti jedna od dozvoljenih vrednosti: .*"counter".*"web"/);
  const cyr = await badChannel('sr-Cyrl');
  assert.match(cyr.message, /body\.channel мора бити једна од дозвољених вредности: .*"counter"/);
  const en = await badChannel('en');
  assert.match(en.message, /body\.channel must be one of the allowed values: .*"counter"/);
});

test('a missing field and text that is too long are named in the user language', async () => {
  const missing = await app.call({
    method: 'POST',
    url: '/api/v1/cases',
    as: registry,
    payload: newCaseBody(app.m, { subject: undefined }),
    headers: { 'accept-language': 'hr' },
  });
  assert.equal(missing.statusCode, 400);
  assert.match(missing.json().error.message, /polje body\.subject je obvezno/);
  const wrongType = await app.call({
    method: 'POST',
    url: '/api/v1/cases',
    as: registry,
    payload: newCaseBody(app.m, { subject: 42 }),
    headers: { 'accept-language': 'sr-Latn' },
  });
  assert.match(wrongType.json().error.message, /body\.subject mora biti tekst/);
});

test('consent to SMS for a party without a mobile number is refused in Serbian and Slovenian', async () => {
  const r = await app.call({
    method: 'POST',
    url: '/api/v1/cases',
    as: registry,
    payload: newCaseBody(app.m, { parties: [{ name: 'Milica Milić', email: 'milica@example.org' }] }),
  });
  assert.equal(r.statusCode, 201, r.body);
  const partyId = (r.json() as { partyIds: string[] }).partyIds[0];
  const give = (lang: string) =>
    app.call({
      method: 'POST',
      url: `/api/v1/parties/${partyId}/consents`,
      as: registry,
      payload: { channel: 'sms', action: 'given', method: 'written_application' },
      headers: { 'accept-language': lang },
    });
  const sr = await give('sr-Latn');
  assert.equal(sr.statusCode, 400, sr.body);
  assert.match(sr.json().error.message, /stranka nema broj mobilnog telefona; dodajte ga pre nego što zabeležite saglasnost/);
  const sl = await give('sl');
  assert.match(sl.json().error.message, /stranka nima številke mobilnega telefona/);
  assert.doesNotMatch(sl.json().error.message, ENGLISH);
});

test('a page Glas renders follows the language chosen in the app (its cookie), not the browser; ?lang= still overrides', async () => {
  const page = async (url: string, headers: Record<string, string>) => {
    const r = await app.call({ method: 'GET', url, headers });
    assert.equal(r.statusCode, 200, r.body.slice(0, 300));
    return r.body;
  };
  const chosen = await page('/reports/definitions', { cookie: 'glas_lang=sl', 'accept-language': 'en' });
  assert.match(chosen, /Kako računamo številke/);
  assert.match(chosen, /<html lang="sl"/);
  const cyrillic = await page('/reports/definitions', { cookie: 'glas_lang=sr-Cyrl', 'accept-language': 'en' });
  assert.match(cyrillic, /lang="sr-Cyrl"/);
  const overridden = await page('/reports/definitions?lang=en', { cookie: 'glas_lang=sl' });
  assert.match(overridden, /<html lang="en"/);
  // A cookie that names no language of ours is ignored, not an error.
  assert.match(await page('/reports/definitions', { cookie: 'glas_lang=xx', 'accept-language': 'hr' }), /<html lang="hr"/);
});

test('a staff member saves the language chosen in the app; Glas then speaks it to them without a browser hint', async () => {
  const clerk = await app.login('registry');
  const saved = await app.call({ method: 'PUT', url: '/api/v1/me/locale', as: clerk, payload: { locale: 'sl' } });
  assert.equal(saved.statusCode, 200, saved.body);
  const row = await app.ctx.db.selectFrom('users').select('locale').where('username', '=', 'registry').executeTakeFirstOrThrow();
  assert.equal(row.locale, 'sl');
  const err = await app.call({ method: 'POST', url: '/api/v1/cases', as: clerk, payload: newCaseBody(app.m, { channel: 'pigeon' }) });
  assert.match(err.json().error.message, /mora biti ena od dovoljenih vrednosti/);
  const bad = await app.call({ method: 'PUT', url: '/api/v1/me/locale', as: clerk, payload: { locale: 'de' } });
  assert.equal(bad.statusCode, 400);
  await app.call({ method: 'PUT', url: '/api/v1/me/locale', as: clerk, payload: { locale: 'sr-Latn' } });
});
