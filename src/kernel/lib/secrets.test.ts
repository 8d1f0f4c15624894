import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { dataFolderSecretKey, isSealed, openSecret, sealSecret } from './secrets.ts';

const key = randomBytes(32);

test('a sealed secret opens with its key and row, and with no other', () => {
  const sealed = sealSecret(key, 'JBSWY3DPEHPK3PXP', 'row:1');
  assert.ok(isSealed(sealed), sealed);
  assert.ok(!sealed.includes('JBSWY3DPEHPK3PXP'));
  assert.notEqual(sealSecret(key, 'JBSWY3DPEHPK3PXP', 'row:1'), sealed, 'a fresh nonce each time');
  assert.equal(openSecret(key, sealed, 'row:1'), 'JBSWY3DPEHPK3PXP');
  assert.throws(() => openSecret(randomBytes(32), sealed, 'row:1'), 'another key');
  assert.throws(() => openSecret(key, sealed, 'row:2'), 'copied onto another row');
  const [v, iv, tag, body] = sealed.split('.');
  const flipped = `${v}.${iv}.${tag}.${body!.startsWith('A') ? `B${body!.slice(1)}` : `A${body!.slice(1)}`}`;
  assert.throws(() => openSecret(key, flipped, 'row:1'), 'a changed ciphertext');
  assert.ok(!isSealed('JBSWY3DPEHPK3PXP'), 'a base32 secret from before encryption is plain');
});

test("the data folder's key is made once, readable only by its owner, and the same on every later start", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'glas-key-'));
  try {
    const first = dataFolderSecretKey(path.join(dir, 'data'));
    assert.equal(first.length, 32);
    const file = path.join(dir, 'data', 'secret-key');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(dataFolderSecretKey(path.join(dir, 'data')), first);
    assert.equal(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64').toString('hex'), first.toString('hex'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
