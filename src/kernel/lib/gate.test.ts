import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gate } from './gate.ts';

/** A call that runs until released, recording when it starts. */
function pending(started: string[], name: string) {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  const run = () => {
    started.push(name);
    return done.then(() => name);
  };
  return { run, release };
}

test('a gate lets `limit` calls run at once and the rest in the order they came', async () => {
  const g = gate(2);
  const started: string[] = [];
  const calls = ['a', 'b', 'c', 'd', 'e'].map((n) => pending(started, n));
  const results = calls.map((c) => g.run(c.run));
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(started, ['a', 'b']);
  calls[1]!.release();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(started, ['a', 'b', 'c']);
  calls[0]!.release();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(started, ['a', 'b', 'c', 'd']);
  for (const c of calls) c.release();
  assert.deepEqual(await Promise.all(results), ['a', 'b', 'c', 'd', 'e']);
});

test('a call that fails gives its place to the next one and its error to its caller', async () => {
  const g = gate(1);
  const failing = g.run(async () => {
    throw new Error('refused');
  });
  const next = g.run(async () => 'filed');
  await assert.rejects(failing, /refused/);
  assert.equal(await next, 'filed');
  // The gate is free again: a call now runs at once.
  let ran = false;
  await g.run(async () => {
    ran = true;
  });
  assert.ok(ran);
});
