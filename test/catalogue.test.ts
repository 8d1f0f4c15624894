/**
 * The check of the catalogue (locales/<locale>.json, issue 13): every key in every handwritten
 * language, the same arguments, valid ICU syntax, the plural forms each language needs, Cyrillic with
 * no Latin left, and no English in a Serbian or Slovenian message.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { parse, TYPE } from '@formatjs/icu-messageformat-parser';
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import '../src/catalogue.ts';
import {
  HANDWRITTEN_LOCALES,
  MESSAGE_FILES,
  MESSAGE_KEYS,
  SR_CYRL_FILE,
  icuLatToCyr,
  labels,
  messageSource,
  setMessageOverrides,
  t,
} from '../src/i18n/catalog.ts';
import type { MessageKey } from '../src/i18n/catalog.ts';
import { INTL_LOCALE, LOCALES } from '../src/i18n/locales.ts';
import { actorLabel } from '../src/i18n/names.ts';
import { EVENT_TYPES } from '../src/cases/domain/event-types.ts';
import type { Locale } from '../src/i18n/locales.ts';

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

/** Each argument of a message with its kind (argument, plural, select, number, date, time). */
function argumentsOf(ast: readonly MessageFormatElement[], into = new Map<string, string>()): Map<string, string> {
  for (const el of ast) {
    if (el.type === TYPE.argument) into.set(el.value, into.get(el.value) ?? 'argument');
    else if (el.type === TYPE.plural) into.set(el.value, 'plural');
    else if (el.type === TYPE.select) into.set(el.value, 'select');
    else if (el.type === TYPE.number) into.set(el.value, into.get(el.value) === 'plural' ? 'plural' : 'number');
    else if (el.type === TYPE.date) into.set(el.value, 'date');
    else if (el.type === TYPE.time) into.set(el.value, 'time');
    if (el.type === TYPE.plural || el.type === TYPE.select) for (const o of Object.values(el.options)) argumentsOf(o.value, into);
  }
  return into;
}

function pluralsOf(ast: readonly MessageFormatElement[], into: { name: string; forms: string[] }[] = []) {
  for (const el of ast) {
    if (el.type === TYPE.plural) into.push({ name: el.value, forms: Object.keys(el.options) });
    if (el.type === TYPE.plural || el.type === TYPE.select) for (const o of Object.values(el.options)) pluralsOf(o.value, into);
  }
  return into;
}

const ast = (locale: Locale, key: string) => parse(messageSource(locale, key) ?? '', { ignoreTag: true });

test('the catalogue has every required key', () => {
  const keys = new Set<string>(MESSAGE_KEYS);
  for (const [group, codes] of Object.entries(REQUIRED)) {
    for (const code of codes) assert.ok(keys.has(`${group}.${code}`), `missing ${group}.${code}`);
  }
});

test('every handwritten file has exactly the keys of sr-Latn, each with non-empty text', () => {
  assert.deepEqual([...HANDWRITTEN_LOCALES], ['sr-Latn', 'bs', 'hr', 'cnr', 'sl', 'en']);
  assert.ok(MESSAGE_KEYS.length > 800);
  for (const locale of HANDWRITTEN_LOCALES) {
    const file = MESSAGE_FILES[locale];
    assert.ok(file, `locales/${locale}.json is loaded on the server`);
    assert.deepEqual(Object.keys(file).sort(), [...MESSAGE_KEYS].sort(), `keys of locales/${locale}.json`);
    for (const key of MESSAGE_KEYS) {
      const text: string = file[key] ?? '';
      assert.equal(typeof text, 'string', `${key} in ${locale}`);
      assert.ok(text.trim().length > 0, `${key} is empty in ${locale}`);
      assert.equal(text, text.trim(), `${key} has stray whitespace in ${locale}`);
    }
  }
  for (const key of Object.keys(SR_CYRL_FILE)) assert.ok(MESSAGE_KEYS.includes(key as MessageKey), `sr-Cyrl.overrides.json has ${key}, which is no key`);
});

