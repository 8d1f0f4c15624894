import { test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import smpp from 'smpp';
import type { DeliveryReport, SendResult } from './channel.ts';
import { SmppChannel } from './smpp-channel.ts';
import type { InboundSms, SmppChannelOptions } from './smpp-channel.ts';
import { SMPP_STATUS } from './smpp-pdu.ts';
import { startSmsc } from '../peers/smsc-server.ts';
import type { SmscOptions } from '../peers/smsc-server.ts';
import { Recorder } from '../peers/recorder.ts';

const CREDENTIALS = { systemId: 'glas', password: 'secret' };

async function setup(t: TestContext, smscOptions: Partial<SmscOptions> = {}, channelOptions: Partial<SmppChannelOptions> = {}) {
  const smsc = await startSmsc({ ...CREDENTIALS, receiptDelayMs: 0, ...smscOptions });
  const reports = new Recorder<DeliveryReport>('a delivery report');
  const inbound = new Recorder<InboundSms>('an incoming SMS');
  const channel = new SmppChannel({
    host: '127.0.0.1',
    port: smsc.port,
    ...CREDENTIALS,
    sourceAddr: 'OpstinaTivat'.slice(0, 11),
    reconnectInitialDelayMs: 20,
    reconnectMaxDelayMs: 100,
    responseTimeoutMs: 3000,
    onReport: (r) => reports.push(r),
    onInbound: (m) => inbound.push(m),
    ...channelOptions,
  });
  t.after(async () => {
    await channel.close();
    await smsc.close();
    reports.close();
    inbound.close();
  });
  return { smsc, channel, reports, inbound };
}

const msg = (to: string, text: string) => ({ messageId: 'n-1', to, text });

test('a GSM-7 text with @ $ _ and € arrives at the SMSC exactly, with data_coding 0', async (t) => {
  const { smsc, channel } = await setup(t);
  assert.equal(await channel.waitUntilBound(3000), true);
  const text = 'Predmet br. 12/2024 @ opstina_tivat $ 5€ [hitno]';
  const result = await channel.send(msg('+38267123456', text));
  assert.equal(result.kind, 'sent');
  const got = await smsc.waitFor((m) => m.destination === '38267123456');
  assert.equal(got.text, text);
  assert.equal(got.dataCoding, 0);
  assert.equal(got.parts, 1);
  assert.equal(got.source, 'OpstinaTiva');
  assert.equal(got.sourceTon, 5);
  assert.equal(got.sourceNpi, 0);
  assert.equal(got.registeredDelivery, 1);
});

test('npm smpp without an explicit data_coding labels GSM bytes as IA5, so the SMSC reads @ wrong', async (t) => {
  // This is the library behaviour the channel avoids by always setting data_coding.
  const smsc = await startSmsc({ ...CREDENTIALS });
  const session = smpp.connect({ host: '127.0.0.1', port: smsc.port });
  session.on('error', () => {});
  t.after(async () => {
    session.destroy();
    await smsc.close();
  });
  await new Promise<void>((resolve) => session.on('connect', () => session.bind_transmitter({ system_id: 'glas', password: 'secret' }, () => resolve())));
  await new Promise<void>((resolve) => session.submit_sm({ destination_addr: '38267000001', short_message: 'a@b' }, () => resolve()));
  const got = await smsc.waitFor();
  assert.equal(got.dataCoding, 1);
  // GSM '@' is septet 0x00, which IA5 reads as NUL.
  assert.equal(got.text, 'a\u0000b');
});

test('a Cyrillic text arrives as UCS-2 (data_coding 8) exactly', async (t) => {
  const { smsc, channel } = await setup(t);
  await channel.waitUntilBound(3000);
  const text = 'Поштовани Љубиша, Ваш предмет 12/2024 је решен.';
  const result = await channel.send(msg('+381641234567', text));
  assert.equal(result.kind, 'sent');
  const got = await smsc.waitFor();
  assert.equal(got.text, text);
  assert.equal(got.dataCoding, 8);
});

test('the gsm7-fold policy sends Cyrillic as folded GSM-7', async (t) => {
  const { smsc, channel } = await setup(t, {}, { encodingPolicy: 'gsm7-fold' });
  await channel.waitUntilBound(3000);
  await channel.send(msg('+381641234567', 'Љубиша Ђорђевић'));
  const got = await smsc.waitFor();
  assert.equal(got.text, 'Ljubisa Djordjevic');
  assert.equal(got.dataCoding, 0);
});

test('a 300-character message goes as two concatenated parts and is reassembled at the SMSC', async (t) => {
  const { smsc, channel } = await setup(t);
  await channel.waitUntilBound(3000);
  const text = Array.from({ length: 30 }, (_, i) => `rec${String(i).padStart(2, '0')}@_$ `)
    .join('')
    .padEnd(300, '.');
  assert.equal(text.length, 300);
  const result = await channel.send(msg('+38267123456', text));
  assert.equal(result.kind, 'sent');
  assert.equal(result.kind === 'sent' && result.parts, 2);
  const got = await smsc.waitFor();
  assert.equal(got.parts, 2);
  assert.equal(got.text, text);
  assert.equal(result.kind === 'sent' && result.providerMessageId, got.messageIds[0]);
});

test('a long Cyrillic message is split into UCS-2 parts and reassembled exactly', async (t) => {
  const { smsc, channel } = await setup(t);
  await channel.waitUntilBound(3000);
  const text = 'Ђорђе 😀 '.repeat(20);
  const result = await channel.send(msg('+38267123456', text));
  assert.equal(result.kind === 'sent' && result.parts, 3);
  assert.equal((await smsc.waitFor()).text, text);
});

test('a delivery receipt becomes a delivered report keyed by the id send() returned', async (t) => {
  const { channel, reports } = await setup(t);
  await channel.waitUntilBound(3000);
  const result = await channel.send(msg('+38267123456', 'Vaš predmet je zaprimljen.'));
  assert.equal(result.kind, 'sent');
  const id = result.kind === 'sent' ? result.providerMessageId : '';
  const report = await reports.waitFor((r) => r.providerMessageId === id);
  assert.equal(report.status, 'delivered');
  assert.equal(report.channel, 'sms');
  assert.match(report.detail ?? '', /stat:DELIVRD/);
});

test('a number the SMSC cannot reach gives a failed report', async (t) => {
  const { channel, reports } = await setup(t);
  await channel.waitUntilBound(3000);
  const result = await channel.send(msg('+38267000999', 'Test'));
  assert.equal(result.kind, 'sent');
  const report = await reports.waitFor((r) => result.kind === 'sent' && r.providerMessageId === result.providerMessageId);
  assert.equal(report.status, 'failed');
  assert.match(report.detail ?? '', /UNDELIV/);
});

test("receipts of a multipart message come one per part, each under its part's id (the delivery side joins them)", async (t) => {
  const { channel, reports } = await setup(t);
  await channel.waitUntilBound(3000);
  const result = await channel.send(msg('+38267123456', 'x'.repeat(400)));
  assert.equal(result.kind === 'sent' && result.parts, 3);
  const parts = result.kind === 'sent' ? (result.newParts ?? []) : [];
  assert.deepEqual(
    parts.map((p) => [p.part, p.total]),
    [
      [1, 3],
      [2, 3],
      [3, 3],
    ],
  );
  assert.equal(new Set(parts.map((p) => p.reference)).size, 1, 'one concatenation reference');
  assert.equal(result.kind === 'sent' && result.providerMessageId, parts[0]!.providerMessageId, "send() returns part 1's id");
  for (const p of parts) assert.equal((await reports.waitFor((r) => r.providerMessageId === p.providerMessageId)).status, 'delivered');
});

test('a part refused by a throttling SMSC is retried as that part, under the same reference; accepted parts are never sent again', async (t) => {
  const { smsc, channel } = await setup(t);
  await channel.waitUntilBound(3000);
  smsc.throttleEvery(2);
  const text = 'Ваш предмет број 351-12/2026 је примљен у писарници општине и прослеђен надлежном одељењу. '.repeat(2);
  const accepted: NonNullable<Extract<SendResult, { kind: 'sent' }>['newParts']> = [];
  let result: SendResult | null = null;
  for (let attempt = 0; attempt < 10 && result?.kind !== 'sent'; attempt++) {
    result = await channel.send({ ...msg('+38267123456', text), acceptedParts: [...accepted] });
    if (result.kind === 'permanent') assert.fail(result.reason);
    if (result.kind === 'retryable') assert.match(result.reason, /ESME_RTHROTTLED/);
    accepted.push(...(result.newParts ?? []));
  }
  assert.equal(result?.kind, 'sent');
  assert.ok(smsc.stats().throttled >= 2, 'some parts were refused');
  const total = result?.kind === 'sent' ? result.parts! : 0;
  assert.ok(total >= 3, `${total} parts`);
  const atSmsc = smsc.acceptedParts();
  assert.deepEqual(
    atSmsc.map((p) => p.sequence),
    Array.from({ length: total }, (_, i) => i + 1),
    'each part accepted exactly once, in order',
  );
  assert.equal(new Set(atSmsc.map((p) => p.reference)).size, 1, 'all under one reference');
  assert.ok(atSmsc.every((p) => p.total === total));
  assert.deepEqual(
    accepted.map((p) => p.providerMessageId),
    atSmsc.map((p) => p.messageId),
  );
  const got = await smsc.waitFor();
  assert.equal(got.text, text, 'the handset gets the whole text');
  assert.equal(got.dataCoding, 8);
  assert.equal(smsc.received().length, 1);
});

test('accepted parts that no longer fit the text (split differently) are not trusted: the message goes whole under a new reference', async (t) => {
  const { smsc, channel } = await setup(t);
  await channel.waitUntilBound(3000);
  const stale = [{ part: 1, total: 5, reference: 7, providerMessageId: 'old-1' }];
  const result = await channel.send({ ...msg('+38267123456', 'x'.repeat(400)), acceptedParts: stale });
  assert.equal(result.kind === 'sent' && result.parts, 3);
  assert.deepEqual(
    smsc.acceptedParts().map((p) => p.sequence),
    [1, 2, 3],
  );
});

test('while the SMSC throttles, send is retryable with retryAfterMs; after it stops, sent', async (t) => {
  const { smsc, channel } = await setup(t, {}, { throttleRetryAfterMs: 1500 });
  await channel.waitUntilBound(3000);
  smsc.throttle(true);
  const throttled = await channel.send(msg('+38267123456', 'Test'));
  assert.deepEqual(throttled, { kind: 'retryable', reason: 'SMSC answered ESME_RTHROTTLED (0x58)', retryAfterMs: 1500 });
  smsc.throttle(false);
  assert.equal((await channel.send(msg('+38267123456', 'Test'))).kind, 'sent');
});

test('an SMSC down at start gives retryable; after it comes up the channel binds by itself and sends', async (t) => {
  const { smsc, channel } = await setup(t);
  await smsc.goDown();
  const down = await channel.send(msg('+38267123456', 'Test'));
  assert.equal(down.kind, 'retryable');
  assert.equal(typeof (down.kind === 'retryable' && down.retryAfterMs), 'number');
  await smsc.comeUp();
  assert.equal(await channel.waitUntilBound(5000), true);
  assert.equal((await channel.send(msg('+38267123456', 'Test'))).kind, 'sent');
});

test('when the SMSC drops a bound connection the channel reconnects and sends again', async (t) => {
  const { smsc, channel } = await setup(t);
  await channel.waitUntilBound(3000);
  await smsc.goDown();
  assert.equal((await channel.send(msg('+38267123456', 'Test'))).kind, 'retryable');
  await smsc.comeUp();
  assert.equal(await channel.waitUntilBound(5000), true);
  assert.equal((await channel.send(msg('+38267123456', 'Test'))).kind, 'sent');
  assert.ok(smsc.stats().binds >= 1);
});

test('a wrong password keeps the channel unbound and sends retryable with the bind error', async (t) => {
  const { channel } = await setup(t, {}, { password: 'wrong' });
  assert.equal(await channel.waitUntilBound(300), false);
  const result = await channel.send(msg('+38267123456', 'Test'));
  assert.equal(result.kind, 'retryable');
  assert.match(result.kind === 'retryable' ? result.reason : '', /ESME_RINVPASWD/);
});

test('an invalid destination is permanent, both locally and when the SMSC refuses it', async (t) => {
  const { channel } = await setup(t, { rejectSubmit: (d) => (d.startsWith('3826700') ? SMPP_STATUS.ESME_RINVDSTADR : null) });
  await channel.waitUntilBound(3000);
  assert.equal((await channel.send(msg('not-a-number', 'Test'))).kind, 'permanent');
  assert.deepEqual(await channel.send(msg('+38267001234', 'Test')), { kind: 'permanent', reason: 'SMSC answered ESME_RINVDSTADR (0x0b)' });
});

test('an injected citizen SMS reaches onInbound, a long Cyrillic one reassembled from its parts', async (t) => {
  const { smsc, channel, inbound } = await setup(t);
  await channel.waitUntilBound(3000);
  assert.equal(await smsc.injectInbound('+38267111222', '1234', 'STATUS 12/2024 @_$'), true);
  const short = await inbound.waitFor();
  assert.deepEqual({ from: short.from, to: short.to, text: short.text }, { from: '38267111222', to: '1234', text: 'STATUS 12/2024 @_$' });
  const long = 'Пријављујем рупу на путу код школе у Ђурђевданској улици. '.repeat(3);
  assert.equal(await smsc.injectInbound('+38267111222', '1234', long), true);
  assert.equal((await inbound.waitFor((m) => m.text !== short.text)).text, long);
});

test('a failing onReport makes the channel ask the SMSC to deliver the receipt again', async (t) => {
  let calls = 0;
  const reports = new Recorder<DeliveryReport>('a delivery report');
  const { channel, smsc } = await setup(
    t,
    { deliverRetryDelayMs: 10 },
    {
      onReport: (r) => {
        calls++;
        if (calls === 1) throw new Error('database unavailable');
        reports.push(r);
      },
    },
  );
  t.after(() => reports.close());
  await channel.waitUntilBound(3000);
  const result = await channel.send(msg('+38267123456', 'Test'));
  const report = await reports.waitFor();
  assert.equal(result.kind === 'sent' && result.providerMessageId, report.providerMessageId);
  assert.equal(calls, 2);
  assert.equal(smsc.received().length, 1);
});

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

test('a submit_sm left unanswered is retryable with an unknown outcome', async (t) => {
  const { smsc, channel } = await setup(t, {}, { responseTimeoutMs: 200 });
  await channel.waitUntilBound(3000);
  smsc.hang(true);
  const result = await channel.send(msg('+38267123456', 'Test'));
  assert.equal(result.kind, 'retryable');
  assert.match(result.kind === 'retryable' ? result.reason : '', /outcome unknown/);
});

test('a hung link is detected by unanswered enquire_link, and the channel rebinds when the SMSC answers again', async (t) => {
  const { smsc, channel } = await setup(t, {}, { enquireLinkIntervalMs: 30, responseTimeoutMs: 200 });
  await channel.waitUntilBound(3000);
  const bindsBefore = smsc.stats().binds;
  smsc.hang(true);
  assert.equal(await until(() => !channel.isBound, 3000), true);
  assert.match(channel.lastError ?? '', /enquire_link not answered/);
  smsc.hang(false);
  assert.equal(await channel.waitUntilBound(5000), true);
  assert.equal(smsc.stats().binds, bindsBefore + 1);
  assert.equal((await channel.send(msg('+38267123456', 'Test'))).kind, 'sent');
});
