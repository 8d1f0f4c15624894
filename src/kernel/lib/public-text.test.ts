import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskContacts, maskFieldValues, maskNames } from './public-text.ts';

test('phone numbers, ID numbers and e-mail addresses typed into a description are masked for the public', () => {
  assert.equal(maskContacts('Zovite me na 064/123-4567 ili +381 64 123 4567'), 'Zovite me na *** ili ***');
  assert.equal(maskContacts('JMBG 0101990710123, mejl pera.peric@primer.rs'), 'JMBG ***, mejl ***@***');
  assert.equal(maskContacts('Милан: 0641234567'), 'Милан: ***');
});

test('dates, house numbers, pole numbers and short counts stay as written', () => {
  const text = 'Od 21.11.2026. rupa kod Glavne 12, stub JR-77, 3 x 2 m, oko 1500 kg šuta';
  assert.equal(maskContacts(text), text);
});

test('phones as people here write them: with dots, with a country or trunk prefix, short local numbers after a word that says so', () => {
  assert.equal(maskContacts('mob.: 064.333.4444, fiksni 011.234.56.78'), 'mob.: ***, fiksni ***');
  assert.equal(maskContacts('00381641234567 ili +381 (0)64 123 45 67'), '*** ili ***');
  assert.equal(maskContacts('tel 233-444, pozovite na 22 33 444, Telefon: 011 2345 678'), 'tel ***, pozovite na ***, Telefon: ***');
  assert.equal(maskContacts('телефон 233-444'), 'телефон ***');
});

test('e-mail addresses written to dodge robots are masked too', () => {
  assert.equal(maskContacts('pera (at) primer.rs, mika[at]gmail[dot]com, zika @ primer.rs'), '***@***, ***@***, ***@***');
});

test('field values: texts masked, numbers and lists of keys kept', () => {
  assert.deepEqual(maskFieldValues({ pole_number: 'zovite Marka 064 333 4444', size: 'large', count: 3, tags: ['a', 'pera@primer.rs'] }), {
    pole_number: 'zovite Marka ***',
    size: 'large',
    count: 3,
    tags: ['a', '***@***'],
  });
});

test("the names of the case's own people are masked as whole words, in either script; other words and placeholder names stay", () => {
  assert.equal(maskNames('Kontejner je pun.\n\nDragana Kovač', ['Dragana Kovač']), 'Kontejner je pun.\n\n***');
  assert.equal(maskNames('Javila se Dragana; Kovačevićeva ulica', ['Dragana Kovač']), 'Javila se ***; Kovačevićeva ulica');
  assert.equal(maskNames('Пријавила Драгана Ковач', ['Dragana Kovač']), 'Пријавила ***');
  assert.equal(maskNames('Rupa kod škole', ['Anonymous reporter']), 'Rupa kod škole');
  assert.equal(maskNames('Al je rekao, Al Bo zna', ['Al Bo']), 'Al je rekao, *** zna', 'words shorter than three letters only as part of the whole name');
});
