/**
 * Codes and activation links go through the one outbox (notification_messages, the notifications.send
 * job), against the real local SMS centre: a code that expires while the SMS centre is down is never
 * sent late, and an activation SMS left in 'sending' by a killed worker is replayed and its delivery
 * receipt matched, exactly as for a case notification.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startCitizenHarness, type CitizenHarness } from './harness.ts';
import type { HarnessOptions } from '../notifications/harness.ts';
import { replayStuckMessages } from '../../src/notifications/commands/replay-stuck-messages.ts';
import { currentService } from '../../src/notifications/service.ts';
import { CODE_TTL_MS } from '../../src/citizens/domain/one-time-code.ts';
import { normalisePhone } from '../../src/kernel/lib/phone.ts';

async function withHarness(o: HarnessOptions, body: (h: CitizenHarness) => Promise<void>) {
  const h = await startCitizenHarness(o);
  try {
    await body(h);
  } finally {
    await h.close();
  }
}

const e164 = (h: CitizenHarness, typed: string) => normalisePhone(typed, h.ctx.config.phoneCountryCode)!;
const smsTo = (h: CitizenHarness, phone: string) => h.smsc.received().filter((m) => m.destination === phone.slice(1));
const messageTo = (h: CitizenHarness, phone: string, kind: string) =>
  h.ctx.db.selectFrom('notification_messages').selectAll().where('recipient', '=', phone).where('kind', '=', kind).orderBy('created_at').execute();

test('a one-time code that expires while the SMS centre is down is never sent: the outbox ends it expired, and a new code goes out once it is back', async () => {
  await withHarness({ smscDown: true }, async (h) => {
    const phone = e164(h, '061 300 401');
    const ask = await h.call({ method: 'POST', url: '/api/v1/portal/codes', payload: { phone: '061 300 401', name: 'Ana Anić' } });
    assert.equal(ask.statusCode, 202, ask.body);
    const [queued] = await messageTo(h, phone, 'sign_up');
    assert.ok(queued, 'the code is a message in the outbox');
    assert.equal(queued.event_id, null);
    // The outage: the delivery job has tried and been refused.
    await h.eventually(
      async () => {
        const [m] = await messageTo(h, phone, 'sign_up');
        return m?.status === 'failed_temporary' && /not bound/.test(m.last_error ?? '');
      },
      10_000,
      'a refused attempt',
    );

    // The outage outlasts the code; then the SMS centre comes back.
    const realNow = h.ctx.now;
    h.ctx.now = () => new Date(realNow().getTime() + CODE_TTL_MS + 60_000);
    await h.smsc.comeUp();
    const [expired] = await h.eventually(
      async () => {
        const rows = await messageTo(h, phone, 'sign_up');
        return rows[0]?.status === 'expired' ? rows : undefined;
      },
      30_000,
      'the code message expired',
    );
    assert.match(expired!.last_error ?? '', /not accepted by the sms channel before/);
    assert.ok(!/\b\d{6}\b/.test(expired!.body), `the expired code is not kept readable: ${expired!.body}`);

    // The SMS centre works again: a new code arrives, and it is the only SMS the number ever got.
    await currentService()!.sms!.waitUntilBound(20_000);
    const again = await h.call({ method: 'POST', url: '/api/v1/portal/codes', payload: { phone: '061 300 401', name: 'Ana Anić' } });
    assert.equal(again.statusCode, 202, again.body);
    await h.smsc.waitFor((m) => m.destination === phone.slice(1), 10_000);
    await h.eventually(async () => (await messageTo(h, phone, 'sign_up'))[1]?.status === 'delivered', 10_000, 'the new code delivered');
    assert.equal(smsTo(h, phone).length, 1, 'the expired code was never sent');
  });
});

test('an activation SMS left in "sending" by a killed worker is replayed like a case notification: sent once, its delivery receipt matched', async () => {
  await withHarness({ worker: false }, async (h) => {
    const phone = e164(h, '067 300 402');
    const registry = await h.login('registry');
    const r = await h.call({
      method: 'POST',
      url: '/api/v1/notifications/registrations',
      as: registry,
      payload: {
        caseTypeId: h.m.caseType.id,
        subject: 'Zahtjev',
        channel: 'counter',
        parties: [{ name: 'Petar Petrović', phone: '067 300 402', consent: { channels: ['sms'] } }],
      },
    });
    assert.equal(r.statusCode, 201, r.body);
    const [activation] = await messageTo(h, phone, 'activation');
    assert.ok(activation, 'the activation link is a message in the outbox');
    // What a worker killed (kill -9) after claiming leaves behind: the message in 'sending', its job locked by the dead worker.
    await h.ctx.db
      .updateTable('notification_messages')
      .set({ status: 'sending', status_at: new Date(Date.now() - 10 * 60_000), attempts: 1 })
      .where('id', '=', activation.id)
      .execute();
    await h.handle.pool.query(`update graphile_worker._private_jobs set locked_at = now(), locked_by = 'dead-worker' where key = $1`, [
      `notify:${activation.id}`,
    ]);
    assert.deepEqual(await replayStuckMessages(h.ctx), { interrupted: 1, orphaned: 0 });

    await h.startWorker();
    const sms = await h.smsc.waitFor((m) => m.destination === phone.slice(1) && m.text.includes('/portal/link#'), 10_000);
    assert.ok(sms);
    await h.eventually(async () => (await messageTo(h, phone, 'activation'))[0]?.status === 'delivered', 10_000, 'activation delivered');
    const receipts = await h.ctx.db.selectFrom('notification_receipts').select(['status']).where('message_id', '=', activation.id).execute();
    const parts = (await messageTo(h, phone, 'activation'))[0]!.sms_parts ?? 1;
    assert.deepEqual(
      receipts.map((x) => x.status),
      Array(parts).fill('delivered'),
      `the delivery receipt of each of its ${parts} parts is matched to it`,
    );
    assert.equal(smsTo(h, phone).filter((m) => m.text.includes('/portal/link#')).length, 1, 'one activation SMS');
    const token = sms.text.match(/#(\S+)/)![1]!;
    const [after] = await messageTo(h, phone, 'activation');
    assert.ok(!after!.body.includes(token), 'the link is not kept once sent');

    // Staff find it in the party's message log, with its delivery record, never with the link.
    const log = await h.call({ method: 'GET', url: `/api/v1/parties/${(r.json() as { partyIds: string[] }).partyIds[0]}/messages`, as: registry });
    assert.equal(log.statusCode, 200, log.body);
    const entry = (log.json().items as { id: string; direct?: boolean; status: string; body: string; receipts: unknown[] }[]).find(
      (m) => m.id === activation.id,
    );
    assert.ok(entry, "the activation SMS is in the party's log");
    assert.deepEqual([entry.direct, entry.status, entry.receipts.length], [true, 'delivered', parts]);
    assert.ok(!entry.body.includes(token), entry.body);
  });
});
