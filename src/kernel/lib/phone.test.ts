import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseEmail, normalisePhone } from './phone.ts';

test('numbers as typed at the counter become E.164', () => {
  assert.equal(normalisePhone('064 123 4567', 381), '+381641234567');
  assert.equal(normalisePhone('+381 (64) 123-4567', 381), '+381641234567');
  assert.equal(normalisePhone('00387 61 234 567', 381), '+38761234567');
  assert.equal(normalisePhone('067/123-456', 382), '+38267123456');
});

test('things that are not phone numbers are refused', () => {
  assert.equal(normalisePhone('call me', 381), null);
  assert.equal(normalisePhone('12', 381), null);
  assert.equal(normalisePhone('+381+64', 381), null);
  assert.equal(normalisePhone('0641234567890123456', 381), null);
});

test('e-mail addresses are checked and lower-cased', () => {
  assert.equal(normaliseEmail(' Ana@Example.ORG '), 'ana@example.org');
  assert.equal(normaliseEmail('ana@'), null);
  assert.equal(normaliseEmail('a b@example.org'), null);
});
