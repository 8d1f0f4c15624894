import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, messagesOf, type Harness, type HarnessOptions } from './harness.ts';
import { replayStuckMessages } from '../../src/notifications/commands/replay-stuck-messages.ts';
import { touchSender } from '../../src/notifications/repositories/message-repository.ts';
import { deliverMessage } from '../../src/notifications/commands/deliver-message.ts';
import { applyDeliveryReport } from '../../src/notifications/commands/apply-delivery-report.ts';
import { currentService, type NotificationService } from '../../src/notifications/service.ts';
import type { Channel, OutboundMessage, SendResult } from '../../src/channels/channel.ts';

let seq = 0;

async function withHarness(o: HarnessOptions, body: (h: Harness) => Promise<void>) {
  const h = await startHarness(o);
  try { await body(h); } finally { await h.close(); }
}

async function register(h: Harness, party: Record<string, unknown> = {}) {
  const registry = await h.login('registry');
  const phone = `+3816611${String(++seq).padStart(5, '0')}`;
  const r = await h.call({
    method: 'POST', url: '/api/v1/notifications/registrations', as: registry,
    payload: { caseTypeId: h.m.caseType.id, subject: 'Zahtev', channel: 'counter', parties: [{ name: `Građanin ${seq}`, phone, locale: 'sr-Latn', consent: { channels: ['sms'] }, ...party }] },
  });
  assert.equal(r.statusCode, 201, r.body);
  return { ...(r.json() as { id: string; number: string; partyIds: string[] }), dest: phone.slice(1) };
}

const countAt = (h: Harness, dest: string) => h.smsc.received().filter((m) => m.destination === dest).length;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a throttling SMS centre slows delivery down without losing or duplicating a message', async () => {
  await withHarness({ concurrency: 10 }, async (h) => {
    h.smsc.throttle(true);
    const cases = await Promise.all(Array.from({ length: 20 }, () => register(h)));
    await h.eventually(async () => h.smsc.stats().throttled >= 20, 5000, 'throttled submits');
    assert.equal(cases.filter((c) => countAt(h, c.dest) > 0).length, 0, 'nothing gets through while throttled');
    const waiting = (await Promise.all(cases.map((c) => messagesOf(h, c.id)))).flat();
    assert.ok(waiting.every((m) => m.status === 'failed_temporary' || m.status === 'queued' || m.status === 'sending'), JSON.stringify(waiting.map((m) => m.status)));
    assert.ok(waiting.some((m) => /THROTTLED/i.test(m.last_error ?? '')));
    h.smsc.throttle(false);
    await h.eventually(async () => cases.every((c) => countAt(h, c.dest) >= 1), 10_000, 'all 20 SMS');
    await sleep(1500);
    for (const c of cases) assert.equal(countAt(h, c.dest), 1, `exactly one SMS to ${c.dest}`);
  });
});

test('SMS centre down mid-run: messages wait and go out, once each, when it returns', async () => {
  await withHarness({}, async (h) => {
    await h.smsc.goDown();
    const cases = await Promise.all(Array.from({ length: 5 }, () => register(h)));
    await sleep(1000);
    assert.equal(cases.filter((c) => countAt(h, c.dest) > 0).length, 0);
    const rows = (await Promise.all(cases.map((c) => messagesOf(h, c.id)))).flat();
    assert.ok(rows.some((m) => /not bound/.test(m.last_error ?? '')), JSON.stringify(rows.map((m) => m.last_error)));
    await h.smsc.comeUp();
    await h.eventually(async () => cases.every((c) => countAt(h, c.dest) === 1), 20_000, 'SMS after the SMS centre came back');
    await sleep(1000);
    for (const c of cases) assert.equal(countAt(h, c.dest), 1);
  });
});

test('SMS centre down when Glas starts: the message waits until it comes up', async () => {
  await withHarness({ smscDown: true }, async (h) => {
    const c = await register(h);
    await sleep(800);
    assert.equal(countAt(h, c.dest), 0);
    await h.smsc.comeUp();
    const sms = await h.smsc.waitFor((m) => m.destination === c.dest, 20_000);
    assert.ok(sms.text.includes(c.number));
  });
});

