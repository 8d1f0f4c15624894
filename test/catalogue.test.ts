import { test } from 'node:test';
import assert from 'node:assert/strict';
// The assembled catalogue: the ground floor's messages and every room's table (src/catalogue.ts).
import '../src/catalogue.ts';
import { HANDWRITTEN_LOCALES, MESSAGE_KEYS, format, labels, messageEntry, t } from '../src/i18n/catalog.ts';
import type { MessageKey } from '../src/i18n/catalog.ts';
import { LOCALES } from '../src/i18n/locales.ts';
import { latToCyr } from '../src/i18n/transliterate.ts';

const REQUIRED: Record<string, readonly string[]> = {
  status: [
    'received',
    'delivered',
    'accepted',
    'in_progress',
    'awaiting_opinion',
    'incomplete',
    'approved',
    'rejected',
    'dismissed',
    'suspended',
    'resolved',
    'appeal_received',
    'returned_to_registry',
    'archived',
  ],
  channel: ['counter', 'web', 'phone', 'sms', 'email', 'viber', 'post', 'api'],
  unitKind: ['registry_office', 'department', 'public_enterprise', 'inspection', 'external_institution'],
  role: ['registry_clerk', 'case_officer', 'unit_head', 'operator', 'admin', 'leadership', 'citizen'],
  event: [
    'case.registered',
    'case.status_changed',
    'case.assigned',
    'case.delivered',
    'case.accepted',
    'case.opinion_requested',
    'case.opinion_received',
    'case.classified',
    'case.note_added',
    'case.document_added',
    'case.appeal_received',
    'case.returned_to_registry',
    'case.archived',
    'case.party_added',
    'case.rerouted',
    'case.merged',
    'case.response_given',
    'case.deadline_set',
    'case.escalated',
    'case.field_result',
    'case.cost_recorded',
    'case.external_event',
  ],
  error: [
    'validation',
    'malformed_json',
    'not_found',
    'unauthorized',
    'forbidden',
    'csrf',
    'invalid_transition',
    'no_transitions',
    'conflict',
    'too_many_requests',
    'login_failed',
    'payload_too_large',
    'unsupported_media_type',
    'internal',
    'field_required',
    'unknown_unit',
    'unknown_user',
    'unknown_case_type',
    'report_closed',
  ],
  ui: [
    'sign_in',
    'sign_out',
    'username',
    'password',
    'case_number',
    'tracking_code',
    'status',
    'unit',
    'clerk',
    'subject',
    'description',
    'date',
    'save',
    'cancel',
    'search',
    'history',
    'documents',
    'language',
  ],
};

const placeholders = (s: string): string[] => [...new Set([...s.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1] ?? ''))].sort();

test('the catalogue has every required key', () => {
  const keys = new Set<string>(MESSAGE_KEYS);
  for (const [group, codes] of Object.entries(REQUIRED)) {
    for (const code of codes) assert.ok(keys.has(`${group}.${code}`), `missing ${group}.${code}`);
  }
});

test('every key has non-empty text in all six hand-written locales and no others', () => {
  assert.deepEqual([...HANDWRITTEN_LOCALES], ['sr-Latn', 'bs', 'hr', 'cnr', 'sl', 'en']);
  for (const key of MESSAGE_KEYS) {
    const entry: Record<string, string> = messageEntry(key)!;
    assert.deepEqual(Object.keys(entry).sort(), [...HANDWRITTEN_LOCALES].sort(), key);
    for (const locale of HANDWRITTEN_LOCALES) {
      const text = entry[locale] ?? '';
      assert.ok(text.trim().length > 0, `${key} is empty in ${locale}`);
      assert.equal(text, text.trim(), `${key} has stray whitespace in ${locale}`);
    }
  }
});

test('every locale of a key uses the same placeholders', () => {
  for (const key of MESSAGE_KEYS) {
    const all = labels(key);
    const expected = placeholders(all.en);
    for (const locale of LOCALES) {
      assert.deepEqual(placeholders(all[locale]), expected, `${key} in ${locale}`);
    }
  }
});

test('sr-Cyrl is derived from sr-Latn and contains no Latin letters outside placeholders', () => {
  for (const key of MESSAGE_KEYS) {
    const cyr = t('sr-Cyrl', key);
    assert.equal(cyr, latToCyr(messageEntry(key)!['sr-Latn']), key);
    assert.doesNotMatch(cyr.replace(/\{[^{}]*\}/g, ''), /[A-Za-zčćđšžČĆĐŠŽ]/, key);
  }
  assert.equal(t('sr-Cyrl', 'status.received'), 'Примљен у писарници');
  assert.equal(t('sr-Cyrl', 'unitKind.department'), 'Одељење');
});

test('t fills placeholders in the requested locale', () => {
  assert.equal(
    t('en', 'error.invalid_transition', { from: 'received', to: 'archived', allowed: 'delivered' }),
    'A case in status received cannot move to archived. Allowed: delivered.',
  );
  assert.equal(t('sr-Cyrl', 'error.too_many_requests', { seconds: 30 }), 'Превише покушаја; покушајте поново за 30 с.');
  assert.equal(t('hr', 'error.field_required', { field: 'Opis' }), 'Polje Opis je obvezno.');
  assert.equal(t('sl', 'error.payload_too_large', { limit: '10 MB' }), 'Datoteka je prevelika; največja dovoljena velikost je 10 MB.');
});

test('t leaves a placeholder visible when its param is missing and never throws', () => {
  assert.equal(t('en', 'error.too_many_requests'), 'Too many attempts; try again in {seconds} s.');
  assert.equal(t('en', 'error.invalid_transition', { from: 'resolved' }), 'A case in status resolved cannot move to {to}. Allowed: {allowed}.');
  assert.equal(t('en', 'no.such.key' as MessageKey), 'no.such.key');
  assert.equal(t('de' as never, 'ui.save'), 'Sačuvaj');
});

test('param values are inserted verbatim and not expanded again', () => {
  assert.equal(t('sr-Cyrl', 'error.validation', { detail: 'polje {x} https://a.rs' }), 'Унети подаци нису исправни: polje {x} https://a.rs');
  assert.equal(format('{a}{b}', { a: '{b}', b: 'B' }), '{b}B');
  assert.equal(format('{constructor}', {}), '{constructor}');
});

test('labels returns the text of a key in all seven locales', () => {
  const all = labels('ui.save');
  assert.deepEqual(Object.keys(all), [...LOCALES]);
  assert.deepEqual(all, {
    'sr-Latn': 'Sačuvaj',
    'sr-Cyrl': 'Сачувај',
    bs: 'Sačuvaj',
    hr: 'Spremi',
    cnr: 'Sačuvaj',
    sl: 'Shrani',
    en: 'Save',
  });
});
