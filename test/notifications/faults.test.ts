import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, messagesOf, type Harness, type HarnessOptions } from './harness.ts';
import { REPLAY_JOB_KEY, replayStuckMessages, scheduleReplay } from '../../src/notifications/commands/replay-stuck-messages.ts';
import { notificationsModule } from '../../src/notifications/module.ts';
import { touchSender } from '../../src/notifications/repositories/message-repository.ts';
import { deliverMessage } from '../../src/notifications/commands/deliver-message.ts';
import { applyDeliveryReport } from '../../src/notifications/commands/apply-delivery-report.ts';
import { currentService, type NotificationService } from '../../src/notifications/service.ts';
import type { Channel, OutboundMessage, SendResult } from '../../src/channels/channel.ts';

let seq = 0;

async function withHarness(o: HarnessOptions, body: (h: Harness) => Promise<void>) {
  const h = await startHarness(o);
  try {
    await body(h);
  } finally {
    await h.close();
  }
}

async function register(h: Harness, party: Record<string, unknown> = {}) {
  const registry = await h.login('registry');
  const phone = `+3816611${String(++seq).padStart(5, '0')}`;
  const r = await h.call({
    method: 'POST',
    url: '/api/v1/notifications/registrations',
    as: registry,
    payload: {
      caseTypeId: h.m.caseType.id,
      subject: 'Zahtev',
      channel: 'counter',
      parties: [{ name: `Građanin ${seq}`, phone, locale: 'sr-Latn', consent: { channels: ['sms'] }, ...party }],
    },
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
    assert.ok(
      waiting.every((m) => m.status === 'failed_temporary' || m.status === 'queued' || m.status === 'sending'),
      JSON.stringify(waiting.map((m) => m.status)),
    );
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
    assert.ok(
      rows.some((m) => /not bound/.test(m.last_error ?? '')),
      JSON.stringify(rows.map((m) => m.last_error)),
    );
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
    await h.ctx.db
      .updateTable('notification_messages')
      .set({ status: 'sending', status_at: new Date(Date.now() - 10 * 60_000), attempts: 1 })
      .where('id', '=', m!.id)
      .execute();
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
    await h.ctx.db
      .updateTable('notification_messages')
      .set({ status: 'sending', status_at: new Date(Date.now() - 10 * 60_000), attempts: 1, sending_by: liveSender })
      .where('id', '=', m!.id)
      .execute();
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

test("a queued message whose job is held by a dead worker is replayed without waiting for graphile-worker's 4-hour lock timeout", async () => {
  await withHarness({ worker: false, env: { GLAS_NOTIFY_STUCK_SECONDS: '1' } }, async (h) => {
    const c = await register(h);
    await h.handle.pool.query(
      `update graphile_worker._private_jobs set locked_at = now() - interval '10 minutes', locked_by = 'dead-worker' where key like 'notify:%'`,
    );
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
    const w = await h.call({
      method: 'POST',
      url: `/api/v1/parties/${c.partyIds[0]}/consents`,
      as: registry,
      payload: { channel: 'sms', action: 'withdrawn', method: 'written_application' },
    });
    assert.equal(w.statusCode, 201, w.body);
    await h.startWorker();
    const m = await h.eventually(
      async () => {
        const [row] = await messagesOf(h, c.id);
        return row!.status === 'failed_permanent' ? row : undefined;
      },
      5000,
      'failed message',
    );
    assert.match(m!.last_error!, /consent for sms withdrawn/);
    assert.equal(countAt(h, c.dest), 0);
  });
});

class FakeChannel implements Channel {
  readonly name = 'sms' as const;
  calls = 0;
  readonly behave: (msg: OutboundMessage) => Promise<SendResult>;
  constructor(behave: (msg: OutboundMessage) => Promise<SendResult>) {
    this.behave = behave;
  }
  async send(msg: OutboundMessage) {
    this.calls++;
    return this.behave(msg);
  }
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

test('early receipts are applied oldest first: a failure reported before a (late, contradictory) delivered ends the message', async () => {
  await withHarness({ worker: false }, async (h) => {
    const c = await register(h);
    const [m] = await messagesOf(h, c.id);
    const fake = new FakeChannel(async () => {
      // Delivered receipts alone are applied for a whole batch at once; one failed among them must still come first.
      assert.equal(
        await applyDeliveryReport(h.ctx, { channel: 'sms', providerMessageId: 'early-2', status: 'failed', detail: 'UNDELIV', at: new Date() }),
        'early',
      );
      assert.equal(await applyDeliveryReport(h.ctx, { channel: 'sms', providerMessageId: 'early-2', status: 'delivered', at: new Date() }), 'early');
      return { kind: 'sent', providerMessageId: 'early-2', parts: 1 };
    });
    assert.deepEqual(await deliverMessage(h.ctx, serviceWith(fake), m!.id, { attempts: 1, maxAttempts: 5 }), { kind: 'sent', providerMessageId: 'early-2' });
    const [after] = await messagesOf(h, c.id);
    assert.equal(after!.status, 'failed_permanent');
    assert.match(after!.last_error ?? '', /UNDELIV/);
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

test('restarting Glas never postpones the stuck-message replay: a pending run keeps its time, a due one stays due', async () => {
  await withHarness({ worker: false }, async (h) => {
    const runAt = async () => {
      const { rows } = await h.handle.pool.query(`select run_at from graphile_worker.jobs where key = $1 and locked_at is null`, [REPLAY_JOB_KEY]);
      assert.equal(rows.length, 1, 'exactly one pending replay run');
      return new Date(rows[0].run_at).getTime();
    };
    const first = await runAt();
    // A restart 45 s later (the module's start hook run again, with the clock moved on).
    const later = new Date(Date.now() + 45_000);
    await notificationsModule.stop!();
    await notificationsModule.start!({ ...h.ctx, now: () => later });
    assert.equal(await runAt(), first, 'the pending run keeps its time');
    // In a crash loop the run falls due while no process lives long enough: the next start keeps it due.
    const due = new Date(Date.now() - 30_000);
    await h.handle.pool.query(`update graphile_worker._private_jobs set run_at = $2, attempts = 1, last_error = 'database unreachable' where key = $1`, [
      REPLAY_JOB_KEY,
      due,
    ]);
    await notificationsModule.stop!();
    await notificationsModule.start!({ ...h.ctx, now: () => new Date(later.getTime() + 45_000) });
    assert.equal(await runAt(), due.getTime(), 'a due run (even one that failed once) is not pushed into the future');
    // With no pending run (e.g. the last one is held by a killed worker), a start schedules one interval ahead.
    await h.handle.pool.query(`update graphile_worker._private_jobs set locked_at = now(), locked_by = 'dead-worker' where key = $1`, [REPLAY_JOB_KEY]);
    const now = new Date();
    await scheduleReplay({ ...h.ctx, now: () => now });
    assert.equal(await runAt(), now.getTime() + h.ctx.config.notifyReplaySeconds * 1000);
  });
});

test('the replay runs and schedules its next run one interval later', async () => {
  await withHarness({ worker: false }, async (h) => {
    const {
      rows: [due],
    } = await h.handle.pool.query(`update graphile_worker._private_jobs set run_at = now() - interval '1 second' where key = $1 returning id`, [
      REPLAY_JOB_KEY,
    ]);
    const before = Date.now();
    await h.startWorker();
    // The run is done once its job is gone and another one holds the key (ids, not clocks: the test may run under faketime).
    const next = await h.eventually(
      async () => {
        const { rows } = await h.handle.pool.query(`select id, run_at from graphile_worker.jobs where key = $1 and locked_at is null`, [REPLAY_JOB_KEY]);
        const { rows: old } = await h.handle.pool.query(`select 1 from graphile_worker.jobs where id = $1`, [due.id]);
        return rows[0] && rows[0].id !== due.id && !old.length ? new Date(rows[0].run_at).getTime() : undefined;
      },
      10_000,
      'the next replay run',
    );
    assert.ok(next >= before + h.ctx.config.notifyReplaySeconds * 1000, `${next - before}`);
  });
});

test('recording "sent" and a delivery receipt never waits behind web requests: with every web connection taken, both still commit', async () => {
  await withHarness({ worker: false }, async (h) => {
    const c = await register(h);
    const [m] = await messagesOf(h, c.id);
    const web = h.handle.pool;
    // Requests holding every connection of the web pool, as under a burst of traffic.
    const held = await Promise.all(Array.from({ length: web.options.max }, () => web.connect()));
    let stop = false;
    try {
      const queuedBehindWeb = (async () => {
        while (!stop) {
          if (web.waitingCount > 0) return 'queued behind web requests';
          await sleep(5);
        }
        return 'never queued';
      })();
      const fake = new FakeChannel(async () => ({ kind: 'sent', providerMessageId: 'own-pool-1', parts: 1 }));
      const delivery = (async () => {
        const out = await deliverMessage(h.ctx, serviceWith(fake), m!.id, { attempts: 1, maxAttempts: 5 });
        assert.equal(out.kind, 'sent');
        assert.equal(await applyDeliveryReport(h.ctx, { channel: 'sms', providerMessageId: 'own-pool-1', status: 'delivered', at: new Date() }), 'matched');
        return 'recorded';
      })();
      assert.equal(await Promise.race([delivery, queuedBehindWeb]), 'recorded');
    } finally {
      stop = true;
      for (const client of held) client.release();
    }
    assert.equal((await messagesOf(h, c.id))[0]!.status, 'delivered');
  });
});

test('a throttling SMS centre (every third submit refused) with long Cyrillic messages: each part reaches it exactly once, and every message is complete and delivered', async () => {
  await withHarness({ concurrency: 10 }, async (h) => {
    const admin = await h.login('admin');
    const template = await h.call({
      method: 'PUT',
      url: '/api/v1/notifications/templates/registered/sms/sr-Cyrl',
      as: admin,
      payload: {
        body: 'Поштовани, ваш захтев {number} је примљен у писарници и прослеђен надлежном одељењу. Одговор ћете добити у законском року, а о сваком кораку бићете обавештени поруком. Шифра за праћење: {trackingCode}.',
      },
    });
    assert.equal(template.statusCode, 201, template.body);
    h.smsc.throttleEvery(3);
    const cases = await Promise.all(Array.from({ length: 12 }, () => register(h, { locale: 'sr-Cyrl' })));
    const rows = await h.eventually(
      async () => {
        const all = (await Promise.all(cases.map((c) => messagesOf(h, c.id)))).flat();
        return all.every((m) => m.status === 'delivered') ? all : undefined;
      },
      60_000,
      'every message delivered',
    );
    assert.ok(h.smsc.stats().throttled > 0, 'the SMS centre refused some parts');
    assert.ok(
      rows.every((m) => m.sms_encoding === 'UCS-2' && (m.sms_parts ?? 0) >= 3),
      JSON.stringify(rows.map((m) => [m.sms_encoding, m.sms_parts])),
    );
    assert.ok(
      rows.some((m) => m.attempts > 1),
      'some messages needed a second attempt',
    );
    const parts = h.smsc.acceptedParts();
    assert.equal(
      parts.length,
      rows.reduce((n, m) => n + m.sms_parts!, 0),
      'the SMS centre accepted exactly the parts the messages need',
    );
    for (const [i, c] of cases.entries()) {
      const m = rows.find((r) => r.case_id === c.id)!;
      const mine = parts.filter((p) => p.destination === c.dest);
      assert.equal(new Set(mine.map((p) => p.reference)).size, 1, `one reference for the parts to ${c.dest}`);
      assert.deepEqual(
        mine.map((p) => p.sequence).sort((a, b) => a! - b!),
        Array.from({ length: m.sms_parts! }, (_, k) => k + 1),
        `each part once (case ${i})`,
      );
      const complete = h.smsc.received().filter((s) => s.destination === c.dest);
      assert.equal(complete.length, 1);
      assert.equal(complete[0]!.text, m.body, "the citizen's message is complete");
    }
  });
});

test('the parts of a multipart SMS are kept per attempt; a retry is handed them, and the message is delivered only when every part is', async () => {
  await withHarness({ worker: false }, async (h) => {
    const c = await register(h);
    const [m] = await messagesOf(h, c.id);
    const part = (n: number) => ({ part: n, total: 3, reference: 42, providerMessageId: `mp-${n}` });
    const handed: unknown[] = [];
    let attempt = 0;
    const fake = new FakeChannel(async (msg) => {
      handed.push(msg.acceptedParts ?? []);
      return ++attempt === 1
        ? { kind: 'retryable', reason: 'SMSC answered ESME_RTHROTTLED (0x58)', retryAfterMs: 1000, newParts: [part(1)] }
        : { kind: 'sent', providerMessageId: 'mp-1', parts: 3, newParts: [part(2), part(3)] };
    });
    assert.equal((await deliverMessage(h.ctx, serviceWith(fake), m!.id, { attempts: 1, maxAttempts: 5 })).kind, 'rescheduled');
    // Part 1 is delivered while part 2 waits: the message is not.
    assert.equal(await applyDeliveryReport(h.ctx, { channel: 'sms', providerMessageId: 'mp-1', status: 'delivered', at: new Date() }), 'matched');
    assert.equal((await messagesOf(h, c.id))[0]!.status, 'failed_temporary');
    // Part 3's receipt overtakes the recording of the second attempt.
    assert.equal(await applyDeliveryReport(h.ctx, { channel: 'sms', providerMessageId: 'mp-3', status: 'delivered', at: new Date() }), 'early');
    assert.equal((await deliverMessage(h.ctx, serviceWith(fake), m!.id, { attempts: 2, maxAttempts: 5 })).kind, 'sent');
    assert.deepEqual(handed, [[], [part(1)]], 'the retry is handed the part already accepted');
    const sent = (await messagesOf(h, c.id))[0]!;
    assert.equal(sent.status, 'sent', 'part 2 not yet reported');
    assert.equal(sent.provider_message_id, 'mp-1');
    assert.equal(sent.sms_parts, 3);
    assert.equal(await applyDeliveryReport(h.ctx, { channel: 'sms', providerMessageId: 'mp-2', status: 'delivered', at: new Date() }), 'matched');
    assert.equal((await messagesOf(h, c.id))[0]!.status, 'delivered');
    const receipts = await h.ctx.db
      .selectFrom('notification_receipts')
      .select(['provider_message_id', 'message_id'])
      .where('message_id', '=', m!.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      receipts.map((r) => r.provider_message_id),
      ['mp-1', 'mp-3', 'mp-2'],
      "every part's receipt is matched to the message",
    );
  });
});

test('a failed receipt for one part of a multipart SMS fails the message', async () => {
  await withHarness({ worker: false }, async (h) => {
    const c = await register(h);
    const [m] = await messagesOf(h, c.id);
    const newParts = [1, 2].map((n) => ({ part: n, total: 2, reference: 9, providerMessageId: `fp-${n}` }));
    const fake = new FakeChannel(async () => ({ kind: 'sent', providerMessageId: 'fp-1', parts: 2, newParts }));
    assert.equal((await deliverMessage(h.ctx, serviceWith(fake), m!.id, { attempts: 1, maxAttempts: 5 })).kind, 'sent');
    await applyDeliveryReport(h.ctx, { channel: 'sms', providerMessageId: 'fp-1', status: 'delivered', at: new Date() });
    await applyDeliveryReport(h.ctx, { channel: 'sms', providerMessageId: 'fp-2', status: 'failed', detail: 'stat:UNDELIV err:001', at: new Date() });
    const [row] = await messagesOf(h, c.id);
    assert.equal(row!.status, 'failed_permanent');
    assert.match(row!.last_error!, /UNDELIV/);
  });
});

test('an early receipt of part 1 (before the send is recorded) does not make a three-part SMS delivered', async () => {
  await withHarness({ worker: false }, async (h) => {
    const c = await register(h);
    const [m] = await messagesOf(h, c.id);
    const newParts = [1, 2, 3].map((n) => ({ part: n, total: 3, reference: 5, providerMessageId: `ep-${n}` }));
    const fake = new FakeChannel(async () => {
      assert.equal(await applyDeliveryReport(h.ctx, { channel: 'sms', providerMessageId: 'ep-1', status: 'delivered', at: new Date() }), 'early');
      return { kind: 'sent', providerMessageId: 'ep-1', parts: 3, newParts };
    });
    assert.equal((await deliverMessage(h.ctx, serviceWith(fake), m!.id, { attempts: 1, maxAttempts: 5 })).kind, 'sent');
    assert.equal((await messagesOf(h, c.id))[0]!.status, 'sent', 'parts 2 and 3 are not reported yet');
    for (const id of ['ep-3', 'ep-2']) await applyDeliveryReport(h.ctx, { channel: 'sms', providerMessageId: id, status: 'delivered', at: new Date() });
    assert.equal((await messagesOf(h, c.id))[0]!.status, 'delivered');
  });
});

test('a part accepted while the rest of a long SMS is still to go is kept at once; the rest follows under the same reference, each part once', async () => {
  await withHarness({}, async (h) => {
    const admin = await h.login('admin');
    const template = await h.call({
      method: 'PUT',
      url: '/api/v1/notifications/templates/registered/sms/sr-Cyrl',
      as: admin,
      payload: {
        body: 'Поштовани, ваш захтев {number} је примљен у писарници и прослеђен надлежном одељењу. Одговор ћете добити у законском року, а о сваком кораку бићете обавештени поруком.',
      },
    });
    assert.equal(template.statusCode, 201, template.body);
    h.smsc.hangAfterAccepting(1);
    const c = await register(h, { locale: 'sr-Cyrl' });
    const [m] = await messagesOf(h, c.id);
    // The SMS centre took part 1 and now answers nothing: the send is still waiting for part 2.
    const kept = await h.eventually(
      async () => {
        const { rows } = await h.handle.pool.query(`select part, total, reference, provider_message_id from notification_sms_parts where message_id = $1`, [
          m!.id,
        ]);
        return rows.length ? rows : undefined;
      },
      10_000,
      'part 1 kept',
    );
    assert.equal((await messagesOf(h, c.id))[0]!.status, 'sending', 'kept before the outcome of the send');
    const first = h.smsc.acceptedParts()[0]!;
    assert.deepEqual(kept, [{ part: 1, total: first.total, reference: first.reference, provider_message_id: first.messageId }]);
    h.smsc.hang(false);
    // Part 2 was never answered (outcome unknown); the retry sends parts 2.. under the same reference.
    await h.eventually(async () => (await messagesOf(h, c.id))[0]!.status === 'delivered', 60_000, 'delivered');
    const parts = h.smsc.acceptedParts().filter((p) => p.destination === c.dest);
    assert.deepEqual(
      parts.map((p) => p.sequence),
      Array.from({ length: first.total! }, (_, k) => k + 1),
    );
    assert.equal(new Set(parts.map((p) => p.reference)).size, 1);
    assert.equal(h.smsc.received().filter((s) => s.destination === c.dest)[0]!.text, m!.body);
  });
});