test('killed mid-delivery: a message left in "sending" by a dead worker is replayed and sent', async () => {
  await withHarness({ worker: false }, async (h) => {
    const c = await register(h);
    const [m] = await messagesOf(h, c.id);
    // What a worker that died after claiming leaves behind: the message in 'sending', its job locked by the dead worker.
    await h.ctx.db.updateTable('notification_messages').set({ status: 'sending', status_at: new Date(Date.now() - 10 * 60_000), attempts: 1 }).where('id', '=', m!.id).execute();
    await h.handle.pool.query(`update graphile_worker._private_jobs set locked_at = now(), locked_by = 'dead-worker' where key = $1`, [`notify:${m!.id}`]);
    const r = await replayStuckMessages(h.ctx);
    assert.deepEqual(r, { interrupted: 1, orphaned: 0 });
    await h.startWorker();
    await h.smsc.waitFor((x) => x.destination === c.dest, 5000);
    await h.eventually(async () => (await messagesOf(h, c.id))[0]!.status === 'delivered', 5000, 'delivered');
    assert.equal(countAt(h, c.dest), 1);
  });
});

test('a message waiting in a live process (throttled SMS centre) is never replayed, however long it waits; once that process stops beating, it is', async () => {
  await withHarness({ worker: false }, async (h) => {
    const c = await register(h);
    const [m] = await messagesOf(h, c.id);
    const liveSender = '00000000-0000-4000-8000-00000000a11e';
    await h.ctx.db.updateTable('notification_messages').set({ status: 'sending', status_at: new Date(Date.now() - 10 * 60_000), attempts: 1, sending_by: liveSender }).where('id', '=', m!.id).execute();
    await touchSender(h.ctx.db, liveSender, new Date());
    assert.deepEqual(await replayStuckMessages(h.ctx), { interrupted: 0, orphaned: 0 }, 'its sender is alive: the send is still in flight');
    assert.equal((await messagesOf(h, c.id))[0]!.status, 'sending');
    await touchSender(h.ctx.db, liveSender, new Date(Date.now() - 5 * 60_000));
    assert.deepEqual(await replayStuckMessages(h.ctx), { interrupted: 1, orphaned: 0 });
  });
});

test('a queued message whose job vanished is replayed', async () => {
  await withHarness({ worker: false, env: { GLAS_NOTIFY_STUCK_SECONDS: '1' } }, async (h) => {
    const c = await register(h);
    await h.handle.pool.query(`delete from graphile_worker._private_jobs where key like 'notify:%'`);
    assert.deepEqual(await replayStuckMessages(h.ctx), { interrupted: 0, orphaned: 0 }, 'not yet: it may still be on its way');
    await sleep(1100);
    assert.deepEqual(await replayStuckMessages(h.ctx), { interrupted: 0, orphaned: 1 });
    await h.startWorker();
    await h.smsc.waitFor((x) => x.destination === c.dest, 5000);
  });
});

test('a queued message whose job is held by a dead worker is replayed without waiting for graphile-worker\'s 4-hour lock timeout', async () => {
  await withHarness({ worker: false, env: { GLAS_NOTIFY_STUCK_SECONDS: '1' } }, async (h) => {
    const c = await register(h);
    await h.handle.pool.query(`update graphile_worker._private_jobs set locked_at = now() - interval '10 minutes', locked_by = 'dead-worker' where key like 'notify:%'`);
    await sleep(1100);
    assert.deepEqual(await replayStuckMessages(h.ctx), { interrupted: 0, orphaned: 1 });
    await h.startWorker();
    await h.smsc.waitFor((x) => x.destination === c.dest, 5000);
    await sleep(500);
    assert.equal(countAt(h, c.dest), 1);
  });
});

test('consent withdrawn after the event but before sending: nothing is sent', async () => {
  await withHarness({ worker: false }, async (h) => {
    const c = await register(h);
    const registry = await h.login('registry');
    const w = await h.call({ method: 'POST', url: `/api/v1/parties/${c.partyIds[0]}/consents`, as: registry, payload: { channel: 'sms', action: 'withdrawn', method: 'written_application' } });
    assert.equal(w.statusCode, 201, w.body);
    await h.startWorker();
    const m = await h.eventually(async () => {
      const [row] = await messagesOf(h, c.id);
      return row!.status === 'failed_permanent' ? row : undefined;
    }, 5000, 'failed message');
    assert.match(m!.last_error!, /consent for sms withdrawn/);
    assert.equal(countAt(h, c.dest), 0);
  });
});

class FakeChannel implements Channel {
  readonly name = 'sms' as const;
  calls = 0;
  readonly behave: (msg: OutboundMessage) => Promise<SendResult>;
  constructor(behave: (msg: OutboundMessage) => Promise<SendResult>) { this.behave = behave; }
  async send(msg: OutboundMessage) { this.calls++; return this.behave(msg); }
  async close() {}
}

