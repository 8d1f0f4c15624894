import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LOCALES } from '../../i18n/index.ts';
import { isGsm7 } from '../../channels/sms-encoding.ts';
import { defaultTemplate } from './default-templates.ts';
import { kindDefinitions } from './kinds.ts';
import { checkTemplate, TEMPLATE_CHANNELS } from './template.ts';

test('every kind has a valid default template in every channel and language', () => {
  for (const { kind } of kindDefinitions())
    for (const channel of TEMPLATE_CHANNELS)
      for (const locale of LOCALES) {
        const text = defaultTemplate(kind, channel, locale);
        const check = checkTemplate(channel, text);
        assert.ok(check.ok, `${kind}/${channel}/${locale}: ${JSON.stringify(check)}`);
      }
});

test('Serbian Cyrillic defaults are the Latin ones transliterated, placeholders untouched', () => {
  const cyr = defaultTemplate('registered', 'sms', 'sr-Cyrl');
  assert.match(cyr, /^Предмет \{number\} је примљен у писарници \{date\}\. Код за праћење: \{trackingCode\}$/);
  assert.ok(!isGsm7(cyr));
});

test('the registration SMS names the number and the date in every language', () => {
  for (const locale of LOCALES) {
    const text = defaultTemplate('registered', 'sms', locale);
    assert.ok(text.includes('{number}') && text.includes('{date}'), `${locale}: ${text}`);
  }
});

test('a report that came by web, SMS, e-mail, phone or Viber is acknowledged as a report, with no registry office in it', () => {
  assert.equal(defaultTemplate('registered:report', 'sms', 'sr-Latn'), 'Prijava {number} je primljena {date}. Kod za praćenje: {trackingCode}');
  assert.equal(defaultTemplate('registered:report', 'sms', 'sr-Cyrl'), 'Пријава {number} је примљена {date}. Код за праћење: {trackingCode}');
  for (const locale of LOCALES) assert.doesNotMatch(defaultTemplate('registered:report', 'sms', locale), /pisarnic|писарниц|vložišč|registry/i, locale);
});
