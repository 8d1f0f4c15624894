import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 250 * 1024;

test('the JavaScript a browser loads to show the first screen stays under 250 KB compressed; administration screens load on first use', () => {
  const dist = 'web/dist';
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  // The entry script and every module it preloads: what the first screen cannot do without.
  const initial = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g)].map((m) => m[1]!);
  assert.ok(initial.length >= 1, 'index.html names its entry script');
  const sizes = initial.map((src) => ({ src, gzip: gzipSync(readFileSync(path.join(dist, src))).length }));
  const total = sizes.reduce((n, s) => n + s.gzip, 0);
  assert.ok(
    total < BUDGET,
    `initial JavaScript is ${(total / 1024).toFixed(1)} KB gzip (${sizes.map((s) => `${s.src}: ${(s.gzip / 1024).toFixed(1)} KB`).join(', ')}), over ${BUDGET / 1024} KB`,
  );
  // The notification and Sistem 48 administration are separate chunks, not in the first load.
  assert.ok(!initial.some((src) => /Templates|Categories|RoutingRules/.test(src)), 'administration screens are not preloaded');
});
