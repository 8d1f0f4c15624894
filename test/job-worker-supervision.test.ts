/**
 * The job worker is kept running: a runner that stops by itself (graphile-worker gives up when it
 * cannot record a job's end) is started again, and a replaced runner's locks are released so that
 * its jobs run again now rather than after graphile-worker's 4-hour lock expiry.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeWorkerUtils, type Runner } from 'graphile-worker';
import { superviseJobWorker, type JobWorker } from '../src/runtime.ts';
import { createTestDatabase } from './helpers/db.ts';

function fakeWorker(workerIds: string[]): JobWorker & { fail(e: Error): void; stopped: boolean } {
  let fail!: (e: Error) => void;
  const promise = new Promise<void>((_resolve, reject) => {
    fail = reject;
  });
  const w = {
    runner: { promise, kill: async () => {}, stop: async () => {} } as unknown as Runner,
    workerIds,
    stopped: false,
    fail: (e: Error) => fail(e),
    stop: async () => {
      w.stopped = true;
    },
  };
  return w;
}

test('a job worker that fails is started again; one replaced after a database loss has its jobs unlocked', async () => {
  const tdb = await createTestDatabase();
  const utils = await makeWorkerUtils({ pgPool: tdb.handle.pool });
  try {
    const started: ReturnType<typeof fakeWorker>[] = [];
    const logs: string[] = [];
    const supervisor = superviseJobWorker(
      tdb.handle,
      async () => {
        const w = fakeWorker([`w${started.length + 1}`]);
        started.push(w);
        return w;
      },
      (m) => logs.push(m),
    );
    await supervisor.start();
    assert.equal(started.length, 1);

    // The runner gives up by itself: a new one is started.
    started[0]!.fail(new Error('Could not failJobs; queue is in an inconsistent state; aborting.'));
    for (let i = 0; i < 100 && started.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(started.length, 2);
    assert.ok(
      logs.some((l) => /job worker failed \(Could not failJobs/.test(l)),
      logs.join('\n'),
    );

    // A job left locked by the second runner's worker when the database went away.
    const job = await utils.addJob('noop', {});
    await tdb.handle.pool.query("update graphile_worker._private_jobs set locked_at = now(), locked_by = 'w2' where id = $1", [job.id]);
    await supervisor.replace();
    assert.equal(started.length, 3);
    assert.ok(started[1]!.stopped, 'the old runner is stopped before its locks are released');
    const after = await tdb.handle.pool.query<{ locked_by: string | null }>('select locked_by from graphile_worker.jobs where id = $1', [job.id]);
    assert.equal(after.rows[0]!.locked_by, null);

    await supervisor.stop();
    assert.ok(started[2]!.stopped);
  } finally {
    await utils.release();
    await tdb.drop();
  }
});
