import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newTrackingCode, normaliseTrackingCode } from './tracking-code.ts';

test('tracking codes are random, well-formed and distinct', () => {
  const codes = new Set(Array.from({ length: 2000 }, newTrackingCode));
  assert.equal(codes.size, 2000);
  for (const c of codes) assert.match(c, /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
});

test('a code typed without dashes or in lower case is understood', () => {
  assert.equal(normaliseTrackingCode('abcd efgh 2345'), 'ABCD-EFGH-2345');
  assert.equal(normaliseTrackingCode('ABCD-EFGH'), '');
});
