import { test } from 'node:test';
import assert from 'node:assert/strict';
import { waitUntilIdle } from '../src/kernel/db/database.ts';
import { createTestDatabase } from './helpers/db.ts';

test('at shutdown the pool is closed only once no handler holds a connection (or the wait runs out)', async () => {
  const tdb = await createTestDatabase();
  try {
    const held = await tdb.handle.pool.connect();
    await held.query('select 1');
    // Still held: the wait gives up after its limit.
    assert.equal(await waitUntilIdle(tdb.handle.pool, 200), false);
    // Released while waiting: the wait ends after the release, not before.
    let releasedAt = 0;
    setTimeout(() => {
      releasedAt = Date.now();
      held.release();
    }, 300);
    assert.equal(await waitUntilIdle(tdb.handle.pool, 5_000), true);
    assert.ok(releasedAt > 0 && Date.now() >= releasedAt, 'resolved after the connection came back');
    // Queries still work until the pool is closed.
    assert.equal((await tdb.handle.pool.query('select 2 as n')).rows[0].n, 2);
  } finally {
    await tdb.drop();
  }
});
