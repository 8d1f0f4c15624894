/**
 * enqueueJobs adds a batch through one call of graphile-worker's add_jobs: each job as add_job would
 * add it (run_at, attempts, key, priority, flags), and a batch naming the same key twice keeps the last,
 * as two add_job calls would.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestDatabase, type TestDb } from './helpers/db.ts';
import { enqueueJobs } from '../src/kernel/jobs.ts';

let t: TestDb;
before(async () => {
  t = await createTestDatabase();
});
after(async () => {
  await t.drop();
});

const jobs = async (keyPrefix: string) =>
  (
    await sql<{
      task: string;
      payload: unknown;
      run_at: Date;
      max_attempts: number;
      key: string | null;
      priority: number;
      flags: unknown;
      queue: string | null;
    }>`
      select t.identifier as task, j.payload, j.run_at, j.max_attempts, j.key, j.priority, j.flags, q.queue_name as queue
      from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
      left join graphile_worker._private_job_queues q on q.id = j.job_queue_id
      where j.key like ${`${keyPrefix}%`} order by j.key`.execute(t.handle.db)
  ).rows;

test('a batch adds each job with its options, in the transaction that adds them', async () => {
  const at = new Date('2031-03-01T08:00:00Z');
  await t.handle.db.transaction().execute(async (tx) => {
    await enqueueJobs(tx, [
      { task: 'test.a', payload: { n: 1 }, options: { runAt: at, jobKey: 'b1:a', maxAttempts: 10 } },
      { task: 'test.b', payload: { n: 2 }, options: { jobKey: 'b1:b', queueName: 'q1', priority: 3, flags: ['slow'] } },
    ]);
  });
  const rows = await jobs('b1:');
  assert.equal(rows.length, 2);
  assert.deepEqual(
    { ...rows[0], run_at: rows[0]!.run_at.toISOString() },
    { task: 'test.a', payload: { n: 1 }, run_at: at.toISOString(), max_attempts: 10, key: 'b1:a', priority: 0, flags: null, queue: null },
  );
  assert.deepEqual(
    { ...rows[1], run_at: undefined },
    { task: 'test.b', payload: { n: 2 }, run_at: undefined, max_attempts: 25, key: 'b1:b', priority: 3, flags: { slow: true }, queue: 'q1' },
  );
  await assert.rejects(
    t.handle.db.transaction().execute(async (tx) => {
      await enqueueJobs(tx, [{ task: 'test.a', payload: {}, options: { jobKey: 'b2:a' } }]);
      throw new Error('rolled back');
    }),
    /rolled back/,
  );
  assert.deepEqual(await jobs('b2:'), []);
});

test('a batch naming a key twice keeps the later job, as two add_job calls would', async () => {
  await enqueueJobs(t.handle.db, [
    { task: 'test.a', payload: { n: 1 }, options: { jobKey: 'b3:x' } },
    { task: 'test.b', payload: { n: 2 }, options: { jobKey: 'b3:y' } },
    { task: 'test.c', payload: { n: 3 }, options: { jobKey: 'b3:x', maxAttempts: 4 } },
  ]);
  const rows = await jobs('b3:');
  assert.deepEqual(
    rows.map((r) => [r.key, r.task, r.payload, r.max_attempts]),
    [
      ['b3:x', 'test.c', { n: 3 }, 4],
      ['b3:y', 'test.b', { n: 2 }, 25],
    ],
  );
});