test('every message is valid ICU MessageFormat in every locale, sr-Cyrl included', () => {
  for (const locale of LOCALES) {
    for (const key of MESSAGE_KEYS) assert.doesNotThrow(() => ast(locale, key), `${key} in ${locale}: ${messageSource(locale, key)}`);
  }
});

test('every locale of a key takes the same arguments, of the same kind', () => {
  for (const key of MESSAGE_KEYS) {
    const expected = argumentsOf(ast('sr-Latn', key));
    for (const locale of LOCALES) {
      const got = argumentsOf(ast(locale, key));
      assert.deepEqual([...got.keys()].sort(), [...expected.keys()].sort(), `${key}: arguments in ${locale}`);
      // A count is a plural in every language that has forms for it; a plain `{n}` next to a plural elsewhere is a missed form.
      for (const [name, kind] of expected)
        if (kind === 'plural') assert.equal(got.get(name), 'plural', `${key}: {${name}} is a plural in sr-Latn but not in ${locale}`);
    }
  }
});

test('every plural has exactly the CLDR forms its language needs', () => {
  let plurals = 0;
  for (const locale of LOCALES) {
    const needed = new Intl.PluralRules(INTL_LOCALE[locale]).resolvedOptions().pluralCategories.slice().sort();
    for (const key of MESSAGE_KEYS) {
      for (const p of pluralsOf(ast(locale, key))) {
        plurals++;
        const forms = p.forms.filter((f) => !f.startsWith('=')).sort();
        assert.deepEqual(forms, needed, `${key} {${p.name}} in ${locale}`);
      }
    }
  }
  assert.ok(plurals > 0, 'the catalogue has plural messages');
  assert.deepEqual(new Intl.PluralRules(INTL_LOCALE.sl).resolvedOptions().pluralCategories.slice().sort(), ['few', 'one', 'other', 'two']);
  assert.deepEqual(new Intl.PluralRules(INTL_LOCALE.cnr).resolvedOptions().pluralCategories.slice().sort(), ['few', 'one', 'other']);
});

/** Every way a message can read: each plural at counts that reach each form, each select option. */
function renderings(locale: Locale, key: MessageKey): string[] {
  const args = argumentsOf(ast(locale, key));
  const selects = new Map<string, string[]>();
  const walk = (els: readonly MessageFormatElement[]) => {
    for (const el of els) {
      if (el.type === TYPE.select) selects.set(el.value, Object.keys(el.options));
      if (el.type === TYPE.plural || el.type === TYPE.select) for (const o of Object.values(el.options)) walk(o.value);
    }
  };
  walk(ast(locale, key));
  const out: string[] = [];
  for (const count of [0, 1, 2, 3, 5, 11, 21, 101, 102]) {
    const rounds = Math.max(1, ...[...selects.values()].map((v) => v.length));
    for (let r = 0; r < rounds; r++) {
      const params: Record<string, string | number> = {};
      for (const [name, kind] of args) {
        if (kind === 'plural' || kind === 'number') params[name] = count;
        else if (kind === 'select') {
          // The `other` form is reached by a value no option names (it may show the value: a code).
          const option = selects.get(name)?.[r % (selects.get(name)?.length ?? 1)] ?? 'other';
          params[name] = option === 'other' ? '\u00a7' : option;
        } else params[name] = '\u00a7';
      }
      out.push(t(locale, key, params));
    }
    if (![...args.values()].some((k) => k === 'plural' || k === 'number')) break;
  }
  return out;
}

