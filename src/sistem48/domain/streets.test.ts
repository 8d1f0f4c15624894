import { test } from 'node:test';
import assert from 'node:assert/strict';
import { houseOf, streetKey, streetOf } from './streets.ts';

test('street and house of an address key, in either script, with or without the town', () => {
  assert.equal(streetOf(streetKey('Novosadska 12, Temerin')), 'novosadska');
  assert.equal(houseOf(streetKey('NOVOSADSKA 12, Temerin')), 'novosadska 12');
  assert.equal(houseOf(streetKey('Новосадска 12')), 'novosadska 12');
  assert.equal(streetOf(streetKey('Bulevar oslobođenja 3a')), 'bulevar oslobodjenja');
  assert.equal(streetOf(streetKey('Pijačna bb')), 'pijacna bb', 'no number: the whole key');
  assert.equal(streetOf(''), '');
});
