import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addHistogram, binBounds, binOf, histogramPercentile } from './duration-bins.ts';

test('a duration lies inside the bounds of its bin, and bins are at most 5 % wide', () => {
  for (const h of [0, 0.05, 0.1, 0.2, 1, 3.3, 47, 47.99, 48, 200, 5000]) {
    const [low, high] = binBounds(binOf(h));
    assert.ok(low <= h && h < high, `${h} in [${low}, ${high})`);
    if (h >= 0.1) assert.ok(high / low <= 1.0500001);
  }
});

test('percentiles from a histogram are within a bin of percentile_cont', () => {
  const values = [5, 47, 50, 1.5, 19, 90, 3, 8, 12, 70];
  const h: number[] = [];
  for (const v of values) addHistogram(h, [binOf(v)], [1]);
  const sorted = [...values].sort((a, b) => a - b);
  const cont = (p: number) => {
    const pos = p * (sorted.length - 1);
    const lo = Math.floor(pos);
    return sorted[lo]! + (pos - lo) * ((sorted[lo + 1] ?? sorted[lo]!) - sorted[lo]!);
  };
  for (const p of [0.5, 0.9]) {
    const got = histogramPercentile(h, p)!;
    assert.ok(Math.abs(got - cont(p)) <= 0.05 * cont(p), `p${p * 100}: ${got} vs ${cont(p)}`);
  }
  assert.equal(histogramPercentile([], 0.5), null);
});
