/**
 * HTTP hygiene: every kind of response carries the security headers; the staff app cannot be
 * framed; the built web app is sent compressed (brotli or gzip, as the browser accepts) with a year
 * of caching for hashed assets, while the SPA shell is revalidated on every visit (ETag → 304);
 * large JSON answers are compressed too. Runs against the real build in web/dist (npm test builds it).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import { startTestApp, type TestApp, type Session } from './helpers/app.ts';
import { securityHeaders, tileSource, wantsHsts } from '../src/http/security-headers.ts';
import { loadConfig } from '../src/config.ts';

const DIST = 'web/dist';
let t: TestApp;
let admin: Session;
let entryJs: string;
let entryCss: string;

before(async () => {
  if (!existsSync(path.join(DIST, 'index.html'))) throw new Error('web/dist is missing: run with `npm test`, which builds the web app first');
  const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
  entryJs = /<script[^>]+src="\/(assets\/[^"]+\.js)"/.exec(html)![1]!;
  entryCss = /<link[^>]+rel="stylesheet"[^>]+href="\/(assets\/[^"]+\.css)"/.exec(html)![1]!;
  // A tile template with a subdomain placeholder, to see the policy derive its origin from the configuration.
  t = await startTestApp({ GLAS_COOKIE_SECURE: '0', GLAS_MAP_TILE_URL: 'https://{s}.tiles.example.org/osm/{z}/{x}/{y}.png' });
  admin = await t.login('admin');
});
after(async () => {
  await t?.close();
});

function csp(r: LightMyRequestResponse, what = ''): Map<string, string[]> {
  const header = r.headers['content-security-policy'];
  assert.equal(typeof header, 'string', `${what}: a Content-Security-Policy header`);
  return new Map(
    String(header)
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name!, values];
      }),
  );
}

function assertSecurityHeaders(r: LightMyRequestResponse, what: string) {
  const policy = csp(r, what);
  assert.deepEqual(policy.get('frame-ancestors'), ["'none'"], `${what}: frame-ancestors`);
  assert.deepEqual(policy.get('default-src'), ["'self'"], `${what}: default-src`);
  assert.deepEqual(policy.get('script-src'), ["'self'"], `${what}: script-src`);
  assert.deepEqual(policy.get('object-src'), ["'none'"], `${what}: object-src`);
  assert.equal(r.headers['x-frame-options'], 'DENY', `${what}: X-Frame-Options`);
  assert.equal(r.headers['x-content-type-options'], 'nosniff', `${what}: nosniff`);
  assert.equal(r.headers['referrer-policy'], 'strict-origin-when-cross-origin', `${what}: Referrer-Policy`);
  // Cookies are not Secure here and the address is http: no HSTS promise.
  assert.equal(r.headers['strict-transport-security'], undefined, `${what}: no HSTS over http`);
}

test('every kind of response carries the security headers: API JSON, errors, files, the SPA shell, OpenAPI, the API reference', async () => {
  const cases: [string, () => Promise<LightMyRequestResponse>, number][] = [
    ['API JSON', () => t.call({ method: 'GET', url: '/api/v1/org-units', as: admin }), 200],
    ['API error (no session)', () => t.call({ method: 'GET', url: '/api/v1/org-units' }), 401],
    ['API error (validation)', () => t.call({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 1 } }), 400],
    ['API error (unknown route)', () => t.call({ method: 'GET', url: '/api/v1/no-such-thing' }), 404],
    ['bad percent-encoding in the address', () => t.call({ method: 'GET', url: '/api/v1/cases/%E0%A4%A' }), 400],
    ['static asset', () => t.call({ method: 'GET', url: `/${entryJs}` }), 200],
    ["a hashed asset that does not exist (an old release's chunk)", () => t.call({ method: 'GET', url: '/assets/index-OLDHASH0.js' }), 404],
    ['SPA shell', () => t.call({ method: 'GET', url: '/problems/new' }), 200],
    ['staff workspace shell', () => t.call({ method: 'GET', url: '/' }), 200],
    ['OpenAPI document', () => t.call({ method: 'GET', url: '/api/v1/openapi.json' }), 200],
    ['Open311 XML', () => t.call({ method: 'GET', url: '/open311/v2/services.xml' }), 200],
  ];
  for (const [what, call, status] of cases) {
    const r = await call();
    assert.equal(r.statusCode, status, `${what}: ${r.body.slice(0, 200)}`);
    assertSecurityHeaders(r, what);
    if (status === 404) assert.equal(r.json().error.code, 'not_found', `${what}: a JSON error, not the page shell`);
  }
  // The API reference keeps everything but allows the inline styles Swagger UI writes.
  for (const url of ['/api/v1/docs', '/api/v1/docs/static/index.html', '/api/v1/docs/static/swagger-ui.css']) {
    let r = await t.call({ method: 'GET', url });
    if (r.statusCode >= 300 && r.statusCode < 400) r = await t.call({ method: 'GET', url: String(r.headers.location) });
    assert.equal(r.statusCode, 200, `${url}: ${r.statusCode}`);
    const policy = csp(r, url);
    assert.deepEqual(policy.get('frame-ancestors'), ["'none'"], url);
    assert.deepEqual(policy.get('script-src'), ["'self'"], url);
    assert.equal(r.headers['x-frame-options'], 'DENY', url);
    assert.equal(r.headers['x-content-type-options'], 'nosniff', url);
  }
});

test('the policy allows images from the configured tile server only, besides Glas itself', async () => {
  const r = await t.call({ method: 'GET', url: '/problems/new' });
  assert.deepEqual(csp(r).get('img-src'), ["'self'", 'data:', 'blob:', 'https://*.tiles.example.org']);
  assert.equal(tileSource('https://tile.openstreetmap.org/{z}/{x}/{y}.png'), 'https://tile.openstreetmap.org');
  assert.equal(tileSource('http://tiles.local:8080/{z}/{x}/{y}.png?key=1'), 'http://tiles.local:8080');
  assert.equal(tileSource('https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png'), 'https://*.tile.openstreetmap.org');
  assert.equal(tileSource('HTTPS://Maps{s}.Example.com/{z}/{x}/{y}'), 'https://*.example.com');
});

test('a server-rendered page (the public reports) may use its own inline stylesheet, allowed by its hash and nothing wider', async () => {
  for (const url of ['/reports/definitions', '/reports/weekly']) {
    const r = await t.call({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    assert.equal(r.statusCode, 200, url);
    const page = gunzipSync(r.rawPayload).toString('utf8');
    const css = /<style>([\s\S]*?)<\/style>/.exec(page)![1]!;
    const hash = `'sha256-${createHash('sha256').update(css).digest('base64')}'`;
    assert.deepEqual(csp(r, url).get('style-src'), ["'self'", hash], url);
    assertSecurityHeaders(r, url);
  }
  // The SPA shell has no inline style and gets the plain policy.
  assert.deepEqual(csp(await t.call({ method: 'GET', url: '/problems/new' })).get('style-src'), ["'self'"]);
});

test('HSTS (and upgrading insecure requests) only when cookies are Secure and the public address is https', () => {
  const base = { GLAS_DEMO: '0', DATABASE_URL: 'postgres://u@127.0.0.1:5432/x' };
  const https = loadConfig({ ...base, GLAS_PUBLIC_URL: 'https://glas.opstina.example', GLAS_COOKIE_SECURE: '1' });
  const headers = securityHeaders(https);
  assert.equal(headers['strict-transport-security'], 'max-age=31536000');
  assert.match(headers['content-security-policy']!, /upgrade-insecure-requests/);
  for (const env of [
    { GLAS_PUBLIC_URL: 'https://glas.opstina.example', GLAS_COOKIE_SECURE: '0' },
    { GLAS_PUBLIC_URL: 'http://glas.opstina.example', GLAS_COOKIE_SECURE: '1' },
  ]) {
    const c = loadConfig({ ...base, ...env });
    assert.equal(wantsHsts(c), false, JSON.stringify(env));
    const h = securityHeaders(c);
    assert.equal(h['strict-transport-security'], undefined, JSON.stringify(env));
    assert.doesNotMatch(h['content-security-policy']!, /upgrade-insecure-requests/);
  }
});

test('hashed assets are sent brotli- or gzip-compressed as the browser accepts, byte for byte the built file, cached for a year', async () => {
  for (const rel of [entryJs, entryCss]) {
    const original = readFileSync(path.join(DIST, rel));
    for (const [accept, encoding, decode] of [
      ['gzip, deflate, br, zstd', 'br', brotliDecompressSync],
      ['gzip, deflate', 'gzip', gunzipSync],
    ] as const) {
      const r = await t.call({ method: 'GET', url: `/${rel}`, headers: { 'accept-encoding': accept } });
      assert.equal(r.statusCode, 200);
      assert.equal(r.headers['content-encoding'], encoding, `${rel} with ${accept}`);
      assert.match(String(r.headers.vary), /accept-encoding/i);
      assert.equal(r.headers['cache-control'], 'public, max-age=31536000, immutable', rel);
      assert.match(String(r.headers['content-type']), rel.endsWith('.js') ? /javascript/ : /text\/css/);
      assert.ok(r.rawPayload.length < original.length * 0.5, `${rel} ${encoding}: ${r.rawPayload.length} of ${original.length} bytes`);
      assert.deepEqual(decode(r.rawPayload), original, `${rel} decodes to the built file`);
    }
    // A client that accepts no compression gets the plain file.
    const plain = await t.call({ method: 'GET', url: `/${rel}`, headers: { 'accept-encoding': 'identity' } });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.deepEqual(plain.rawPayload, original);
    assert.equal(plain.headers['cache-control'], 'public, max-age=31536000, immutable');
  }
  // Every text file of the build has its compressed twins (scripts/build-web.ts).
  const assets = readdirSync(path.join(DIST, 'assets'));
  for (const f of assets.filter((n) => /\.(js|css)$/.test(n) && readFileSync(path.join(DIST, 'assets', n)).length > 1024)) {
    assert.ok(assets.includes(`${f}.br`) && assets.includes(`${f}.gz`), `${f} has .br and .gz`);
  }
});

test('the SPA shell is revalidated on every visit: no-cache with an ETag, and a second visit gets 304', async () => {
  for (const url of ['/problems/new', '/', '/cases/abc', '/index.html']) {
    for (const accept of ['br, gzip', '']) {
      const headers = accept ? { 'accept-encoding': accept } : {};
      const first = await t.call({ method: 'GET', url, headers });
      assert.equal(first.statusCode, 200, url);
      assert.equal(first.headers['cache-control'], 'no-cache', url);
      assert.match(String(first.headers['content-type']), /text\/html/);
      assert.ok(first.headers.etag, `${url}: ETag`);
      assert.ok(first.headers['last-modified'], `${url}: Last-Modified`);
      const body = accept ? brotliDecompressSync(first.rawPayload).toString('utf8') : first.body;
      assert.match(body, /<div id="root">/);
      const second = await t.call({ method: 'GET', url, headers: { ...headers, 'if-none-match': String(first.headers.etag) } });
      assert.equal(second.statusCode, 304, `${url} revalidated (${accept || 'no compression'})`);
      assert.equal(second.rawPayload.length, 0);
      assertSecurityHeaders(second, `${url} 304`);
      // Another release changes the ETag: the stale one is answered in full.
      const stale = await t.call({ method: 'GET', url, headers: { ...headers, 'if-none-match': '"stale"' } });
      assert.equal(stale.statusCode, 200);
    }
  }
});

test('JSON answers over 1 KB are compressed for clients that accept it; small ones and request bodies are left alone', async () => {
  const big = await t.call({ method: 'GET', url: '/api/v1/openapi.json', headers: { 'accept-encoding': 'gzip' } });
  assert.equal(big.statusCode, 200);
  assert.equal(big.headers['content-encoding'], 'gzip');
  const doc = JSON.parse(gunzipSync(big.rawPayload).toString('utf8')) as { openapi: string };
  assert.equal(doc.openapi, '3.0.3');
  const br = await t.call({ method: 'GET', url: '/api/v1/openapi.json', headers: { 'accept-encoding': 'br' } });
  assert.equal(br.headers['content-encoding'], 'br');
  assert.deepEqual(JSON.parse(brotliDecompressSync(br.rawPayload).toString('utf8')), doc);
  const plain = await t.call({ method: 'GET', url: '/api/v1/openapi.json' });
  assert.equal(plain.headers['content-encoding'], undefined);
  const small = await t.call({ method: 'GET', url: '/api/v1/auth/me', headers: { 'accept-encoding': 'gzip, br' } });
  assert.equal(small.statusCode, 401);
  assert.equal(small.headers['content-encoding'], undefined, 'a short error is sent as it is');
  // A compressed request body is not inflated behind the body limit's back.
  const gz = await t.call({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    payload: Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
  });
  assert.ok(gz.statusCode >= 400 && gz.statusCode < 500, `compressed body: ${gz.statusCode} ${gz.body}`);
});
