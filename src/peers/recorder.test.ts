import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Recorder } from './recorder.ts';

test('waitFor resolves with an item already recorded, or with the first matching item to come', async () => {
  const r = new Recorder<number>('a number');
  r.push(1);
  assert.equal(await r.waitFor((n) => n === 1), 1);
  const later = r.waitFor((n) => n > 5);
  r.push(3);
  r.push(7);
  assert.equal(await later, 7);
  assert.deepEqual(r.all(), [1, 3, 7]);
});

test('waitFor rejects after its timeout, and close rejects whoever still waits', async () => {
  const r = new Recorder<number>('a number');
  await assert.rejects(
    r.waitFor(() => true, 10),
    /timed out after 10 ms waiting for a number/,
  );
  const pending = r.waitFor(() => true, 10_000);
  r.close();
  await assert.rejects(pending, /closed while waiting for a number/);
});

test('clear forgets what was recorded', () => {
  const r = new Recorder<string>('a string');
  r.push('a');
  r.clear();
  assert.equal(r.count, 0);
});
