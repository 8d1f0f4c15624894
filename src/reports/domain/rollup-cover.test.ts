import { test } from 'node:test';
import assert from 'node:assert/strict';
import { candidateBuckets, coverPeriod } from './rollup-cover.ts';

const d = (s: string) => new Date(s);
const iso = (x: [Date, Date][]) => x.map(([a, b]) => [a.toISOString(), b.toISOString()]);

test('a period is covered by whole months, then whole days, and its edges are read from the reports', () => {
  const c = coverPeriod(d('2026-01-30T10:00:00Z'), d('2026-03-03T05:00:00Z'), d('2026-03-03T05:00:00Z'), new Set());
  assert.deepEqual(
    c.buckets.map((b) => `${b.level}:${b.bucket}`),
    ['d:2026-01-31', 'm:2026-02-01', 'd:2026-03-01', 'd:2026-03-02'],
  );
  assert.deepEqual(iso(c.raw), [
    ['2026-01-30T10:00:00.000Z', '2026-01-31T00:00:00.000Z'],
    ['2026-03-03T00:00:00.000Z', '2026-03-03T05:00:00.000Z'],
  ]);
});

test('changed buckets are read from the reports; a changed month falls back to its days', () => {
  const c = coverPeriod(
    d('2026-02-01T00:00:00Z'),
    d('2026-03-01T00:00:00Z'),
    d('2026-03-01T00:00:00Z'),
    new Set(['m:2026-02-01', 'd:2026-02-10', 'd:2026-02-11']),
  );
  assert.equal(c.buckets.length, 26);
  assert.ok(c.buckets.every((b) => b.level === 'd'));
  assert.deepEqual(iso(c.raw), [['2026-02-10T00:00:00.000Z', '2026-02-12T00:00:00.000Z']]);
});

test('nothing after the instant the figures are counted at comes from the roll-up', () => {
  const c = coverPeriod(d('2026-02-01T00:00:00Z'), d('2026-03-01T00:00:00Z'), d('2026-02-20T12:00:00Z'), new Set());
  assert.equal(c.buckets.at(-1)!.bucket, '2026-02-19');
  assert.deepEqual(iso(c.raw), [['2026-02-20T00:00:00.000Z', '2026-03-01T00:00:00.000Z']]);
  assert.deepEqual(candidateBuckets(d('2026-02-01T01:00:00Z'), d('2026-02-02T00:00:00Z')), []);
});