test('sr-Cyrl is derived from sr-Latn and has no Latin letters outside arguments, URLs and codes', () => {
  for (const key of MESSAGE_KEYS) {
    for (const text of renderings('sr-Cyrl', key)) {
      const latin =
        text
          .replace(/\b[A-Za-z0-9]*_[A-Za-z0-9_]*\b/g, ' ')
          .replace(/\b(?:https?:\/\/|www\.)\S+|\S+@\S+|\b[\w-]+\.(?:rs|ba|me|hr|si|example)\b\S*/g, '')
          .match(/[A-Za-zčćđšžČĆĐŠŽ]+/g) ?? [];
      const unexpected = latin.filter((w) => !CODES.has(w));
      assert.deepEqual(unexpected, [], `${key} in sr-Cyrl: ${text}`);
    }
  }
  assert.equal(t('sr-Cyrl', 'status.received'), 'Примљен у писарници');
  assert.equal(t('sr-Cyrl', 'unitKind.department'), 'Одељење');
});

/**
 * Proper names, brands, codes and units that are the same in every language. Anything else in a
 * Serbian or Slovenian message that reads as English fails the check below.
 */
const CODES = new Set([
  'SMS',
  'Viber',
  'PDF',
  'XLSX',
  'CSV',
  'JSON',
  'API',
  'URL',
  'ID',
  'IMAP',
  'SMTP',
  'SMPP',
  'TOTP',
  'Open311',
  'GPS',
  'OK',
  'QR',
  'Sistem',
  'S48',
  'UP',
  'PIS',
  'WGS84',
  'OSM',
  'OpenStreetMap',
  'Leaflet',
  'Glas',
  'IBAN',
  'PIB',
  'JMBG',
  'EMŠO',
  'OIB',
  'MB',
  'h',
  'min',
  's',
  'm',
  'km',
  'MB',
  'KB',
  'GB',
  'px',
  'HTTP',
  'HTTPS',
  'UTF',
  'www',
  'e',
  'x',
  'y',
]);
/** Words that are English and no word of Serbian, Bosnian, Croatian, Montenegrin or Slovenian. */
const ENGLISH = new Set(
  (
    'the and of is are not must be has have with for your you this that please from was were will can an at by ' +
    'which there their been should would could into than then when where who what why how been any all each other ' +
    'case cases report reports request requests message messages unit clerk officer citizen received sent ' +
    'delivered open closed new save cancel search sign password user name number day days hour hours week ' +
    'send add remove edit delete back next yes error required allowed unknown missing field value values ' +
    'phone email address description subject category categories photo photos map settings language select choose click'
  ).split(' '),
);

function englishWords(text: string): string[] {
  // Codes of an API (service_request_id, start_date) are names, not words.
  const plain = text
    .replace(/\u00a7/g, ' ')
    .replace(/\b[A-Za-z0-9]*_[A-Za-z0-9_]*\b/g, ' ')
    .replace(/\b(?:https?:\/\/|www\.)\S+|\S+@\S+|\b[\w-]+\.(?:rs|ba|me|hr|si|example)\b\S*/g, ' ');
  const words = plain.match(/[\p{L}]+/gu) ?? [];
  return words.filter((w) => !CODES.has(w) && (ENGLISH.has(w.toLowerCase()) || (/[wqxy]/i.test(w) && !CODES.has(w))));
}

test('no message reads as English in Serbian or Slovenian (every key, every plural and select form)', () => {
  const found: string[] = [];
  for (const locale of ['sr-Latn', 'sl'] as const) {
    for (const key of MESSAGE_KEYS) {
      for (const text of renderings(locale, key)) {
        const english = englishWords(text);
        if (english.length > 0) found.push(`${locale} ${key}: ${english.join(', ')} in "${text}"`);
      }
    }
  }
  assert.deepEqual([...new Set(found)], []);
});

