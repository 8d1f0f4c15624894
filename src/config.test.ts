import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from './config.ts';

test('defaults give a runnable embedded setup', () => {
  const c = loadConfig({});
  assert.equal(c.databaseUrl, undefined);
  assert.equal(c.embeddedPgPort, 54329);
  assert.equal(c.port, 3000);
  assert.equal(c.publicUrl, 'http://localhost:3000');
  assert.ok(c.dataDir.endsWith('/data'));
});

test('a bad value stops start-up with a message naming the variable', () => {
  assert.throws(
    () => loadConfig({ PORT: 'eighty' }),
    (e: unknown) => e instanceof ConfigError && /PORT must be a whole number/.test(e.message),
  );
  assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL must start with postgres/);
  assert.throws(() => loadConfig({ GLAS_DEMO: 'maybe' }), /GLAS_DEMO must be/);
  assert.throws(() => loadConfig({ GLAS_EMBEDDED_PG_PORT: '5432' }), /must not be 5432/);
});

test('every problem is reported at once', () => {
  assert.throws(
    () => loadConfig({ PORT: 'x', GLAS_LOG_LEVEL: 'loud' }),
    (e: unknown) => /PORT/.test(String(e)) && /GLAS_LOG_LEVEL/.test(String(e)),
  );
});

test('every variable has a one-line description', () => {
  for (const v of Object.values(CONFIG_VARIABLES)) {
    assert.ok(v.doc.length > 10 && !v.doc.includes('\n'), v.name);
  }
});

test('the demo is seeded only when asked for: by default with the embedded database, never into a given DATABASE_URL', () => {
  assert.equal(loadConfig({}).demo, true, 'embedded first run');
  assert.equal(loadConfig({ DATABASE_URL: 'postgres://glas@db.example.org/glas' }).demo, false, 'production DATABASE_URL');
  assert.equal(loadConfig({ DATABASE_URL: 'postgres://glas@db.example.org/glas', GLAS_DEMO: '1' }).demo, true, 'asked for');
  assert.equal(loadConfig({ GLAS_DEMO: '0' }).demo, false, 'embedded, declined');
});

test('GLAS_SECRET_KEY is 32 bytes in base64 or hexadecimal, nothing shorter', () => {
  const b64 = Buffer.alloc(32, 7).toString('base64');
  assert.deepEqual(loadConfig({ GLAS_SECRET_KEY: b64 }).secretKey, Buffer.alloc(32, 7));
  assert.deepEqual(loadConfig({ GLAS_SECRET_KEY: 'ab'.repeat(32) }).secretKey, Buffer.alloc(32, 0xab));
  assert.equal(loadConfig({}).secretKey, undefined);
  assert.throws(() => loadConfig({ GLAS_SECRET_KEY: Buffer.alloc(16).toString('base64') }), /GLAS_SECRET_KEY must be 32 random bytes/);
  assert.throws(() => loadConfig({ GLAS_SECRET_KEY: 'correct horse battery staple' }), /GLAS_SECRET_KEY must be 32 random bytes/);
});
