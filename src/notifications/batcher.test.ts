import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Batcher } from './batcher.ts';

test('an item arriving when nothing runs is flushed at once, alone', async () => {
  const flushes: number[][] = [];
  const b = new Batcher<number, number>(async (items) => {
    flushes.push(items);
    return items.map((i) => i * 10);
  });
  assert.equal(await b.add(1), 10);
  assert.deepEqual(flushes, [[1]]);
});

test('items arriving during a flush go together in the next one, each getting its own result', async () => {
  const flushes: number[][] = [];
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const b = new Batcher<number, number>(async (items) => {
    flushes.push(items);
    if (items[0] === 1) await gate;
    return items.map((i) => i * 10);
  });
  const first = b.add(1);
  const rest = [b.add(2), b.add(3), b.add(4)];
  release();
  assert.deepEqual(await Promise.all([first, ...rest]), [10, 20, 30, 40]);
  assert.deepEqual(flushes, [[1], [2, 3, 4]]);
});

test('a failed flush fails every item in it, and the next batch is independent', async () => {
  let fail = true;
  const b = new Batcher<number>(async (items) => {
    if (fail) throw new Error('db down');
    return items.map(() => undefined);
  });
  const results = await Promise.allSettled([b.add(1), b.add(2)]);
  assert.ok(results.every((r) => r.status === 'rejected'));
  fail = false;
  await b.add(3);
});

test('batches are capped', async () => {
  const sizes: number[] = [];
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const b = new Batcher<number>(
    async (items) => {
      sizes.push(items.length);
      if (sizes.length === 1) await gate;
      return items.map(() => undefined);
    },
    { maxItems: 2 },
  );
  const all = [b.add(0), b.add(1), b.add(2), b.add(3), b.add(4)];
  release();
  await Promise.all(all);
  assert.deepEqual(sizes, [1, 2, 2]);
});
