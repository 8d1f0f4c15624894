import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskContacts } from './description.ts';

test('phone numbers, ID numbers and e-mail addresses typed into a description are masked for the public', () => {
  assert.equal(maskContacts('Zovite me na 064/123-4567 ili +381 64 123 4567'), 'Zovite me na *** ili ***');
  assert.equal(maskContacts('JMBG 0101990710123, mejl pera.peric@primer.rs'), 'JMBG ***, mejl ***@***');
  assert.equal(maskContacts('Милан: 0641234567'), 'Милан: ***');
});

test('dates, house numbers, pole numbers and short counts stay as written', () => {
  const text = 'Od 21.11.2026. rupa kod Glavne 12, stub JR-77, 3 x 2 m, oko 1500 kg šuta';
  assert.equal(maskContacts(text), text);
});
