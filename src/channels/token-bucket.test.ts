import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenBucket } from './token-bucket.ts';

function clock() {
  let t = 0;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

test('a full bucket allows a burst of its capacity, then asks to wait one token interval', () => {
  const c = clock();
  const bucket = new TokenBucket(10, 3, c.now);
  assert.equal(bucket.tryTake(), 0);
  assert.equal(bucket.tryTake(), 0);
  assert.equal(bucket.tryTake(), 0);
  assert.equal(bucket.tryTake(), 100);
});

test('tokens refill at the configured rate and never above capacity', () => {
  const c = clock();
  const bucket = new TokenBucket(10, 2, c.now);
  bucket.tryTake();
  bucket.tryTake();
  c.advance(50);
  assert.equal(bucket.tryTake(), 50);
  c.advance(50);
  assert.equal(bucket.tryTake(), 0);
  c.advance(10_000);
  assert.equal(bucket.tryTake(), 0);
  assert.equal(bucket.tryTake(), 0);
  assert.ok(bucket.tryTake() > 0);
});

test('take rejects when aborted while waiting, and later waiters still get tokens', async () => {
  const c = clock();
  const bucket = new TokenBucket(1, 1, c.now);
  await bucket.take();
  const controller = new AbortController();
  const waiting = bucket.take(controller.signal);
  controller.abort(new Error('closing'));
  await assert.rejects(waiting, /closing/);
  c.advance(1000);
  await bucket.take();
});

test('invalid rates are refused', () => {
  assert.throws(() => new TokenBucket(0), RangeError);
  assert.throws(() => new TokenBucket(5, 0), RangeError);
});
