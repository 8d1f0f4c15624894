import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { ownerAlive, ownerRecordOf } from './embedded-postgres.ts';

test('the owner of an embedded data folder is alive only as the same process of the same boot', async () => {
  const me = ownerRecordOf(process.pid, 54329, 'server');
  assert.ok(me.startTicks, 'Linux gives the process start time');
  assert.equal(ownerAlive(me), true);
  // A reused pid: the same number, another process start.
  assert.equal(ownerAlive({ ...me, startTicks: String(Number(me.startTicks) + 1) }), false);
  // Recorded before a reboot.
  assert.equal(ownerAlive({ ...me, bootId: '00000000-0000-0000-0000-000000000000' }), false);
  // A process that has ended.
  const child = spawn(process.execPath, ['-e', '0']);
  const pid = child.pid!;
  const record = ownerRecordOf(pid, 54329, 'server');
  await new Promise((r) => child.once('exit', r));
  assert.equal(ownerAlive(record), false);
});
