import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Secret } from 'otpauth';
import { matchTotp, newRecoveryCode, newTotpSecret, normaliseRecoveryCode, recoveryCodeHash, totpCode, totpStep, totpUri } from './totp.ts';

// RFC 6238, appendix B: the SHA-1 seed "12345678901234567890"; the 8-digit codes' last six digits are the 6-digit codes.
const RFC_SECRET = Secret.fromLatin1('12345678901234567890').base32;

test('codes match the RFC 6238 test vectors', () => {
  assert.equal(totpCode(RFC_SECRET, new Date(59_000)), '287082');
  assert.equal(totpCode(RFC_SECRET, new Date(1_111_111_109_000)), '081804');
  assert.equal(totpCode(RFC_SECRET, new Date(2_000_000_000_000)), '279037');
});

test('a code is accepted one step early or late, with the step it belongs to, and not two steps off', () => {
  const at = new Date('2026-05-04T08:00:10Z');
  const secret = newTotpSecret();
  const code = totpCode(secret, at);
  assert.equal(matchTotp(secret, code, at), totpStep(at));
  assert.equal(matchTotp(secret, code, new Date(at.getTime() + 30_000)), totpStep(at));
  assert.equal(matchTotp(secret, code, new Date(at.getTime() - 30_000)), totpStep(at));
  assert.equal(matchTotp(secret, code, new Date(at.getTime() + 61_000)), null);
  assert.equal(matchTotp(secret, ` ${code.slice(0, 3)} ${code.slice(3)} `, at), totpStep(at), 'spaces are ignored');
  assert.equal(matchTotp(secret, 'abcdef', at), null);
});

test('the otpauth address names the issuer, the account and the secret', () => {
  const secret = newTotpSecret();
  const uri = totpUri(secret, 'Opština Kotor Varoš', 'ana');
  assert.match(uri, /^otpauth:\/\/totp\//);
  assert.ok(uri.includes(`secret=${secret}`));
  assert.ok(uri.includes('issuer=Op%C5%A1tina%20Kotor%20Varo%C5%A1'));
});

test('recovery codes are random, readable and compared without case or dashes', () => {
  const codes = new Set(Array.from({ length: 50 }, newRecoveryCode));
  assert.equal(codes.size, 50);
  for (const c of codes) assert.match(c, /^[a-z2-9]{5}-[a-z2-9]{5}$/);
  assert.equal(normaliseRecoveryCode(' ABCDE-fghjk '), 'abcdefghjk');
});

test("a recovery code's stored hash ignores how it was typed and differs from user to user", () => {
  assert.equal(recoveryCodeHash('u1', 'abcde-fghjk'), recoveryCodeHash('u1', ' ABCDE FGHJK '));
  assert.notEqual(recoveryCodeHash('u1', 'abcde-fghjk'), recoveryCodeHash('u2', 'abcde-fghjk'));
  assert.doesNotMatch(recoveryCodeHash('u1', 'abcde-fghjk'), /abcde/);
});
