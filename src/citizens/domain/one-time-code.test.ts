import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCode, hashCode, looksLikeLinkToken, newCode, newLinkToken, normaliseCode, type StoredCode } from './one-time-code.ts';

const stored = (code: string, over: Partial<StoredCode> = {}): StoredCode => ({
  code_hash: hashCode('salt', 'sign_in', '+38164111222', code),
  salt: 'salt',
  purpose: 'sign_in',
  target: '+38164111222',
  attempts: 0,
  max_attempts: 5,
  expires_at: new Date(Date.now() + 60_000),
  used_at: null,
  ...over,
});

test('codes are six digits and links 22 URL-safe characters, all different', () => {
  const codes = new Set(Array.from({ length: 200 }, newCode));
  for (const c of codes) assert.match(c, /^\d{6}$/);
  assert.ok(codes.size > 190);
  const t = newLinkToken();
  assert.ok(looksLikeLinkToken(t));
  assert.notEqual(t, newLinkToken());
});

test('a code typed with spaces or a dash is read; anything else is not a code', () => {
  assert.equal(normaliseCode('123 456'), '123456');
  assert.equal(normaliseCode('123-456'), '123456');
  assert.equal(normaliseCode('12345'), null);
  assert.equal(normaliseCode('12345a'), null);
});

test('a code opens only its own purpose and number, once, before it expires and before five wrong tries', () => {
  const now = new Date();
  assert.equal(checkCode(stored('111222'), '111222', now), 'ok');
  assert.equal(checkCode(stored('111222'), '111223', now), 'wrong');
  assert.equal(checkCode({ ...stored('111222'), target: '+38164999999' }, '111222', now), 'wrong');
  assert.equal(checkCode({ ...stored('111222'), purpose: 'viber_link' }, '111222', now), 'wrong');
  assert.equal(checkCode(stored('111222', { used_at: now }), '111222', now), 'used');
  assert.equal(checkCode(stored('111222', { expires_at: new Date(now.getTime() - 1) }), '111222', now), 'expired');
  assert.equal(checkCode(stored('111222', { attempts: 5 }), '111222', now), 'exhausted');
});