test('the English check finds English', () => {
  assert.deepEqual(englishWords('Received by the clerk in the deciding body'), ['Received', 'by', 'the', 'clerk', 'the', 'body']);
  assert.deepEqual(englishWords('Web form'), ['Web']);
  assert.deepEqual(englishWords('Prijava je primljena, pogledajte https://glas.example/x i pišite na a@b.rs (SMS, Viber)'), []);
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
  assert.equal(t('en', 'error.field_required', { field: '{field}' }), '{field} is required.');
  assert.equal(t('en', 'error.field_required', {}), '{field} is required.');
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

test('an installation override takes effect at once, in Latin and in Cyrillic derived from it', () => {
  try {
    setMessageOverrides({ 'sr-Latn': { 'ui.save': 'Zapamti' }, sl: { 'ui.save': 'Shrani spremembe' } });
    assert.equal(t('sr-Latn', 'ui.save'), 'Zapamti');
    assert.equal(t('sr-Cyrl', 'ui.save'), 'Запамти');
    assert.equal(t('sl', 'ui.save'), 'Shrani spremembe');
    assert.equal(t('hr', 'ui.save'), 'Spremi');
    setMessageOverrides({ 'sr-Latn': { 'ui.save': 'Zapamti' }, 'sr-Cyrl': { 'ui.save': 'Сачувај измене' } });
    assert.equal(t('sr-Cyrl', 'ui.save'), 'Сачувај измене');
    // A broken override shows its text rather than failing the screen.
    setMessageOverrides({ en: { 'error.field_required': 'Field {field is required' } });
    assert.equal(t('en', 'error.field_required', { field: 'x' }), 'Field {field is required');
  } finally {
    setMessageOverrides({});
  }
  assert.equal(t('sr-Latn', 'ui.save'), 'Sačuvaj');
});

test('Cyrillic is derived from the text of a message, never from its syntax, URLs or addresses', () => {
  assert.equal(
    icuLatToCyr(
      '{n, plural, one {Primljena je # prijava} few {Primljene su # prijave} other {Primljeno je # prijava}} na https://glas.example/{code}, pišite na info@opstina.rs.',
    ),
    '{n, plural, one {Примљена је # пријава} few {Примљене су # пријаве} other {Примљено је # пријава}} на https://glas.example/{code}, пишите на info@opstina.rs.',
  );
  assert.equal(
    icuLatToCyr('{kind, select, web {Veb} other {Šalter}}: {count, number} ljudi'),
    '{kind, select, web {Веб} other {Шалтер}}: {count, number} људи',
  );
});

test('every event type has its description, and the names Glas acts under are said in the reader language', () => {
  for (const e of EVENT_TYPES) {
    assert.ok(MESSAGE_KEYS.includes(`eventDesc.${e.code}` as MessageKey), `eventDesc.${e.code}`);
    assert.equal(t('en', `eventDesc.${e.code}` as MessageKey), e.description, `the stored English description of ${e.code} is the catalogue's`);
  }
  assert.equal(t('sr-Latn', 'eventDesc.case.accepted'), 'Preuzeo referent u organu koji odlučuje');
  assert.equal(actorLabel('sr-Latn', 'Web form'), 'Veb obrazac');
  assert.equal(actorLabel('sr-Cyrl', 'Web form'), 'Веб образац');
  assert.equal(actorLabel('sl', 'Web form'), 'Spletni obrazec');
  assert.equal(actorLabel('sl', 'Ana Anić'), 'Ana Anić');
});

test('hours are abbreviated the way each script writes them: h in Latin, ч in Cyrillic (a per-key Cyrillic override)', () => {
  assert.equal(t('sr-Latn', 's48s.duration_hm', { h: 47, m: '46' }), '47 h 46 min');
  assert.equal(t('sr-Cyrl', 's48s.duration_hm', { h: 47, m: '46' }), '47 ч 46 мин');
  assert.equal(SR_CYRL_FILE['s48s.duration_hm'], '{h} ч {m} мин');
});

test('no key is written twice in a message file (JSON.parse would silently keep the last)', () => {
  for (const file of readdirSync(new URL('../locales/', import.meta.url)).filter((f) => f.endsWith('.json'))) {
    const keys = [...readFileSync(new URL(`../locales/${file}`, import.meta.url), 'utf8').matchAll(/^ {2}"((?:[^"\\]|\\.)*)":/gm)].map((m) => m[1]);
    const twice = keys.filter((k, i) => keys.indexOf(k) !== i);
    assert.deepEqual(twice, [], `keys written twice in locales/${file}`);
  }
});
