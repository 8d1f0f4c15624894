import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTemplate, renderTemplate } from './template.ts';

test('a template with an unknown placeholder is refused, naming the placeholder', () => {
  const r = checkTemplate('sms', 'Predmet {numbr} je primljen {date}.');
  assert.equal(r.ok, false);
  assert.ok(!r.ok && r.placeholder === 'numbr' && r.problem.includes('{numbr}'), JSON.stringify(r));
});

test('a template with known placeholders passes and lists them once each', () => {
  const r = checkTemplate('sms', 'Predmet {number} ({number}) primljen {date}, {trackingLink}');
  assert.deepEqual(r, { ok: true, placeholders: ['number', 'date', 'trackingLink'] });
});

test('stray braces, empty texts, overlong texts and multi-line subjects are refused', () => {
  assert.equal(checkTemplate('sms', 'Predmet {number').ok, false);
  assert.equal(checkTemplate('sms', 'Predmet } {number}').ok, false);
  assert.equal(checkTemplate('sms', '   ').ok, false);
  assert.equal(checkTemplate('sms', 'x'.repeat(641)).ok, false);
  assert.equal(checkTemplate('email_subject', 'Predmet\n{number}').ok, false);
});

test('rendering fills values and tidies the gap a missing value leaves', () => {
  assert.equal(
    renderTemplate('Predmet {number} je primljen {date}.', { number: 'UP-1/2026', date: '21.11.2026' }),
    'Predmet UP-1/2026 je primljen 21.11.2026.',
  );
  assert.equal(renderTemplate('Nepotpun – potrebna je dopuna. {note}', {}), 'Nepotpun – potrebna je dopuna.');
  assert.equal(renderTemplate('Rok {deadline}.', { deadline: '' }), 'Rok.');
});
