import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, messagesOf, type Harness, type HarnessOptions } from './harness.ts';
import { BATCHED_JOB_FLAG, sendJobKey } from '../../src/notifications/commands/queue-messages.ts';
import { queueDirectMessage } from '../../src/notifications/commands/queue-direct-message.ts';

let seq = 0;

async function withHarness(o: HarnessOptions, body: (h: Harness) => Promise<void>) {
  const h = await startHarness(o);
  try {
    await body(h);
  } finally {
    await h.close();
  }
}

async function register(h: Harness) {
  const registry = await h.login('registry');
  const phone = `+3816622${String(++seq).padStart(5, '0')}`;
  const r = await h.call({
    method: 'POST',
    url: '/api/v1/notifications/registrations',
    as: registry,
    payload: {
      caseTypeId: h.m.caseType.id,
      subject: 'Zahtev',
      channel: 'counter',
      parties: [{ name: `Građanin ${seq}`, phone, locale: 'sr-Latn', consent: { channels: ['sms'] } }],
    },
  });
  assert.equal(r.statusCode, 201, r.body);
  return { ...(r.json() as { id: string }), dest: phone.slice(1) };
}

const jobsOf = async (h: Harness, messageIds: string[]) =>
  (
    await h.handle.pool.query<{ key: string; flags: Record<string, true> | null; attempts: number }>(
      'select key, flags, attempts from graphile_worker.jobs where key = any($1)',
      [messageIds.map(sendJobKey)],
    )
  ).rows;

test('the batch sender sends a backlog once each, one claim per message, and removes the stand-by jobs of the messages', async () => {
  await withHarness({ worker: false, env: { GLAS_NOTIFY_BATCH: '1' } }, async (h) => {
    const cases = await Promise.all(Array.from({ length: 30 }, () => register(h)));
    const ids = (await Promise.all(cases.map((c) => messagesOf(h, c.id)))).flat().map((m) => m.id);
    assert.equal(ids.length, 30);
    // Each message's own job stands by, flagged for the batch sender.
    const waiting = await jobsOf(h, ids);
    assert.equal(waiting.length, 30);
    assert.ok(waiting.every((j) => j.flags?.[BATCHED_JOB_FLAG]));
    await h.startWorker();
    await h.eventually(
      async () =>
        (await h.ctx.db.selectFrom('notification_messages').select('id').where('id', 'in', ids).where('status', 'in', ['sent', 'delivered']).execute())
          .length === 30,
      15_000,
      'all 30 sent',
    );
    for (const c of cases) assert.equal(h.smsc.received().filter((m) => m.destination === c.dest).length, 1, `exactly one SMS to ${c.dest}`);
    const rows = (await Promise.all(cases.map((c) => messagesOf(h, c.id)))).flat();
    assert.ok(
      rows.every((m) => m.attempts === 1),
      JSON.stringify(rows.map((m) => m.attempts)),
    );
    // Their stand-by jobs are gone (removed by the batch sender; the worker never fetches a flagged job).
    assert.deepEqual(await jobsOf(h, ids), []);
  });
});

test('with GLAS_NOTIFY_BATCH=0 each message goes through its own job, unflagged, as before', async () => {
  await withHarness({ worker: false, env: { GLAS_NOTIFY_BATCH: '0' } }, async (h) => {
    const c = await register(h);
    const [m] = await messagesOf(h, c.id);
    const [job] = await jobsOf(h, [m!.id]);
    assert.ok(job && !job.flags, JSON.stringify(job));
    await h.startWorker();
    await h.eventually(
      async () => {
        const [after] = await messagesOf(h, c.id);
        return after!.status === 'sent' || after!.status === 'delivered';
      },
      10_000,
      'the message sent',
    );
    assert.equal(h.smsc.received().filter((s) => s.destination === c.dest).length, 1);
  });
});

test("the batch sender sends a message when its job is due by the database's clock, as the job would run, whatever the clocks of the processes say", async () => {
  await withHarness({ worker: false, env: { GLAS_NOTIFY_BATCH: '1' } }, async (h) => {
    const HOUR = 3_600_000;
    const real = h.ctx.now;
    const sms = (n: number, delayMs?: number) => ({
      purpose: 'test',
      channel: 'sms' as const,
      recipient: `+38166440000${n}`,
      locale: 'sr-Latn',
      body: `Poruka ${n}`,
      ...(delayMs ? { delayMs } : {}),
    });
    // Held: queued by a process whose clock agrees with the database's, to go in an hour (its job's run_at).
    const held = (await queueDirectMessage(h.ctx.db, h.ctx, sms(1, HOUR)))!;
    // Due: queued by a process whose clock runs three hours ahead; its not_before is that clock's "now", its job is due at once.
    const due = (await queueDirectMessage(h.ctx.db, { ...h.ctx, now: () => new Date(real().getTime() + 3 * HOUR) }, sms(2)))!;
    // The sender's clock runs two hours ahead of the database's: by it the held message's not_before has
    // passed and the due one's has not. A job decides by run_at and the database's now(); so must the batch sender.
    h.ctx.now = () => new Date(real().getTime() + 2 * HOUR);
    const statusOf = async (id: string) =>
      (await h.ctx.db.selectFrom('notification_messages').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
    await h.startWorker();
    await h.eventually(async () => ['sent', 'delivered'].includes(await statusOf(due)), 10_000, 'the due message sent');
    // Both were queued before the sender started, and it claims every due message it reads at once: the held one was read and left.
    assert.equal(await statusOf(held), 'queued');
    assert.equal(h.smsc.received().filter((m) => m.destination === '381664400001').length, 0);
    // Its job comes due: it goes.
    await h.handle.pool.query('update graphile_worker._private_jobs set run_at = now() where key = $1', [sendJobKey(held)]);
    await h.eventually(async () => ['sent', 'delivered'].includes(await statusOf(held)), 10_000, 'the held message sent once its job is due');
    assert.equal(h.smsc.received().filter((m) => m.destination === '381664400001').length, 1);
  });
});

test('a message the batch sender ends unsent (expired before it could go) is not sent and leaves no job behind', async () => {
  await withHarness({ worker: false, env: { GLAS_NOTIFY_BATCH: '1' } }, async (h) => {
    const DAY = 86_400_000;
    // Queued two days ago (as a process clock then said) with a day to live: expired by the time it is claimed.
    const id = (await queueDirectMessage(
      h.ctx.db,
      { ...h.ctx, now: () => new Date(Date.now() - 2 * DAY) },
      { purpose: 'test', channel: 'sms', recipient: '+381664400009', locale: 'sr-Latn', body: 'Kod 123456', ttlMs: DAY },
    ))!;
    assert.equal((await jobsOf(h, [id])).length, 1);
    await h.startWorker();
    await h.eventually(
      async () => (await h.ctx.db.selectFrom('notification_messages').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status === 'expired',
      10_000,
      'the message expired',
    );
    // The worker never fetches a flagged job: unless the batch sender removes it, it stays for good.
    await h.eventually(async () => (await jobsOf(h, [id])).length === 0, 10_000, 'its job removed');
    assert.equal(h.smsc.received().filter((m) => m.destination === '381664400009').length, 0);
  });
});
