/**
 * Plurals read right for 1, 2, 3, 5, 11, 21 and 101 in every locale (CLDR rules through
 * Intl.PluralRules: sr, bs, hr, cnr one/few/other; sl one/two/few/other; en one/other).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { t } from './catalog.ts';
import type { Locale } from './locales.ts';

const COUNTS = [1, 2, 3, 5, 11, 21, 101] as const;

const PHOTOS: Record<Locale, readonly string[]> = {
  'sr-Latn': ['1 fotografiju', '2 fotografije', '3 fotografije', '5 fotografija', '11 fotografija', '21 fotografiju', '101 fotografiju'],
  'sr-Cyrl': ['1 фотографију', '2 фотографије', '3 фотографије', '5 фотографија', '11 фотографија', '21 фотографију', '101 фотографију'],
  bs: ['1 fotografiju', '2 fotografije', '3 fotografije', '5 fotografija', '11 fotografija', '21 fotografiju', '101 fotografiju'],
  hr: ['1 fotografiju', '2 fotografije', '3 fotografije', '5 fotografija', '11 fotografija', '21 fotografiju', '101 fotografiju'],
  cnr: ['1 fotografiju', '2 fotografije', '3 fotografije', '5 fotografija', '11 fotografija', '21 fotografiju', '101 fotografiju'],
  sl: ['1 fotografijo', '2 fotografiji', '3 fotografije', '5 fotografij', '11 fotografij', '21 fotografij', '101 fotografijo'],
  en: ['1 photo', '2 photos', '3 photos', '5 photos', '11 photos', '21 photos', '101 photos'],
};

test('a count object takes the form its language needs for 1, 2, 3, 5, 11, 21 and 101', () => {
  for (const [locale, forms] of Object.entries(PHOTOS) as [Locale, readonly string[]][]) {
    COUNTS.forEach((count, i) => {
      assert.ok(t(locale, 's48p.too_many_photos', { count }).includes(` ${forms[i]}.`), `${locale} ${count}: ${t(locale, 's48p.too_many_photos', { count })}`);
    });
  }
});

test('the verb agrees with the count (received reports)', () => {
  const got = (locale: Locale) => COUNTS.map((n) => t(locale, 'reports.received_sentence', { n }));
  assert.deepEqual(got('sr-Latn'), [
    'Primljena je 1 prijava.',
    'Primljene su 2 prijave.',
    'Primljene su 3 prijave.',
    'Primljeno je 5 prijava.',
    'Primljeno je 11 prijava.',
    'Primljena je 21 prijava.',
    'Primljena je 101 prijava.',
  ]);
  assert.deepEqual(got('sr-Cyrl'), [
    'Примљена је 1 пријава.',
    'Примљене су 2 пријаве.',
    'Примљене су 3 пријаве.',
    'Примљено је 5 пријава.',
    'Примљено је 11 пријава.',
    'Примљена је 21 пријава.',
    'Примљена је 101 пријава.',
  ]);
  assert.deepEqual(got('hr'), [
    'Zaprimljena je 1 prijava.',
    'Zaprimljene su 2 prijave.',
    'Zaprimljene su 3 prijave.',
    'Zaprimljeno je 5 prijava.',
    'Zaprimljeno je 11 prijava.',
    'Zaprimljena je 21 prijava.',
    'Zaprimljena je 101 prijava.',
  ]);
  for (const locale of ['bs', 'cnr'] as const) assert.deepEqual(got(locale), got('sr-Latn'));
  assert.deepEqual(got('sl'), [
    'Prejeta je bila 1 prijava.',
    'Prejeti sta bili 2 prijavi.',
    'Prejete so bile 3 prijave.',
    'Prejetih je bilo 5 prijav.',
    'Prejetih je bilo 11 prijav.',
    'Prejetih je bilo 21 prijav.',
    'Prejeta je bila 101 prijava.',
  ]);
  assert.deepEqual(got('en'), [
    '1 report was received.',
    '2 reports were received.',
    '3 reports were received.',
    '5 reports were received.',
    '11 reports were received.',
    '21 reports were received.',
    '101 reports were received.',
  ]);
});

test('the count is written with the language’s digit grouping', () => {
  assert.equal(t('sr-Latn', 'reports.received_sentence', { n: 12345 }), 'Primljeno je 12.345 prijava.');
  assert.equal(t('en', 'reports.received_sentence', { n: 12345 }), '12,345 reports were received.');
});
