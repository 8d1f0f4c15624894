import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_LOCALE, isLocale, localeForTag, negotiateLocale } from './locales.ts';

test('isLocale accepts exactly the supported codes', () => {
  for (const l of ['sr-Latn', 'sr-Cyrl', 'bs', 'hr', 'cnr', 'sl', 'en']) assert.ok(isLocale(l), l);
  for (const l of ['sr', 'sr-latn', 'de', '', null, undefined, 7]) assert.ok(!isLocale(l), String(l));
});

test('the default locale is Serbian Latin', () => {
  assert.equal(DEFAULT_LOCALE, 'sr-Latn');
});

test('localeForTag maps Serbian tags by script, with Cyrillic as the official default', () => {
  assert.equal(localeForTag('sr'), 'sr-Cyrl');
  assert.equal(localeForTag('sr-RS'), 'sr-Cyrl');
  assert.equal(localeForTag('sr-Cyrl'), 'sr-Cyrl');
  assert.equal(localeForTag('sr-Cyrl-BA'), 'sr-Cyrl');
  assert.equal(localeForTag('sr-Latn'), 'sr-Latn');
  assert.equal(localeForTag('sr-Latn-RS'), 'sr-Latn');
  assert.equal(localeForTag('SR_latn'), 'sr-Latn');
});

test('localeForTag maps Montenegrin, Bosnian, Croatian, Slovenian and English variants', () => {
  assert.equal(localeForTag('sr-ME'), 'cnr');
  assert.equal(localeForTag('me'), 'cnr');
  assert.equal(localeForTag('cnr-ME'), 'cnr');
  assert.equal(localeForTag('bs-BA'), 'bs');
  assert.equal(localeForTag('hr-HR'), 'hr');
  assert.equal(localeForTag('sl-SI'), 'sl');
  assert.equal(localeForTag('en-GB'), 'en');
  assert.equal(localeForTag('de-DE'), null);
  assert.equal(localeForTag('*'), null);
});

test('a valid user setting wins over Accept-Language', () => {
  assert.equal(negotiateLocale('sl', 'hr-HR,hr;q=0.9'), 'sl');
  assert.equal(negotiateLocale('sr-Cyrl', 'en'), 'sr-Cyrl');
});

test('an invalid or empty user setting falls through to Accept-Language', () => {
  assert.equal(negotiateLocale('klingon', 'hr'), 'hr');
  assert.equal(negotiateLocale(null, 'bs-BA'), 'bs');
  assert.equal(negotiateLocale(undefined, 'sr-ME'), 'cnr');
  assert.equal(negotiateLocale('', 'en-US'), 'en');
});

test('Accept-Language entries are tried in q-value order, ties in header order', () => {
  assert.equal(negotiateLocale(null, 'en;q=0.5, hr;q=0.9'), 'hr');
  assert.equal(negotiateLocale(null, 'de-DE, sl;q=0.4, en;q=0.8'), 'en');
  assert.equal(negotiateLocale(null, 'bs;q=0.7, hr;q=0.7'), 'bs');
  assert.equal(negotiateLocale(null, 'fr, de;q=0.9, sr-Latn;q=0.1'), 'sr-Latn');
  assert.equal(negotiateLocale(null, 'sr;q=0.8,en;q=0.3'), 'sr-Cyrl');
});

test('q=0 and malformed q values exclude an entry', () => {
  assert.equal(negotiateLocale(null, 'hr;q=0, sl'), 'sl');
  assert.equal(negotiateLocale(null, 'hr;q=abc, en;q=0.2'), 'en');
  assert.equal(negotiateLocale(null, 'hr;q=1.5, en;q=0.2'), 'en');
});

test('nothing servable falls back to the default locale', () => {
  assert.equal(negotiateLocale(null, undefined), 'sr-Latn');
  assert.equal(negotiateLocale(null, ''), 'sr-Latn');
  assert.equal(negotiateLocale(null, 'de, fr;q=0.8, *;q=0.1'), 'sr-Latn');
  assert.equal(negotiateLocale(null, ',,;q=1'), 'sr-Latn');
});