function serviceWith(channel: Channel): NotificationService {
  return { ...currentService()!, channels: new Map([['sms', channel]]) };
}

test('a receipt that arrives before the send is recorded is kept and applied when the provider id is recorded', async () => {
  await withHarness({ worker: false }, async (h) => {
    const c = await register(h);
    const [m] = await messagesOf(h, c.id);
    const fake = new FakeChannel(async () => {
      assert.equal(await applyDeliveryReport(h.ctx, { channel: 'sms', providerMessageId: 'early-1', status: 'delivered', at: new Date() }), 'early');
      return { kind: 'sent', providerMessageId: 'early-1', parts: 1 };
    });
    const out = await deliverMessage(h.ctx, serviceWith(fake), m!.id, { attempts: 1, maxAttempts: 5 });
    assert.deepEqual(out, { kind: 'sent', providerMessageId: 'early-1' });
    const [after] = await messagesOf(h, c.id);
    assert.equal(after!.status, 'delivered');
    const receipts = await h.ctx.db.selectFrom('notification_receipts').selectAll().where('provider_message_id', '=', 'early-1').execute();
    assert.equal(receipts.length, 1);
    assert.equal(receipts[0]!.message_id, m!.id);
    const again = await deliverMessage(h.ctx, serviceWith(fake), m!.id, { attempts: 1, maxAttempts: 5 });
    assert.deepEqual(again, { kind: 'skipped', status: 'delivered' }, 'a second job for the same message sends nothing');
    assert.equal(fake.calls, 1);
  });
});

test('retryable failures are retried by the job (its error rethrown), and on the last attempt the message fails for good', async () => {
  await withHarness({ worker: false }, async (h) => {
    const c = await register(h);
    const [m] = await messagesOf(h, c.id);
    const fake = new FakeChannel(async () => ({ kind: 'retryable', reason: 'SMSC timeout' }));
    assert.deepEqual(await deliverMessage(h.ctx, serviceWith(fake), m!.id, { attempts: 1, maxAttempts: 3 }), { kind: 'retry', reason: 'SMSC timeout' });
    assert.equal((await messagesOf(h, c.id))[0]!.status, 'failed_temporary');
    const last = await deliverMessage(h.ctx, serviceWith(fake), m!.id, { attempts: 3, maxAttempts: 3 });
    assert.equal(last.kind, 'failed');
    const [row] = await messagesOf(h, c.id);
    assert.equal(row!.status, 'failed_permanent');
    assert.equal(row!.attempts, 2);
    assert.match(row!.last_error!, /gave up after 3 attempts: SMSC timeout/);
  });
});

test('a provider wait (retryAfterMs) reschedules the message as a new job after that wait', async () => {
  await withHarness({ worker: false }, async (h) => {
    const c = await register(h);
    const [m] = await messagesOf(h, c.id);
    const fake = new FakeChannel(async () => ({ kind: 'retryable', reason: 'throttled', retryAfterMs: 30_000 }));
    const before = Date.now();
    const out = await deliverMessage(h.ctx, serviceWith(fake), m!.id, { attempts: 1, maxAttempts: 12 });
    const after = Date.now();
    assert.equal(out.kind, 'rescheduled');
    const { rows } = await h.handle.pool.query(`select run_at from graphile_worker.jobs where key = $1`, [`notify:${m!.id}`]);
    // 30 s after the attempt, however long the attempt itself took.
    const runAt = new Date(rows[0].run_at).getTime();
    assert.ok(runAt >= before + 30_000 && runAt <= after + 30_000, `${runAt - before} ms after the attempt began`);
  });
});

test('a message not reported delivered in time is also sent on the next channel', async () => {
  await withHarness({ smsc: { receiptDelayMs: 60_000 }, env: { GLAS_NOTIFY_FALLBACK_SECONDS: '1' } }, async (h) => {
    const c = await register(h, { email: 'spor@example.org', consent: { channels: ['sms', 'email'] } });
    await h.smsc.waitFor((m) => m.destination === c.dest, 5000);
    const mail = await h.smtp.waitFor((m) => m.to.includes('spor@example.org'), 8000);
    assert.ok(mail.subject!.includes(c.number));
    const rows = await messagesOf(h, c.id);
    assert.equal(rows.find((r) => r.channel === 'sms')!.status, 'sent');
    assert.match(rows.find((r) => r.channel === 'email')!.fallback_reason!, /not reported delivered within 1 s/);
  });
});
