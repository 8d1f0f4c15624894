/**
 * An installation's own wording (issue 13 item 3): an administrator changes a message, versioned and
 * checked; the next screen (an API answer) and the next message Glas sends use it in Latin and in
 * Cyrillic; a language file is exported and imported whole or not at all.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp, type Session } from './helpers/app.ts';
import { MESSAGE_FILES, setMessageOverrides, t } from '../src/i18n/catalog.ts';

let app: TestApp;
let admin: Session;

before(async () => {
  // SMS is on, so codes are queued in the outbox; no worker runs here, so nothing is sent.
  app = await startTestApp({ GLAS_SMPP_HOST: '127.0.0.1', GLAS_SMPP_PORT: '9', GLAS_SMPP_SYSTEM_ID: 'glas', GLAS_SMPP_PASSWORD: 'secret' });
  admin = await app.login('admin');
});
after(async () => {
  setMessageOverrides({});
  await app.close();
});

const put = (key: string, locale: string, text: string | null, as: Session = admin) =>
  app.call({ method: 'PUT', url: `/api/v1/messages/${encodeURIComponent(key)}/${locale}`, as, payload: { text } });

test('a changed message is used for the next answer and the next SMS, in Latin and Cyrillic; versions are kept and the shipped text can come back', async () => {
  const saved = await put('citizens.sms_sign_up_code', 'sr-Latn', '{municipality}: vaš kod za portal je {code} (važi 10 minuta).');
  assert.equal(saved.statusCode, 200, saved.body);
  assert.equal(saved.json().version, 1);

  const code = await app.call({ method: 'POST', url: '/api/v1/portal/codes', payload: { phone: '064 555 1234', name: 'Vesna Vesić', locale: 'sr-Cyrl' } });
  assert.equal(code.statusCode, 202, code.body);
  const sms = await app.ctx.db
    .selectFrom('notification_messages')
    .select(['body', 'redacted', 'recipient'])
    .where('kind', '=', 'sign_up')
    .executeTakeFirstOrThrow();
  assert.match(sms.redacted ?? '', /^Општина Демо: ваш код за портал је \*{6} \(важи 10 минута\)\.$/);

  // The error a screen shows, in Latin and derived Cyrillic.
  assert.equal((await put('error.not_found', 'sr-Latn', 'Nema toga ovde.')).statusCode, 200);
  const latin = await app.call({ method: 'GET', url: '/api/v1/nothing-here', headers: { 'accept-language': 'sr-Latn' } });
  assert.equal(latin.json().error.message, 'Nema toga ovde.');
  const cyrillic = await app.call({ method: 'GET', url: '/api/v1/nothing-here', headers: { 'accept-language': 'sr-Cyrl' } });
  assert.equal(cyrillic.json().error.message, 'Нема тога овде.');
  // The web app reads the same wording.
  const pub = await app.call({ method: 'GET', url: '/api/v1/public/message-overrides' });
  assert.equal(pub.json().overrides['sr-Latn']['error.not_found'], 'Nema toga ovde.');

  assert.equal((await put('error.not_found', 'sr-Latn', 'Toga nema.')).json().version, 2);
  assert.equal((await put('error.not_found', 'sr-Latn', null)).json().version, 3);
  assert.equal(t('sr-Latn', 'error.not_found'), MESSAGE_FILES['sr-Latn']?.['error.not_found']);
  const versions = await app.call({ method: 'GET', url: '/api/v1/messages/error.not_found/versions', as: admin });
  assert.deepEqual(
    versions.json().items.map((v: { version: number; text: string | null }) => [v.version, v.text]),
    [
      [3, null],
      [2, 'Toga nema.'],
      [1, 'Nema toga ovde.'],
    ],
  );
  const back = await app.call({ method: 'GET', url: '/api/v1/nothing-here', headers: { 'accept-language': 'sr-Latn' } });
  assert.notEqual(back.json().error.message, 'Toga nema.');
});

test('a wording that drops a placeholder, breaks the syntax or lacks a plural form is refused, saying why in the admin language', async () => {
  const dropped = await put('citizens.sms_sign_up_code', 'sl', 'Vaša koda je pripravljena.');
  assert.equal(dropped.statusCode, 400);
  assert.match(dropped.json().error.message, /\{code\}/);
  const broken = await put('ui.save', 'en', 'Save {');
  assert.equal(broken.statusCode, 400);
  assert.match(broken.json().error.message, /ICU MessageFormat/);
  const plural = await put('reports.received_sentence', 'sl', '{n, plural, one {# prijava} other {# prijav}}.');
  assert.equal(plural.statusCode, 400);
  assert.match(plural.json().error.message, /two, few|few, two/);
  const clerk = await app.login('registry');
  assert.equal((await put('ui.save', 'en', 'Store', clerk)).statusCode, 403);
});

test('a language file is exported as in force and imported whole or not at all', async () => {
  assert.equal((await put('ui.cancel', 'hr', 'Odustani od toga')).statusCode, 200);
  const exported = await app.call({ method: 'GET', url: '/api/v1/messages/files/hr', as: admin });
  assert.equal(exported.statusCode, 200);
  assert.match(String(exported.headers['content-disposition']), /hr\.json/);
  const file = exported.json() as Record<string, string>;
  assert.equal(file['ui.cancel'], 'Odustani od toga');
  assert.ok(Object.keys(file).length > 800);

  const bad = await app.call({
    method: 'PUT',
    url: '/api/v1/messages/files/hr',
    as: admin,
    payload: { ...file, 'ui.save': 'Spremi {', 'ui.search': 'Traži sve' },
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().error.message, /ui\.save/);
  assert.notEqual(t('hr', 'ui.search'), 'Traži sve', 'nothing of a refused file is taken');

  const unknown = await app.call({ method: 'PUT', url: '/api/v1/messages/files/hr', as: admin, payload: { 'no.such.key': 'x' } });
  assert.equal(unknown.statusCode, 400);

  const ok = await app.call({ method: 'PUT', url: '/api/v1/messages/files/hr', as: admin, payload: { ...file, 'ui.search': 'Traži sve' } });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.deepEqual(ok.json(), { locale: 'hr', changed: 1, unchanged: Object.keys(file).length - 1 });
  assert.equal(t('hr', 'ui.search'), 'Traži sve');
});
