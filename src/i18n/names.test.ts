import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actorLabel, municipalityIn } from './names.ts';

test("the municipality's name is written in the script of the message, in its configured Cyrillic form where there is one", () => {
  const plain = { municipalityName: 'Opština Stari Grad' };
  assert.equal(municipalityIn('sr-Latn', plain), 'Opština Stari Grad');
  assert.equal(municipalityIn('sr-Cyrl', plain), 'Општина Стари Град');
  assert.equal(municipalityIn('sl', plain), 'Opština Stari Grad');
  // Where transliteration gets the name wrong (Inđija written without đ), the configured form wins.
  const configured = { municipalityName: 'Opština Injija', municipalityNameCyrillic: 'Општина Инђија' };
  assert.equal(municipalityIn('sr-Cyrl', configured), 'Општина Инђија');
  assert.equal(municipalityIn('cnr', configured), 'Opština Injija');
});

test('the names Glas acts under are said in the reader language; a person is named as written', () => {
  assert.equal(actorLabel('en', 'Web form'), 'Web form');
  assert.equal(actorLabel('hr', 'Viber chatbot'), 'Viber chatbot');
  assert.equal(actorLabel('sr-Latn', 'E-mail'), 'E-pošta');
  assert.equal(actorLabel('sr-Cyrl', 'Petar Petrović'), 'Petar Petrović');
});
